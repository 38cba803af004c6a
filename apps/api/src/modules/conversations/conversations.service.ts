import { validationFailed } from '../../platform/errors/app-error';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import type { IdempotencyService, Outcome } from '../../platform/idempotency/idempotency.service';
import type { Caller, UsersService } from '../users';
import { MAX_PARTICIPANTS, type Conversation, type ConversationKind, type CreateConversationRequest } from './conversation.dto';
import type { ConversationEvents } from './conversation-events';
import type { ConversationPresenter } from './conversation-presenter';
import { assertActiveUsers, assertTitleFits, findOwn, othersThanCaller } from './conversation-rules';
import type { ConversationsQueries } from './conversations.queries';
import type { ConversationsRepository } from './conversations.repository';

export interface ConversationsServiceDependencies {
  conversations: ConversationsRepository;
  queries: ConversationsQueries;
  presenter: ConversationPresenter;
  events: ConversationEvents;
  users: Pick<UsersService, 'findActiveUsers'>;
  idempotency: IdempotencyService;
}

/** Starting conversations and seeing one's own. For anyone not in a conversation it does not exist (404). */
export class ConversationsService {
  constructor(private readonly deps: ConversationsServiceDependencies) {}

  /**
   * Starts a conversation (201). A direct one between two people exists at most once: asking for it
   * again answers the existing one (200). With an `idempotencyKey`, a retry answers the first result.
   */
  async createConversation({
    caller,
    input,
    idempotencyKey,
  }: {
    caller: Caller;
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

    const { conversations, queries, presenter, events, users } = this.deps;
    const request = { userId: caller.userId, scope: 'createConversation', key: idempotencyKey, payload: input };
    return this.deps.idempotency.run(request, async (transaction) => {
      await assertActiveUsers(users, others, 'participant_ids', transaction);
      const at = new Date();
      const { conversationId, created } =
        kind === 'direct'
          ? await conversations.createOrFindDirect({ createdById: caller.userId, otherId: others[0], at }, transaction)
          : {
              conversationId: await conversations.createGroup(
                { createdById: caller.userId, title, participantIds: [caller.userId, ...others], at },
                transaction,
              ),
              created: true,
            };
      const [conversation] = await presenter.present(
        [await findOwn(queries, conversationId, caller, transaction)],
        caller.userId,
        transaction,
      );
      if (created) await events.conversationCreated(transaction, conversation);
      return { status: created ? 201 : 200, body: conversation };
    });
  }

  async getConversation({ caller, conversationId }: { caller: Caller; conversationId: string }): Promise<Conversation> {
    const [shaped] = await this.deps.presenter.present([await findOwn(this.deps.queries, conversationId, caller)], caller.userId);
    return shaped;
  }

  /** The caller's conversations, most recently active first. */
  async listConversations({ caller, page }: { caller: Caller; page: PageRequest }): Promise<PageOf<Conversation>> {
    const { count, rows } = await this.deps.queries.listForParticipant(caller.userId, { offset: offsetOf(page), limit: page.pageSize });
    assertPageExists(page, count);
    return { ...page, count, results: await this.deps.presenter.present(rows, caller.userId) };
  }
}
