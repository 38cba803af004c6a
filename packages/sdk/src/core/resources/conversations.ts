import type { Conversation, ConversationsApi, CreateConversationRequest, ListConversationsRequest, ReadState } from '../../generated';
import { idempotencyKeyFor } from '../../internal/idempotency';
import type { Call } from '../../internal/transport';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type ConversationListParams = ListConversationsRequest;

export class ConversationsResource {
  constructor(
    private readonly api: ConversationsApi,
    private readonly asUser: Call,
  ) {}

  /**
   * Starts a conversation between the signed-in user and `participantIds`. With one other person it is
   * `direct` (unless `kind: 'group'`), and a direct conversation exists once per pair: starting it again
   * resolves to the existing one. Carries an Idempotency-Key like `messages.send`, so retries are safe.
   */
  create(input: CreateConversationRequest, options?: RequestOptions): Promise<Conversation> {
    const { key, options: rest } = idempotencyKeyFor(options);
    return this.asUser((init) => this.api.createConversation({ createConversationRequest: input, idempotencyKey: key }, init), rest);
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

  /** Adds people to a group (any participant may); those already in it are skipped. Resolves to the group. */
  addParticipants(conversationId: string, userIds: string[], options?: RequestOptions): Promise<Conversation> {
    return this.asUser((init) => this.api.addParticipants({ conversationId, addParticipantsRequest: { userIds } }, init), options);
  }

  /** The signed-in user leaves a group; afterwards it does not exist for them. */
  leave(conversationId: string, options?: RequestOptions): Promise<void> {
    return this.asUser((init) => this.api.leaveConversation({ conversationId }, init), options);
  }

  /** Removes someone from a group; only whoever created it may. */
  removeParticipant(conversationId: string, userId: string, options?: RequestOptions): Promise<void> {
    return this.asUser((init) => this.api.removeParticipant({ conversationId, userId }, init), options);
  }

  /**
   * Marks the conversation read up to `messageId` (by default its newest message). The marker only moves
   * forwards. Resolves to the marker and the count of messages still unread after it.
   */
  markRead(conversationId: string, messageId?: string, options?: RequestOptions): Promise<ReadState> {
    return this.asUser(
      (init) => this.api.markRead({ conversationId, markReadRequest: messageId === undefined ? undefined : { messageId } }, init),
      options,
    );
  }
}
