import type { Database } from '@messaging-app/shared';
import type { AuthUser } from '../auth/auth-user';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../common/pagination';
import { forbidden, notFound, validationFailed } from '../errors/app-error';
import type { ConversationsRepository } from '../conversations/conversations.repository';
import type { DomainMetrics } from '../observability/metrics';
import type { UsersRepository } from '../users/users.repository';
import { toMessage, type Message, type MessageOrderingParam } from './message.dto';
import type { MessageFilters, MessageRecord, MessagesRepository } from './messages.repository';

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
    private readonly conversations: ConversationsRepository,
    private readonly users: UsersRepository,
    private readonly metrics: DomainMetrics,
  ) {}

  async listMessages({
    caller,
    conversationId,
    query,
    page,
  }: {
    caller: AuthUser;
    conversationId: string;
    query: MessageListQuery;
    page: PageRequest;
  }): Promise<PageOf<Message>> {
    await this.assertParticipant(conversationId, caller);
    const filters = await this.resolveFilters(query);
    if (!filters) {
      assertPageExists(page, 0);
      return { ...page, count: 0, results: [] };
    }
    const { count, rows } = await this.messages.list({
      conversationId,
      filters,
      ordering: query.ordering ?? '-sent_at',
      offset: offsetOf(page),
      limit: page.pageSize,
    });
    assertPageExists(page, count);
    return { ...page, count, results: rows.map(toMessage) };
  }

  async sendMessage({ caller, conversationId, body }: { caller: AuthUser; conversationId: string; body: string }): Promise<Message> {
    assertHasText(body);
    await this.assertParticipant(conversationId, caller);
    const sentAt = new Date();
    const messageId = await this.db.transaction(async (transaction) => {
      const id = await this.messages.create({ conversationId, senderId: caller.userId, messageBody: body, sentAt }, transaction);
      await this.conversations.touch(conversationId, sentAt, transaction);
      return id;
    });
    this.metrics.messageSent();
    return toMessage(await this.findMessage(conversationId, messageId));
  }

  async getMessage({ caller, conversationId, messageId }: MessageRef): Promise<Message> {
    await this.assertParticipant(conversationId, caller);
    return toMessage(await this.findMessage(conversationId, messageId));
  }

  async updateMessage({ caller, conversationId, messageId, body }: MessageRef & { body: string }): Promise<Message> {
    assertHasText(body);
    const message = await this.findOwnMessage({ caller, conversationId, messageId });
    await this.messages.updateBody(message.messageId, body, new Date());
    return toMessage(await this.findMessage(conversationId, messageId));
  }

  async deleteMessage(ref: MessageRef): Promise<void> {
    const message = await this.findOwnMessage(ref);
    await this.messages.delete(message.messageId);
  }

  /** Non-participants learn nothing: the conversation "does not exist" for them. */
  private async assertParticipant(conversationId: string, caller: AuthUser): Promise<void> {
    if (!(await this.conversations.isParticipant(conversationId, caller.userId))) throw notFound('Conversation');
  }

  private async findMessage(conversationId: string, messageId: string): Promise<MessageRecord> {
    const message = await this.messages.findInConversation(conversationId, messageId);
    if (!message) throw notFound('Message');
    return message;
  }

  /** Participants may read any message; only its sender may change or delete it. */
  private async findOwnMessage({ caller, conversationId, messageId }: MessageRef): Promise<MessageRecord> {
    await this.assertParticipant(conversationId, caller);
    const message = await this.findMessage(conversationId, messageId);
    if (message.senderId !== caller.userId) throw forbidden('Only the sender can change or delete this message.');
    return message;
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
