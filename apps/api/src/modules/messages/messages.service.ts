import type { Database, Transaction } from '@messaging-app/shared';
import type { AuthUser } from '../auth/auth-user';
import { positionOf } from './cursor';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors/app-error';
import type { ConversationsRepository, MembershipLock } from '../conversations/conversations.repository';
import type { EventLog } from '../events/event-log';
import type { DomainMetrics } from '../../platform/observability/metrics';
import type { ReadMarkersRepository } from '../conversations/read-markers.repository';
import type { IdempotencyService, Outcome } from '../../platform/idempotency/idempotency.service';
import type { RateLimiter } from '../../platform/rate-limits/limiter';
import { enforceRateLimit, type RateLimitPolicy, type RateLimitReport } from '../../platform/rate-limits/policy';
import type { UsersRepository } from '../users/users.repository';
import { parseEmoji } from './emoji';
import type { Message, MessageOrderingParam, MessageVersion } from './message.dto';
import type { MessageEditsRepository } from './message-edits.repository';
import type { MessagePresenter } from './message-presenter';
import { sidesOf, type MessageWindow, type WindowOfMessages } from './message-window';
import type { MessageFilters, MessageOrdering, MessageRecord, MessageRow, MessageScope, MessagesRepository } from './messages.repository';
import type { ReactionsRepository } from './reactions.repository';

export interface MessageListQuery {
  sender?: string;
  start_date?: string;
  end_date?: string;
  search?: string;
  ordering?: MessageOrderingParam;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** True when year-month-day is a real calendar day (no 2026-02-30, which Date would roll over). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/**
 * Parses an ISO 8601 date (a whole UTC day) or date-time (no offset means UTC).
 * Returns the instant, and for dates the start of the following day, or undefined if malformed.
 */
function parseDateParam(value: string): { at: Date; dateOnly: boolean; nextDay?: Date } | undefined {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1).map(Number);
    if (!isCalendarDay(year, month, day)) return undefined;
    return { at: new Date(Date.UTC(year, month - 1, day)), dateOnly: true, nextDay: new Date(Date.UTC(year, month - 1, day + 1)) };
  }
  const dateTime = DATE_TIME.exec(value);
  if (!dateTime) return undefined;
  const [year, month, day] = dateTime.slice(1, 4).map(Number);
  if (!isCalendarDay(year, month, day)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const at = new Date(hasZone ? value : `${value}Z`);
  return Number.isNaN(at.getTime()) ? undefined : { at, dateOnly: false };
}

export class MessagesService {
  constructor(
    private readonly db: Database,
    private readonly messages: MessagesRepository,
    private readonly edits: MessageEditsRepository,
    private readonly reactions: ReactionsRepository,
    private readonly presenter: MessagePresenter,
    private readonly conversations: ConversationsRepository,
    private readonly readMarkers: ReadMarkersRepository,
    private readonly users: UsersRepository,
    private readonly idempotency: IdempotencyService,
    private readonly metrics: DomainMetrics,
    private readonly eventLog: EventLog,
    /** How many messages a user may send, and what counts them; undefined when sends are not limited. */
    private readonly sendLimit?: { policy: RateLimitPolicy; limiter: RateLimiter },
  ) {}

  async listMessages({
    caller,
    conversationId,
    query,
    window,
  }: {
    caller: AuthUser;
    conversationId: string;
    query: MessageListQuery;
    window: MessageWindow;
  }): Promise<WindowOfMessages> {
    await this.assertParticipant(conversationId, caller);
    const filters = await this.resolveFilters(query);
    return this.listWindow({ scope: filters && { conversationId, filters }, window, ordering: query.ordering ?? '-sent_at', caller });
  }

  /** The replies to one message, oldest first unless asked otherwise. */
  async listReplies({
    caller,
    conversationId,
    messageId,
    ordering,
    window,
  }: MessageRef & { ordering?: MessageOrdering; window: MessageWindow }): Promise<WindowOfMessages> {
    await this.assertParticipant(conversationId, caller);
    await this.findMessage(conversationId, messageId);
    const scope = { conversationId, parentMessageId: messageId, filters: {} };
    return this.listWindow({ scope, window, ordering: ordering ?? 'sent_at', caller });
  }

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
    caller: AuthUser;
    conversationId: string;
    body: string;
    parentMessageId?: string;
    idempotencyKey?: string;
  }): Promise<Outcome<Message> & { replayed: boolean; rateLimit?: RateLimitReport }> {
    assertHasText(body);
    const request = {
      userId: caller.userId,
      scope: 'sendMessage',
      key: idempotencyKey,
      payload: { conversationId: conversationId.toLowerCase(), body, parentMessageId: parentMessageId?.toLowerCase() },
    };
    const { sendLimit } = this;
    let rateLimit: RateLimitReport | undefined;
    const outcome = await this.idempotency.run(request, async (transaction) => {
      const parent = parentMessageId ? await this.lockThreadRoot(conversationId, parentMessageId.toLowerCase(), transaction) : undefined;
      if (sendLimit) rateLimit = await enforceRateLimit(sendLimit, caller.userId, transaction);
      const sentAt = new Date();
      const sent = await this.messages.create(
        { conversationId, senderId: caller.userId, messageBody: body, sentAt, parentMessageId: parent?.messageId ?? null },
        transaction,
      );
      const { messageId } = sent;
      if (parent) await this.messages.countReply(parent.messageId, sentAt, transaction);
      await this.conversations.touch(conversationId, sentAt, transaction);
      // Whoever writes has read what came before.
      await this.readMarkers.advance(conversationId, caller.userId, { sentAt, messageId }, transaction);
      const message = this.presenter.presentNew(sent);
      await this.eventLog.record(transaction, { type: 'message.created', conversationId, data: { message } });
      if (parent) await this.eventLog.messageChanged(transaction, 'message.updated', conversationId, parent.messageId);
      return { status: 201, body: message };
    }, (transaction) => this.lockParticipant(conversationId, caller, 'update', transaction));
    if (!outcome.replayed) this.metrics.messageSent();
    return { ...outcome, rateLimit };
  }

  async getMessage({ caller, conversationId, messageId }: MessageRef): Promise<Message> {
    await this.assertParticipant(conversationId, caller);
    return this.presenter.presentOne(await this.findMessage(conversationId, messageId), caller.userId);
  }

  /** Keeps the body being replaced as a version of the message's history; an unchanged body is no edit. */
  async updateMessage({ caller, conversationId, messageId, body }: MessageRef & { body: string }): Promise<Message> {
    assertHasText(body);
    return this.db.transaction(async (transaction) => {
      await this.lockParticipant(conversationId, caller, 'write', transaction);
      const message = await this.lockOwnMessage({ caller, conversationId, messageId }, transaction);
      if (message.deletedAt) throw conflict('This message was deleted; it cannot be edited.');
      if (message.messageBody === body) return this.presentMessage({ caller, conversationId, messageId }, transaction);
      const editedAt = new Date();
      const earlierVersions = await this.edits.count(messageId, transaction);
      await this.edits.add(
        {
          messageId,
          version: earlierVersions + 1,
          messageBody: message.messageBody,
          writtenAt: message.editedAt ?? message.sentAt,
          replacedAt: editedAt,
        },
        transaction,
      );
      await this.messages.updateBody(messageId, body, editedAt, transaction);
      await this.eventLog.messageChanged(transaction, 'message.updated', conversationId, messageId);
      return this.presentMessage({ caller, conversationId, messageId }, transaction);
    });
  }

  /**
   * A message with replies becomes a tombstone (body, history and reactions removed) so its thread stays
   * readable; any other message is removed. Removing a tombstone's last reply removes the tombstone too.
   */
  async deleteMessage(ref: MessageRef): Promise<void> {
    await this.db.transaction(async (transaction) => {
      await this.lockParticipant(ref.conversationId, ref.caller, 'write', transaction);
      await this.remove(await this.lockOwnMessage(ref, transaction), transaction);
    });
  }

  /**
   * Moderation (staff, already authorised by the caller): removes any message exactly as its sender's
   * delete would, so threads keep their tombstones and reply counts stay right.
   */
  async moderateDelete({ conversationId, messageId }: { conversationId: string; messageId: string }): Promise<void> {
    await this.db.transaction(async (transaction) => {
      const message = await this.messages.lockInConversation(conversationId, messageId, transaction);
      if (!message) throw notFound('Message');
      await this.remove(message, transaction);
    });
  }

  /** A message with replies becomes a tombstone; any other is deleted (and its thread's count goes down). */
  private async remove(message: MessageRow, transaction: Transaction): Promise<void> {
    if (message.deletedAt) return;
    let parentGone: boolean | undefined;
    if (message.replyCount > 0) {
      await this.tombstone(message.messageId, transaction);
    } else {
      // The thread's root is locked before the delete, in the order a new reply takes its locks (root,
      // then the conversation row that the message-count trigger updates): the other order deadlocks
      // against a reply sent at the same moment.
      const parent = message.parentMessageId ? await this.messages.lockInConversation(message.conversationId, message.parentMessageId, transaction) : undefined;
      await this.messages.delete(message.messageId, transaction);
      if (parent) parentGone = await this.forgetReply(parent, transaction);
    }
    // Events last, once every row this needs is locked (recording takes the event-ordering lock).
    await this.eventLog.record(transaction, { type: 'message.deleted', conversationId: message.conversationId, data: { message_id: message.messageId } });
    if (parentGone === true) {
      await this.eventLog.record(transaction, { type: 'message.deleted', conversationId: message.conversationId, data: { message_id: message.parentMessageId! } });
    } else if (parentGone === false) {
      await this.eventLog.messageChanged(transaction, 'message.updated', message.conversationId, message.parentMessageId!);
    }
  }

  /** Every version of the body, oldest first; a deleted message has no history left. */
  async listHistory({ caller, conversationId, messageId, page }: MessageRef & { page: PageRequest }): Promise<PageOf<MessageVersion>> {
    await this.assertParticipant(conversationId, caller);
    const message = await this.findMessage(conversationId, messageId);
    const earlier = message.deletedAt ? 0 : await this.edits.count(messageId);
    const count = message.deletedAt ? 0 : earlier + 1;
    assertPageExists(page, count);
    const first = offsetOf(page) + 1;
    const last = Math.min(offsetOf(page) + page.pageSize, count);
    const results: MessageVersion[] = (first <= earlier ? await this.edits.listVersions(messageId, first, Math.min(last, earlier)) : []).map(
      (edit) => ({ version: edit.version, message_body: edit.messageBody, written_at: edit.writtenAt, replaced_at: edit.replacedAt }),
    );
    if (count > 0 && last === count) {
      results.push({ version: count, message_body: message.messageBody, written_at: message.editedAt ?? message.sentAt, replaced_at: null });
    }
    return { ...page, count, results };
  }

  /** Adds the caller's reaction (once per emoji: reacting again changes nothing). */
  async react({ caller, conversationId, messageId, emoji }: MessageRef & { emoji: string }): Promise<Message> {
    const parsed = parseEmoji(emoji);
    return this.db.transaction(async (transaction) => {
      await this.lockParticipant(conversationId, caller, 'write', transaction);
      const message = await this.findMessage(conversationId, messageId, transaction);
      if (message.deletedAt) throw conflict('This message was deleted; it cannot get reactions.');
      const outcome = await this.reactions.add({ messageId, userId: caller.userId, emoji: parsed, at: new Date() }, transaction);
      // Deleted meanwhile: the failed insert ended the transaction's usefulness, and it rolls back.
      if (outcome === 'gone') throw notFound('Message');
      const data = { message_id: messageId, user_id: caller.userId, emoji: parsed };
      if (outcome === 'added') await this.eventLog.record(transaction, { type: 'reaction.added', conversationId, data });
      return this.presentMessage({ caller, conversationId, messageId }, transaction);
    });
  }

  /** Removes the caller's reaction, if there was one. */
  async unreact({ caller, conversationId, messageId, emoji }: MessageRef & { emoji: string }): Promise<void> {
    const parsed = parseEmoji(emoji);
    await this.db.transaction(async (transaction) => {
      await this.lockParticipant(conversationId, caller, 'write', transaction);
      await this.findMessage(conversationId, messageId, transaction);
      const data = { message_id: messageId, user_id: caller.userId, emoji: parsed };
      if (await this.reactions.remove({ messageId, userId: caller.userId, emoji: parsed }, transaction)) {
        await this.eventLog.record(transaction, { type: 'reaction.removed', conversationId, data });
      }
    });
  }

  /** Non-participants learn nothing: the conversation "does not exist" for them. */
  private async assertParticipant(conversationId: string, caller: AuthUser): Promise<void> {
    if (!(await this.conversations.isParticipant(conversationId, caller.userId))) throw notFound('Conversation');
  }

  /**
   * For writes: the caller's membership, locked until the write commits, so a leave waits for the write
   * or the write finds the caller gone (404) and nothing lands after the leave. Taken first, before any
   * other lock of the conversation (see ConversationsRepository.lockMembership).
   */
  private async lockParticipant(conversationId: string, caller: AuthUser, mode: MembershipLock, transaction: Transaction): Promise<void> {
    if (!(await this.conversations.lockMembership(conversationId, caller.userId, mode, transaction))) throw notFound('Conversation');
  }

  private async findMessage(conversationId: string, messageId: string, transaction?: Transaction): Promise<MessageRecord> {
    const message = await this.messages.findInConversation(conversationId, messageId, transaction);
    if (!message) throw notFound('Message');
    return message;
  }

  /** The message as the caller sees it now, read in the write's own transaction (what it answers). */
  private async presentMessage({ caller, conversationId, messageId }: MessageRef, transaction: Transaction): Promise<Message> {
    return this.presenter.presentOne(await this.findMessage(conversationId, messageId, transaction), caller.userId, transaction);
  }

  /** Participants may read any message; only its sender may change or delete it. */
  private async lockOwnMessage({ caller, conversationId, messageId }: MessageRef, transaction: Transaction): Promise<MessageRow> {
    const message = await this.messages.lockInConversation(conversationId, messageId, transaction);
    if (!message) throw notFound('Message');
    if (message.senderId !== caller.userId) throw forbidden('Only the sender can change or delete this message.');
    return message;
  }

  /** The parent of a new reply: a top-level message of the same conversation, locked while the reply is counted. */
  private async lockThreadRoot(conversationId: string, parentMessageId: string, transaction: Transaction): Promise<MessageRow> {
    const parent = await this.messages.lockInConversation(conversationId, parentMessageId, transaction);
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

  private async tombstone(messageId: string, transaction: Transaction): Promise<void> {
    await this.edits.deleteAll(messageId, transaction);
    await this.reactions.deleteAll(messageId, transaction);
    await this.messages.tombstone(messageId, new Date(), transaction);
  }

  /**
   * A reply was removed: update its parent's counters, and remove the parent if it was a tombstone kept
   * only for this thread. True when the parent was removed, false when it was updated.
   */
  private async forgetReply(parent: MessageRow, transaction: Transaction): Promise<boolean> {
    const remaining = await this.messages.uncountReply(parent.messageId, transaction);
    if (remaining === 0 && parent.deletedAt) {
      await this.messages.delete(parent.messageId, transaction);
      return true;
    }
    return false;
  }

  /** One window of a list, with the cursors and links on both sides; `scope` undefined means nothing can match. */
  private async listWindow({
    scope,
    window,
    ordering,
    caller,
  }: {
    scope: MessageScope | undefined;
    window: MessageWindow;
    ordering: MessageOrdering;
    caller: AuthUser;
  }): Promise<WindowOfMessages> {
    const newestFirst = ordering === '-sent_at';
    if (window.kind === 'page') {
      const { count, rows } = scope
        ? await this.messages.list({ scope, ordering, offset: offsetOf(window.page), limit: window.page.pageSize })
        : { count: 0, rows: [] };
      assertPageExists(window.page, count);
      const chronological = newestFirst ? [...rows].reverse() : rows;
      const beforePage = offsetOf(window.page) > 0;
      const afterPage = offsetOf(window.page) + rows.length < count;
      const sides = sidesOf({
        oldest: chronological[0] && positionOf(chronological[0]),
        newest: chronological.at(-1) && positionOf(chronological.at(-1)!),
        hasOlder: newestFirst ? afterPage : beforePage,
        hasNewer: newestFirst ? beforePage : afterPage,
      });
      return { window, count, results: await this.presenter.present(rows, caller.userId), ...sides };
    }

    const { direction, from, pageSize } = window;
    const { rows, more } = scope ? await this.messages.listFrom({ scope, direction, from, limit: pageSize }) : { rows: [], more: false };
    // Rows come nearest to the cursor first; put them in time order to find both edges.
    const chronological = direction === 'older' ? [...rows].reverse() : rows;
    const oldest = chronological[0] ? positionOf(chronological[0]) : from;
    const newest = chronological.at(-1) ? positionOf(chronological.at(-1)!) : from;
    const probe = async (side: 'older' | 'newer', edge: typeof from) => (scope ? this.messages.existsBeyond(scope, side, edge) : false);
    const sides = sidesOf({
      oldest,
      newest,
      hasOlder: direction === 'older' ? more : await probe('older', oldest),
      hasNewer: direction === 'newer' ? more : await probe('newer', newest),
    });
    const ordered = newestFirst ? [...chronological].reverse() : chronological;
    return { window, count: null, results: await this.presenter.present(ordered, caller.userId), ...sides };
  }

  /** Turns query parameters into repository filters; undefined when no message can match. */
  private async resolveFilters(query: MessageListQuery): Promise<MessageFilters | undefined> {
    const errors: Record<string, string> = {};
    const start = query.start_date === undefined ? undefined : parseDateParam(query.start_date);
    const end = query.end_date === undefined ? undefined : parseDateParam(query.end_date);
    if (query.start_date !== undefined && !start) errors.start_date = 'Must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z).';
    if (query.end_date !== undefined && !end) errors.end_date = 'Must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z).';
    // A date-only end_date runs to the end of its day, so it may share that day with a date-time start_date.
    const emptyRange = start && end && (end.dateOnly ? start.at >= (end.nextDay as Date) : start.at > end.at);
    if (emptyRange) errors.end_date = 'Must not be before start_date.';
    if (Object.keys(errors).length > 0) throw validationFailed('Invalid message filters.', errors);

    const filters: MessageFilters = {
      sentFrom: start?.at,
      // A date-only end_date includes that whole day.
      sentTo: end ? (end.dateOnly ? { at: end.nextDay as Date, inclusive: false } : { at: end.at, inclusive: true }) : undefined,
      search: query.search || undefined,
    };
    if (query.sender) {
      if (UUID_PATTERN.test(query.sender)) {
        filters.senderId = query.sender.toLowerCase();
      } else {
        const sender = await this.users.findByUsername(query.sender);
        if (!sender) return undefined;
        filters.senderId = sender.userId;
      }
    }
    return filters;
  }
}

interface MessageRef {
  caller: AuthUser;
  conversationId: string;
  messageId: string;
}

function assertHasText(body: string): void {
  if (body.trim().length === 0) {
    throw validationFailed('The message body must not be empty.', { message_body: 'Must contain non-whitespace text.' });
  }
}
