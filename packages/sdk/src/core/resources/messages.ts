import type { ListMessagesRequest, Message, MessagesApi, SendMessageRequest, UpdateMessageRequest } from '../../generated';
import type { Call } from '../../internal/transport';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

/** Filters for a conversation's messages; all optional and combinable. */
export type MessageListParams = Omit<ListMessagesRequest, 'conversationId'>;

export class MessagesResource {
  constructor(
    private readonly api: MessagesApi,
    private readonly asUser: Call,
  ) {}

  /** Newest first unless `ordering: MessageOrderingParam.OldestFirst`. */
  list(conversationId: string, params: MessageListParams = {}, options?: RequestOptions): PagePromise<Message> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listMessages({ ...params, conversationId, page }, init), options),
      params.page,
    );
  }

  /**
   * Sends a message as the signed-in user. Not retried on failure (it is a POST) unless
   * `options.headers` carries an `Idempotency-Key`.
   */
  send(conversationId: string, input: SendMessageRequest, options?: RequestOptions): Promise<Message> {
    return this.asUser((init) => this.api.sendMessage({ conversationId, sendMessageRequest: input }, init), options);
  }

  get(conversationId: string, messageId: string, options?: RequestOptions): Promise<Message> {
    return this.asUser((init) => this.api.getMessage({ conversationId, messageId }, init), options);
  }

  /** Only the sender may edit. */
  update(conversationId: string, messageId: string, input: UpdateMessageRequest, options?: RequestOptions): Promise<Message> {
    return this.asUser((init) => this.api.updateMessage({ conversationId, messageId, updateMessageRequest: input }, init), options);
  }

  /** Only the sender may delete. */
  delete(conversationId: string, messageId: string, options?: RequestOptions): Promise<void> {
    return this.asUser((init) => this.api.deleteMessage({ conversationId, messageId }, init), options);
  }
}
