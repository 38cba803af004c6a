import type { Database, Transaction } from '@messaging-app/shared';
import type { AuthUser } from '../auth/auth-user';
import type { EventLog } from '../events/event-log';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors/app-error';
import type { IdempotencyService, Outcome } from '../../platform/idempotency/idempotency.service';
import type { MessagePresenter } from '../messages/message-presenter';
import type { MessagesRepository } from '../messages/messages.repository';
import { toUserSummary } from '../users/user.dto';
import type { UsersRepository } from '../users/users.repository';
import {
  MAX_PARTICIPANTS,
  type Conversation,
  type ConversationKind,
  type CreateConversationRequest,
  type ReadState,
  type UnreadSummary,
} from './conversation.dto';
import type { ConversationRecord, ConversationsRepository, MembershipLock } from './conversations.repository';
import type { ReadMarkersRepository } from './read-markers.repository';

/** Ids as given, lower-cased and without repeats or the caller. */
function othersThanCaller(ids: string[], caller: AuthUser): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => id !== caller.userId);
}

export class ConversationsService {
  constructor(
    private readonly db: Database,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly readMarkers: ReadMarkersRepository,
    private readonly presenter: MessagePresenter,
    private readonly users: UsersRepository,
    private readonly idempotency: IdempotencyService,
    private readonly eventLog: EventLog,
  ) {}

  /**
   * Starts a conversation (201). A direct one between two people exists at most once: asking for it
   * again answers the existing one (200). With an `idempotencyKey`, a retry answers the first result.
   */
  async createConversation({
    caller,
    input,
    idempotencyKey,
  }: {
    caller: AuthUser;
    input: CreateConversationRequest;
    idempotencyKey?: string;
  }): Promise<Outcome<Conversation> & { replayed: boolean }> {
    const others = othersThanCaller(input.participant_ids, caller);
    if (others.length === 0) {
      throw validationFailed('A conversation needs at least one participant other than you.', {
        participant_ids: 'Name at least one other user.',
      });
    }
    if (others.length + 1 > MAX_PARTICIPANTS) {
      throw validationFailed(`A conversation can have at most ${MAX_PARTICIPANTS} participants.`, {
        participant_ids: `At most ${MAX_PARTICIPANTS - 1} other users.`,
      });
    }
    const kind: ConversationKind = input.kind ?? (others.length === 1 ? 'direct' : 'group');
    const title = assertTitleFits(kind, input.title);
    if (kind === 'direct' && others.length !== 1) {
      throw validationFailed('A direct conversation is between you and exactly one other person.', {
        kind: 'Use group for more than one other participant.',
      });
    }

    const request = { userId: caller.userId, scope: 'createConversation', key: idempotencyKey, payload: input };
    return this.idempotency.run(request, async (transaction) => {
      await this.assertActiveUsers(others, 'participant_ids', transaction);
      const at = new Date();
      const { conversationId, created } =
        kind === 'direct'
          ? await this.conversations.createOrFindDirect({ createdById: caller.userId, otherId: others[0], at }, transaction)
          : {
              conversationId: await this.conversations.createGroup(
                { createdById: caller.userId, title, participantIds: [caller.userId, ...others], at },
                transaction,
              ),
              created: true,
            };
      const [conversation] = await this.present([await this.findOwn(conversationId, caller, transaction)], caller, transaction);
      // Nothing in it is read or unread yet, so what the caller sees is what everyone sees.
      if (created) await this.eventLog.record(transaction, { type: 'conversation.created', conversationId, data: { conversation } });
      return { status: created ? 201 : 200, body: conversation };
    });
  }

  async getConversation({ caller, conversationId }: { caller: AuthUser; conversationId: string }): Promise<Conversation> {
    const [shaped] = await this.present([await this.findOwn(conversationId, caller)], caller);
    return shaped;
  }

  async listConversations({ caller, page }: { caller: AuthUser; page: PageRequest }): Promise<PageOf<Conversation>> {
    const { count, rows } = await this.conversations.listForParticipant(caller.userId, {
      offset: offsetOf(page),
      limit: page.pageSize,
    });
    assertPageExists(page, count);
    return { ...page, count, results: await this.present(rows, caller) };
  }

  /**
   * Any participant of a group may add people; those already in it are skipped. Newcomers see the
   * history, with their read marker at the newest message so that only what comes next is unread.
   */
  async addParticipants({ caller, conversationId, userIds }: { caller: AuthUser; conversationId: string; userIds: string[] }): Promise<Conversation> {
    const conversation = await this.findOwn(conversationId, caller);
    assertGroup(conversation, 'Nobody can be added to a direct conversation; start a group instead.');
    await this.db.transaction(async (transaction) => {
      await this.lockMembership(conversationId, caller.userId, 'write', transaction);
      await this.conversations.lock(conversationId, transaction);
      const current = new Set(await this.conversations.participantIds(conversationId, transaction));
      const newcomers = othersThanCaller(userIds, caller).filter((id) => !current.has(id));
      if (newcomers.length === 0) return;
      await this.assertActiveUsers(newcomers, 'user_ids', transaction);
      if (current.size + newcomers.length > MAX_PARTICIPANTS) {
        throw validationFailed(`A conversation can have at most ${MAX_PARTICIPANTS} participants.`, {
          user_ids: `At most ${MAX_PARTICIPANTS - current.size} more people.`,
        });
      }
      const newest = await this.messages.latestPosition(conversationId, transaction);
      await this.conversations.addParticipants(conversationId, newcomers, new Date(), newest, transaction);
      const participants = (await this.users.findActiveByIds(newcomers, transaction)).map(toUserSummary);
      await this.eventLog.record(transaction, { type: 'participant.added', conversationId, data: { participants } });
    });
    return this.getConversation({ caller, conversationId });
  }

  /** The caller leaves a group and from then on sees nothing of it; a group nobody is left in is deleted. */
  async leaveConversation({ caller, conversationId }: { caller: AuthUser; conversationId: string }): Promise<void> {
    const conversation = await this.findOwn(conversationId, caller);
    assertGroup(conversation, 'Nobody can leave a direct conversation.');
    await this.db.transaction(async (transaction) => {
      // The membership first: a write of the caller's still holding it lands before the leave.
      await this.lockMembership(conversationId, caller.userId, 'remove', transaction);
      await this.conversations.lock(conversationId, transaction);
      await this.conversations.removeParticipant(conversationId, caller.userId, transaction);
      const remaining = await this.conversations.participantIds(conversationId, transaction);
      if (remaining.length === 0) {
        await this.conversations.delete(conversationId, transaction);
      }
      // The one who left hears it too (their other devices), and nothing after it.
      const recipientIds = [...remaining, caller.userId];
      await this.eventLog.record(transaction, { type: 'participant.removed', conversationId, data: { user_id: caller.userId }, recipientIds });
    });
  }

  /** Whoever created a group may remove others from it; removing yourself is leaving. */
  async removeParticipant({ caller, conversationId, userId }: { caller: AuthUser; conversationId: string; userId: string }): Promise<void> {
    const target = userId.toLowerCase();
    if (target === caller.userId) return this.leaveConversation({ caller, conversationId });
    const conversation = await this.findOwn(conversationId, caller);
    assertGroup(conversation, 'Nobody can be removed from a direct conversation.');
    if (conversation.createdById !== caller.userId) throw forbidden('Only whoever created the group can remove people from it.');
    const removed = await this.db.transaction(async (transaction) => {
      await this.lockMembership(conversationId, caller.userId, 'write', transaction);
      // The removed person's membership before the conversation, as their own writes take them.
      if (!(await this.conversations.lockMembership(conversationId, target, 'remove', transaction))) return false;
      await this.conversations.lock(conversationId, transaction);
      if (!(await this.conversations.removeParticipant(conversationId, target, transaction))) return false;
      const recipientIds = [...(await this.conversations.participantIds(conversationId, transaction)), target];
      await this.eventLog.record(transaction, { type: 'participant.removed', conversationId, data: { user_id: target }, recipientIds });
      return true;
    });
    if (!removed) throw notFound('Participant');
  }

  /**
   * Moves the caller's read marker to a message (by default the newest). Markers only move forwards, so
   * marking an older message, as a client with a stale view might, changes nothing.
   */
  async markRead({ caller, conversationId, messageId }: { caller: AuthUser; conversationId: string; messageId?: string }): Promise<ReadState> {
    return this.db.transaction(async (transaction) => {
      // The marker lives on the membership row, which this updates: locked for that from the start.
      await this.lockMembership(conversationId, caller.userId, 'update', transaction);
      const target = messageId
        ? await this.messages.findInConversation(conversationId, messageId, transaction)
        : await this.messages.latestPosition(conversationId, transaction);
      if (messageId && !target) {
        throw validationFailed('There is no such message in this conversation.', { message_id: 'Must be a message of this conversation.' });
      }
      if (target) {
        const moved = await this.readMarkers.advance(conversationId, caller.userId, { sentAt: target.sentAt, messageId: target.messageId }, transaction);
        const data = { user_id: caller.userId, last_read_message_id: target.messageId };
        if (moved) await this.eventLog.record(transaction, { type: 'read.updated', conversationId, data });
      }
      const state = (await this.readMarkers.statesOf(caller.userId, [conversationId], transaction)).get(conversationId);
      return { conversation_id: conversationId, last_read_message_id: state?.lastReadMessageId ?? null, unread_count: state?.unreadCount ?? 0 };
    });
  }

  /** Unread messages in all the caller's conversations. */
  async unreadSummary(caller: AuthUser): Promise<UnreadSummary> {
    const totals = await this.readMarkers.totalsOf(caller.userId);
    return { unread_count: totals.unreadCount, unread_conversations: totals.unreadConversations };
  }

  /**
   * For writes: the caller's membership, locked to the commit (ConversationsRepository.lockMembership);
   * someone not (or no longer) in the conversation gets 404 and changes nothing.
   */
  private async lockMembership(conversationId: string, userId: string, mode: MembershipLock, transaction: Transaction): Promise<void> {
    if (!(await this.conversations.lockMembership(conversationId, userId, mode, transaction))) throw notFound('Conversation');
  }

  /** The conversation if the caller is in it; for anyone else it does not exist. */
  private async findOwn(conversationId: string, caller: AuthUser, transaction?: Transaction): Promise<ConversationRecord> {
    const conversation = await this.conversations.findForParticipant(conversationId, caller.userId, transaction);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  private async assertActiveUsers(userIds: string[], field: string, transaction: Transaction): Promise<void> {
    const found = new Set((await this.users.findActiveByIds(userIds, transaction)).map((user) => user.userId));
    const unknown = userIds.filter((id) => !found.has(id));
    if (unknown.length > 0) throw validationFailed(`Unknown users: ${unknown.join(', ')}.`, { [field]: { unknown } });
  }

  /** Batched queries for a whole page (participants, latest messages and their reactions, read state), never one per row. */
  private async present(rows: ConversationRecord[], caller: AuthUser, transaction?: Transaction): Promise<Conversation[]> {
    const ids = rows.map((row) => row.conversationId);
    const loads = [
      () => this.conversations.participantsOf(ids, transaction),
      () => this.messages.latestOf(ids, transaction),
      () => this.readMarkers.statesOf(caller.userId, ids, transaction),
    ] as const;
    // A transaction is one connection, which takes one query at a time; without one, the pool runs them side by side.
    const [participants, latest, readStates] = transaction
      ? [await loads[0](), await loads[1](), await loads[2]()]
      : await Promise.all([loads[0](), loads[1](), loads[2]()]);
    const lastMessages = new Map(
      (await this.presenter.present([...latest.values()], caller.userId, transaction)).map((message) => [message.conversation_id, message]),
    );
    return rows.map((row) => ({
      conversation_id: row.conversationId,
      kind: row.kind,
      title: row.title,
      created_by_id: row.createdById,
      participants: (participants.get(row.conversationId) ?? []).map(toUserSummary),
      created_at: row.createdAt,
      last_message: lastMessages.get(row.conversationId) ?? null,
      unread_count: readStates.get(row.conversationId)?.unreadCount ?? 0,
      last_read_message_id: readStates.get(row.conversationId)?.lastReadMessageId ?? null,
    }));
  }
}

function assertGroup(conversation: ConversationRecord, message: string): void {
  if (conversation.kind !== 'group') throw conflict(message);
}

/** Titles name groups; a direct conversation is named by the other person. */
function assertTitleFits(kind: ConversationKind, title: string | undefined): string | null {
  if (title === undefined) return null;
  if (kind === 'direct') throw validationFailed('Direct conversations have no title.', { title: 'Only groups have a title.' });
  const trimmed = title.trim();
  if (trimmed.length === 0) throw validationFailed('The title must not be blank.', { title: 'Must contain non-whitespace text.' });
  return trimmed;
}
