import type { Database, Transaction } from '@messaging-app/shared';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors/app-error';
import type { IdempotencyService, Outcome } from '../../platform/idempotency/idempotency.service';
import type { DomainMetrics } from '../../platform/observability/metrics';
import type { RateLimiter } from '../../platform/rate-limits/limiter';
import { enforceRateLimit, type RateLimitPolicy, type RateLimitReport } from '../../platform/rate-limits/policy';
import type { Caller } from '../users';
import type { ConversationAccess, MembershipLock } from './conversation-access';
import { positionOf } from './cursor';
import type { Message } from './message.dto';
import type { MessageEditsRepository } from './message-edits.repository';
import type { MessageEvents } from './message-events';
import type { MessagePresenter } from './message-presenter';
import type { MessageRef } from './message-reading.service';
import type { MessageInHand } from './message-rows';
import type { MessagesRepository } from './messages.repository';
import type { ReactionsRepository } from './reactions.repository';

/** Presents messages for no one in particular: `reacted_by_me` is filled in per receiver on delivery. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export interface MessageWritingDependencies {
  db: Database;
  messages: MessagesRepository;
  edits: MessageEditsRepository;
  reactions: ReactionsRepository;
  presenter: MessagePresenter;
  events: MessageEvents;
  conversations: ConversationAccess;
  idempotency: IdempotencyService;
  metrics: DomainMetrics;
  /** How many messages a user may send, and what counts them; undefined when sends are not limited. */
  sendLimit?: { policy: RateLimitPolicy; limiter: RateLimiter };
}

/**
 * Writing messages: send (replies included), edit, delete (a tombstone when it has replies), and
 * staff moderation. Every write locks the writer's membership first, and records its events in its own
 * transaction from what it holds: nothing is read back to be announced.
 */
export class MessageWritingService {
  constructor(private readonly deps: MessageWritingDependencies) {}

  /**
   * Sends a message (a reply when `parentMessageId` is given). With an `idempotencyKey`, the same
   * request sent again answers the first result instead of sending a second message.
   *
   * The order of the checks is what a client sees: 400 for an invalid message, 404 for a conversation
   * the caller is not in, the first answer again for a replay (or 409 for a key reused for something
   * else), and only then the rate limit (429). Only the send that is stored counts against the limit,
   * in its own transaction: a refused, failed or replayed send costs the user nothing.
   */
  async sendMessage({
    caller,
    conversationId,
    body,
    parentMessageId,
    idempotencyKey,
  }: {
    caller: Caller;
    conversationId: string;
    body: string;
    parentMessageId?: string;
    idempotencyKey?: string;
  }): Promise<Outcome<Message> & { replayed: boolean; rateLimit?: RateLimitReport }> {
    assertHasText(body);
    const { messages, conversations, presenter, events, sendLimit } = this.deps;
    const request = {
      userId: caller.userId,
      scope: 'sendMessage',
      key: idempotencyKey,
      payload: { conversationId: conversationId.toLowerCase(), body, parentMessageId: parentMessageId?.toLowerCase() },
    };
    let rateLimit: RateLimitReport | undefined;
    const outcome = await this.deps.idempotency.run(
      request,
      async (transaction) => {
        const parent = parentMessageId ? await this.lockThreadRoot(conversationId, parentMessageId.toLowerCase(), transaction) : undefined;
        if (sendLimit) rateLimit = await enforceRateLimit(sendLimit, caller.userId, transaction);
        const sentAt = new Date();
        const sent = await messages.create(
          { conversationId, senderId: caller.userId, messageBody: body, sentAt, parentMessageId: parent?.messageId ?? null },
          transaction,
        );
        const threadRoot = parent && { ...parent, ...(await messages.countReply(parent.messageId, sentAt, transaction)) };
        await conversations.recordActivity(conversationId, { at: sentAt, messagesAdded: 1 }, transaction);
        // Whoever writes has read what came before.
        await conversations.advanceReadMarker(conversationId, caller.userId, positionOf(sent), transaction);
        const message = presenter.presentNew(sent);
        await events.messageChanged(transaction, 'message.created', message, []);
        if (threadRoot)
          await events.messageChanged(transaction, 'message.updated', presenter.presentInHand(threadRoot, NOBODY), threadRoot.reactions);
        return { status: 201, body: message };
      },
      (transaction) => this.lockMembership(conversationId, caller, 'update', transaction),
    );
    if (!outcome.replayed) this.deps.metrics.messageSent();
    return { ...outcome, rateLimit };
  }

  /** Keeps the body being replaced as a version of the message's history; an unchanged body is no edit. */
  async updateMessage({ caller, conversationId, messageId, body }: MessageRef & { body: string }): Promise<Message> {
    assertHasText(body);
    const { db, edits, messages, presenter, events } = this.deps;
    return db.transaction(async (transaction) => {
      await this.lockMembership(conversationId, caller, 'write', transaction);
      const message = await this.lockOwnMessage({ caller, conversationId, messageId }, transaction);
      if (message.deletedAt) throw conflict('This message was deleted; it cannot be edited.');
      if (message.messageBody === body) return presenter.presentInHand(message, caller.userId);
      const editedAt = new Date();
      await edits.add(
        { messageId, messageBody: message.messageBody, writtenAt: message.editedAt ?? message.sentAt, replacedAt: editedAt },
        transaction,
      );
      await messages.updateBody(messageId, body, editedAt, transaction);
      const edited: MessageInHand = { ...message, messageBody: body, editedAt };
      await events.messageChanged(transaction, 'message.updated', presenter.presentInHand(edited, NOBODY), edited.reactions);
      return presenter.presentInHand(edited, caller.userId);
    });
  }

  /**
   * A message with replies becomes a tombstone (body, history and reactions removed) so its thread stays
   * readable; any other message is removed. Removing a tombstone's last reply removes the tombstone too.
   */
  async deleteMessage(ref: MessageRef): Promise<void> {
    await this.deps.db.transaction(async (transaction) => {
      await this.lockMembership(ref.conversationId, ref.caller, 'write', transaction);
      await this.remove(await this.lockOwnMessage(ref, transaction), transaction);
    });
  }

  /**
   * Moderation (staff, already authorised by the caller): removes any message exactly as its sender's
   * delete would, so threads keep their tombstones and reply counts stay right.
   */
  async moderateDelete({ messageId, conversationId }: { messageId: string; conversationId: string }): Promise<void> {
    await this.deps.db.transaction(async (transaction) => {
      const message = await this.deps.messages.lockInConversation(conversationId, messageId, transaction);
      if (!message) throw notFound('Message');
      await this.remove(message, transaction);
    });
  }

  /** A message with replies becomes a tombstone; any other is deleted (and its thread's count goes down). */
  private async remove(message: MessageInHand, transaction: Transaction): Promise<void> {
    if (message.deletedAt) return;
    const { messages, edits, reactions, conversations, presenter, events } = this.deps;
    const { conversationId } = message;
    if (message.replyCount > 0) {
      await edits.deleteAll(message.messageId, transaction);
      await reactions.deleteAll(message.messageId, transaction);
      await messages.tombstone(message.messageId, new Date(), transaction);
      await events.messageDeleted(transaction, conversationId, message.messageId);
      return;
    }
    // The thread's root is locked before the delete, in the order a new reply takes its locks (root,
    // then the conversation row): the other order deadlocks against a reply sent at the same moment.
    const parent = message.parentMessageId
      ? await messages.lockInConversation(conversationId, message.parentMessageId, transaction)
      : undefined;
    await messages.delete(message.messageId, transaction);
    let removed = 1;
    let updatedParent: MessageInHand | undefined;
    let parentGone = false;
    if (parent) {
      const counters = await messages.uncountReply(parent.messageId, transaction);
      if (counters.replyCount === 0 && parent.deletedAt) {
        // A tombstone kept only for this thread goes with its last reply.
        await messages.delete(parent.messageId, transaction);
        removed += 1;
        parentGone = true;
      } else {
        updatedParent = { ...parent, ...counters };
      }
    }
    await conversations.recordActivity(conversationId, { messagesAdded: -removed }, transaction);
    // Events last, once every row this needs is locked.
    await events.messageDeleted(transaction, conversationId, message.messageId);
    if (parentGone) await events.messageDeleted(transaction, conversationId, parent!.messageId);
    if (updatedParent)
      await events.messageChanged(transaction, 'message.updated', presenter.presentInHand(updatedParent, NOBODY), updatedParent.reactions);
  }

  private async lockMembership(conversationId: string, caller: Caller, mode: MembershipLock, transaction: Transaction): Promise<void> {
    if (!(await this.deps.conversations.lockMembership(conversationId, caller.userId, mode, transaction))) throw notFound('Conversation');
  }

  /** Participants may read any message; only its sender may change or delete it. */
  private async lockOwnMessage({ caller, conversationId, messageId }: MessageRef, transaction: Transaction): Promise<MessageInHand> {
    const message = await this.deps.messages.lockInConversation(conversationId, messageId, transaction);
    if (!message) throw notFound('Message');
    if (message.senderId !== caller.userId) throw forbidden('Only the sender can change or delete this message.');
    return message;
  }

  /** The parent of a new reply: a top-level message of the same conversation, locked while the reply is counted. */
  private async lockThreadRoot(conversationId: string, parentMessageId: string, transaction: Transaction): Promise<MessageInHand> {
    const parent = await this.deps.messages.lockInConversation(conversationId, parentMessageId, transaction);
    if (!parent) {
      throw validationFailed('There is no such message in this conversation to reply to.', {
        parent_message_id: 'Must be a message of this conversation.',
      });
    }
    if (parent.parentMessageId) {
      throw validationFailed('Threads are one level deep: reply to the thread\u2019s top-level message.', {
        parent_message_id: `Is itself a reply; use ${parent.parentMessageId}.`,
      });
    }
    return parent;
  }
}

function assertHasText(body: string): void {
  if (body.trim().length === 0) {
    throw validationFailed('The message body must not be empty.', { message_body: 'Must contain non-whitespace text.' });
  }
}
