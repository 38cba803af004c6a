import type { Conversation, ConversationsApi, CreateConversationRequest, ListConversationsRequest } from '../../generated';
import type { Call } from '../../internal/transport';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type ConversationListParams = ListConversationsRequest;

export class ConversationsResource {
  constructor(
    private readonly api: ConversationsApi,
    private readonly asUser: Call,
  ) {}

  /** Starts a conversation between the signed-in user and `participantIds`. */
  create(input: CreateConversationRequest, options?: RequestOptions): Promise<Conversation> {
    return this.asUser((init) => this.api.createConversation({ createConversationRequest: input }, init), options);
  }

  get(conversationId: string, options?: RequestOptions): Promise<Conversation> {
    return this.asUser((init) => this.api.getConversation({ conversationId }, init), options);
  }

  /** The signed-in user's conversations, most recently active first. */
  list(params: ConversationListParams = {}, options?: RequestOptions): PagePromise<Conversation> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listConversations({ ...params, page }, init), options),
      params.page,
    );
  }
}
