import {
  MessageOrderingParam,
  type ListMessageHistoryRequest,
  type ListMessagesRequest,
  type ListRepliesRequest,
  type Message,
  type MessagePage,
  type MessagesApi,
  type MessageVersion,
  type SendMessageRequest,
  type UpdateMessageRequest,
} from '../../generated';
import { idempotencyKeyFor } from '../../internal/idempotency';
import { dateParam, KnownKeys, type EveryKey } from '../../internal/input';
import { mapResponse, type Caller } from '../../internal/request';
import type { ApiPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import { CursorPagePromise, PagePromise, type CursorDirections, type CursorPageData, type PageData } from '../pagination';

/**
 * The date-time filters take a `Date` (an instant) or a string: an ISO 8601 date-time, or a date
 * (`2024-05-01`), which the API reads as the whole UTC day.
 */
interface DateFilters {
  /** Only messages sent at or after this instant, or on or after this date. */
  startDate?: string | Date;
  /** Only messages sent at or before this instant, or on or before this date (the whole day included). */
  endDate?: string | Date;
}

/** Filters for a conversation's messages; all optional and combinable. */
export type MessageListParams = Omit<ListMessagesRequest, 'conversationId' | 'before' | 'after' | 'startDate' | 'endDate'> & DateFilters;
/** Filters for reading messages by cursor: `before`/`after` start from a cursor of an earlier page. */
export type MessageCursorParams = Omit<ListMessagesRequest, 'conversationId' | 'page' | 'startDate' | 'endDate'> & DateFilters;
export type ReplyListParams = Omit<ListRepliesRequest, 'conversationId' | 'messageId' | 'before' | 'after'>;
export type MessageHistoryParams = Omit<ListMessageHistoryRequest, 'conversationId' | 'messageId'>;

const SEND_KEYS = new KnownKeys({ messageBody: true, parentMessageId: true } satisfies EveryKey<SendMessageRequest>);
const UPDATE_KEYS = new KnownKeys({ messageBody: true } satisfies EveryKey<UpdateMessageRequest>);
const FILTER_KEYS = { sender: true, startDate: true, endDate: true, search: true, ordering: true, pageSize: true } as const;
const LIST_KEYS = new KnownKeys({ ...FILTER_KEYS, page: true } satisfies EveryKey<MessageListParams>);
const CURSOR_KEYS = new KnownKeys({ ...FILTER_KEYS, before: true, after: true } satisfies EveryKey<MessageCursorParams>);
const REPLY_KEYS = new KnownKeys({ ordering: true, page: true, pageSize: true } satisfies EveryKey<ReplyListParams>);
const HISTORY_KEYS = new KnownKeys({ page: true, pageSize: true } satisfies EveryKey<MessageHistoryParams>);

/** The list filters as the generated client takes them: dates as strings. */
function withDateStrings<P extends DateFilters>(
  operation: string,
  params: P | null,
): Omit<P, keyof DateFilters> & { startDate?: string; endDate?: string } {
  return {
    ...params,
    startDate: dateParam(operation, 'startDate', params?.startDate),
    endDate: dateParam(operation, 'endDate', params?.endDate),
  } as Omit<P, keyof DateFilters> & { startDate?: string; endDate?: string };
}

/** Numbered pages always carry the total; only cursor pages (see listByCursor) leave it null. */
function numbered(page: MessagePage): PageData<Message> {
  return { count: page.count ?? 0, next: page.next, previous: page.previous, results: page.results };
}

/** Newest-first lists go forward with `before` (older messages); oldest-first ones with `after`. */
function directionsOf(ordering: MessageOrderingParam | undefined): CursorDirections {
  return ordering === MessageOrderingParam.OldestFirst
    ? { forward: 'after', backward: 'before' }
    : { forward: 'before', backward: 'after' };
}

export class MessagesResource {
  constructor(
    private readonly api: MessagesApi,
    private readonly asUser: Caller,
  ) {}

  /**
   * Newest first unless `ordering: MessageOrderingParam.OldestFirst`; numbered pages. `startDate` and
   * `endDate` take a `Date` or an ISO 8601 string (a date alone means the whole UTC day).
   */
  list(conversationId: string, params: MessageListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return new PagePromise((page) => {
      const query = withDateStrings('messages.list', params);
      return this.asUser(
        'messages.list',
        (init) => this.api.listMessagesRaw({ ...query, conversationId, page }, init).then((r) => mapResponse(r, numbered)),
        options,
        [params, LIST_KEYS],
      );
    }, params?.page);
  }

  /**
   * Reads a conversation by cursor, so pages neither skip nor repeat messages while new ones arrive, and
   * a page deep in history is as fast as the first. Without `before`/`after` it starts at the newest
   * messages (oldest with `ordering: OldestFirst`); iterating goes on in the list's order until no more
   * messages are there. To catch up later, keep the newest page's cursor towards newer messages
   * (`prevCursor` for newest-first, `nextCursor` for oldest-first) and pass it as `after`.
   */
  listByCursor(conversationId: string, params: MessageCursorParams = {}, options?: RequestOptions): CursorPagePromise<Message> {
    const { before, after, ...filters } = params ?? {};
    return new CursorPagePromise<Message>(
      (cursor) => {
        const query = withDateStrings('messages.listByCursor', filters);
        return this.asUser<CursorPageData<Message>>(
          'messages.listByCursor',
          (init) => this.api.listMessagesRaw({ ...query, ...cursor, conversationId }, init),
          options,
          [params, CURSOR_KEYS],
        );
      },
      directionsOf(params?.ordering),
      { before, after },
    );
  }

  /**
   * Sends a message as the signed-in user (a reply when `parentMessageId` is set). Every call carries an
   * Idempotency-Key, so a send whose answer was lost is retried without being sent twice. Pass
   * `options.headers['Idempotency-Key']` to choose the key yourself, e.g. to retry across restarts;
   * `.withResponse()` then tells by `idempotentReplayed` whether this call sent it or an earlier one did.
   */
  send(conversationId: string, input: SendMessageRequest, options?: RequestOptions): ApiPromise<Message> {
    const { key, options: rest } = idempotencyKeyFor(options);
    return this.asUser(
      'messages.send',
      (init) => this.api.sendMessageRaw({ conversationId, sendMessageRequest: input, idempotencyKey: key }, init),
      rest,
      [input, SEND_KEYS],
    );
  }

  get(conversationId: string, messageId: string, options?: RequestOptions): ApiPromise<Message> {
    return this.asUser('messages.get', (init) => this.api.getMessageRaw({ conversationId, messageId }, init), options);
  }

  /** Only the sender may edit; the replaced body stays in the message's history. */
  update(conversationId: string, messageId: string, input: UpdateMessageRequest, options?: RequestOptions): ApiPromise<Message> {
    return this.asUser(
      'messages.update',
      (init) => this.api.updateMessageRaw({ conversationId, messageId, updateMessageRequest: input }, init),
      options,
      [input, UPDATE_KEYS],
    );
  }

  /** Only the sender may delete; a message with replies stays as a tombstone (`deleted: true`). */
  delete(conversationId: string, messageId: string, options?: RequestOptions): ApiPromise<void> {
    return this.asUser('messages.delete', (init) => this.api.deleteMessageRaw({ conversationId, messageId }, init), options);
  }

  /** Every version of a message's body, oldest first; the last one is current. */
  history(
    conversationId: string,
    messageId: string,
    params: MessageHistoryParams = {},
    options?: RequestOptions,
  ): PagePromise<MessageVersion> {
    return new PagePromise(
      (page) =>
        this.asUser(
          'messages.history',
          (init) => this.api.listMessageHistoryRaw({ ...params, conversationId, messageId, page }, init),
          options,
          [params, HISTORY_KEYS],
        ),
      params?.page,
    );
  }

  /** The replies in a message's thread, oldest first unless `ordering: NewestFirst`. */
  replies(conversationId: string, messageId: string, params: ReplyListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return new PagePromise(
      (page) =>
        this.asUser(
          'messages.replies',
          (init) => this.api.listRepliesRaw({ ...params, conversationId, messageId, page }, init).then((r) => mapResponse(r, numbered)),
          options,
          [params, REPLY_KEYS],
        ),
      params?.page,
    );
  }

  /** Reacts with one emoji (e.g. '👍'); reacting again with the same one changes nothing. Resolves to the message. */
  addReaction(conversationId: string, messageId: string, emoji: string, options?: RequestOptions): ApiPromise<Message> {
    return this.asUser('messages.addReaction', (init) => this.api.addReactionRaw({ conversationId, messageId, emoji }, init), options);
  }

  /** Takes back the signed-in user's reaction with this emoji (fine if there was none). */
  removeReaction(conversationId: string, messageId: string, emoji: string, options?: RequestOptions): ApiPromise<void> {
    return this.asUser(
      'messages.removeReaction',
      (init) => this.api.removeReactionRaw({ conversationId, messageId, emoji }, init),
      options,
    );
  }
}
