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
import type { Call } from '../../internal/transport';
import type { RequestOptions } from '../options';
import { CursorPagePromise, PagePromise, type CursorDirections, type CursorPageData, type PageData } from '../pagination';

/** Filters for a conversation's messages; all optional and combinable. */
export type MessageListParams = Omit<ListMessagesRequest, 'conversationId' | 'before' | 'after'>;
/** Filters for reading messages by cursor: `before`/`after` start from a cursor of an earlier page. */
export type MessageCursorParams = Omit<ListMessagesRequest, 'conversationId' | 'page'>;
export type ReplyListParams = Omit<ListRepliesRequest, 'conversationId' | 'messageId' | 'before' | 'after'>;
export type MessageHistoryParams = Omit<ListMessageHistoryRequest, 'conversationId' | 'messageId'>;

/** Numbered pages always carry the total; only cursor pages (see listByCursor) leave it null. */
function numbered(page: MessagePage): PageData<Message> {
  return { count: page.count ?? 0, next: page.next, previous: page.previous, results: page.results };
}

/** Newest-first lists go forward with `before` (older messages); oldest-first ones with `after`. */
function directionsOf(ordering: MessageOrderingParam | undefined): CursorDirections {
  return ordering === MessageOrderingParam.OldestFirst ? { forward: 'after', backward: 'before' } : { forward: 'before', backward: 'after' };
}

export class MessagesResource {
  constructor(
    private readonly api: MessagesApi,
    private readonly asUser: Call,
  ) {}

  /** Newest first unless `ordering: MessageOrderingParam.OldestFirst`; numbered pages. */
  list(conversationId: string, params: MessageListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listMessages({ ...params, conversationId, page }, init), options).then(numbered),
      params.page,
    );
  }

  /**
   * Reads a conversation by cursor, so pages neither skip nor repeat messages while new ones arrive, and
   * a page deep in history is as fast as the first. Without `before`/`after` it starts at the newest
   * messages (oldest with `ordering: OldestFirst`); iterating goes on in the list's order until no more
   * messages are there. To catch up later, keep the newest page's cursor towards newer messages
   * (`prevCursor` for newest-first, `nextCursor` for oldest-first) and pass it as `after`.
   */
  listByCursor(conversationId: string, params: MessageCursorParams = {}, options?: RequestOptions): CursorPagePromise<Message> {
    const { before, after, ...filters } = params;
    return new CursorPagePromise<Message>(
      (cursor): Promise<CursorPageData<Message>> =>
        this.asUser((init) => this.api.listMessages({ ...filters, ...cursor, conversationId }, init), options),
      directionsOf(params.ordering),
      { before, after },
    );
  }

  /**
   * Sends a message as the signed-in user (a reply when `parentMessageId` is set). Every call carries an
   * Idempotency-Key, so a send whose answer was lost is retried without being sent twice. Pass
   * `options.headers['Idempotency-Key']` to choose the key yourself, e.g. to retry across restarts.
   */
  send(conversationId: string, input: SendMessageRequest, options?: RequestOptions): Promise<Message> {
    const { key, options: rest } = idempotencyKeyFor(options);
    return this.asUser((init) => this.api.sendMessage({ conversationId, sendMessageRequest: input, idempotencyKey: key }, init), rest);
  }

  get(conversationId: string, messageId: string, options?: RequestOptions): Promise<Message> {
    return this.asUser((init) => this.api.getMessage({ conversationId, messageId }, init), options);
  }

  /** Only the sender may edit; the replaced body stays in the message's history. */
  update(conversationId: string, messageId: string, input: UpdateMessageRequest, options?: RequestOptions): Promise<Message> {
    return this.asUser((init) => this.api.updateMessage({ conversationId, messageId, updateMessageRequest: input }, init), options);
  }

  /** Only the sender may delete; a message with replies stays as a tombstone (`deleted: true`). */
  delete(conversationId: string, messageId: string, options?: RequestOptions): Promise<void> {
    return this.asUser((init) => this.api.deleteMessage({ conversationId, messageId }, init), options);
  }

  /** Every version of a message's body, oldest first; the last one is current. */
  history(conversationId: string, messageId: string, params: MessageHistoryParams = {}, options?: RequestOptions): PagePromise<MessageVersion> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listMessageHistory({ ...params, conversationId, messageId, page }, init), options),
      params.page,
    );
  }

  /** The replies in a message's thread, oldest first unless `ordering: NewestFirst`. */
  replies(conversationId: string, messageId: string, params: ReplyListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listReplies({ ...params, conversationId, messageId, page }, init), options).then(numbered),
      params.page,
    );
  }

  /** Reacts with one emoji (e.g. '👍'); reacting again with the same one changes nothing. Resolves to the message. */
  react(conversationId: string, messageId: string, emoji: string, options?: RequestOptions): Promise<Message> {
    return this.asUser((init) => this.api.addReaction({ conversationId, messageId, emoji }, init), options);
  }

  /** Takes back the signed-in user's reaction with this emoji (fine if there was none). */
  unreact(conversationId: string, messageId: string, emoji: string, options?: RequestOptions): Promise<void> {
    return this.asUser((init) => this.api.removeReaction({ conversationId, messageId, emoji }, init), options);
  }
}
