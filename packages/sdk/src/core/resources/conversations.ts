import type { Conversation, ConversationsApi, CreateConversationRequest, ListConversationsRequest, ReadState } from '../../generated';
import { idempotencyKeyFor } from '../../internal/idempotency';
import { KnownKeys, type EveryKey } from '../../internal/input';
import type { Caller } from '../../internal/request';
import type { ApiPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type ConversationListParams = ListConversationsRequest;

const CREATE_KEYS = new KnownKeys({ participantIds: true, kind: true, title: true } satisfies EveryKey<CreateConversationRequest>);
const LIST_KEYS = new KnownKeys({ page: true, pageSize: true } satisfies EveryKey<ConversationListParams>);

export class ConversationsResource {
  constructor(
    private readonly api: ConversationsApi,
    private readonly asUser: Caller,
  ) {}

  /**
   * Starts a conversation between the signed-in user and `participantIds`. With one other person it is
   * `direct` (unless `kind: 'group'`), and a direct conversation exists once per pair: starting it again
   * resolves to the existing one. Carries an Idempotency-Key like `messages.send`, so retries are safe.
   */
  create(input: CreateConversationRequest, options?: RequestOptions): ApiPromise<Conversation> {
    const { key, options: rest } = idempotencyKeyFor(options);
    return this.asUser(
      'conversations.create',
      (init) => this.api.createConversationRaw({ createConversationRequest: input, idempotencyKey: key }, init),
      rest,
      [input, CREATE_KEYS],
    );
  }

  get(conversationId: string, options?: RequestOptions): ApiPromise<Conversation> {
    return this.asUser('conversations.get', (init) => this.api.getConversationRaw({ conversationId }, init), options);
  }

  /** The signed-in user's conversations, most recently active first. */
  list(params: ConversationListParams = {}, options?: RequestOptions): PagePromise<Conversation> {
    return new PagePromise(
      (page) =>
        this.asUser('conversations.list', (init) => this.api.listConversationsRaw({ ...params, page }, init), options, [params, LIST_KEYS]),
      params?.page,
    );
  }

  /** Adds people to a group (any participant may); those already in it are skipped. Resolves to the group. */
  addParticipants(conversationId: string, userIds: string[], options?: RequestOptions): ApiPromise<Conversation> {
    return this.asUser(
      'conversations.addParticipants',
      (init) => this.api.addParticipantsRaw({ conversationId, addParticipantsRequest: { userIds } }, init),
      options,
    );
  }

  /** The signed-in user leaves a group; afterwards it does not exist for them. */
  leave(conversationId: string, options?: RequestOptions): ApiPromise<void> {
    return this.asUser('conversations.leave', (init) => this.api.leaveConversationRaw({ conversationId }, init), options);
  }

  /** Removes someone from a group; only whoever created it may. */
  removeParticipant(conversationId: string, userId: string, options?: RequestOptions): ApiPromise<void> {
    return this.asUser(
      'conversations.removeParticipant',
      (init) => this.api.removeParticipantRaw({ conversationId, userId }, init),
      options,
    );
  }

  /**
   * Marks the conversation read up to `messageId` (by default its newest message). The marker only moves
   * forwards. Resolves to the marker and the count of messages still unread after it.
   */
  markRead(conversationId: string, messageId?: string, options?: RequestOptions): ApiPromise<ReadState> {
    return this.asUser(
      'conversations.markRead',
      (init) => this.api.markReadRaw({ conversationId, markReadRequest: messageId === undefined ? undefined : { messageId } }, init),
      options,
    );
  }
}
