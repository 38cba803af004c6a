import type { Database } from '@messaging-app/shared';
import type { AuthUser } from '../auth/auth-user';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../common/pagination';
import { notFound, validationFailed } from '../errors/app-error';
import type { MessagePresenter } from '../messages/message-presenter';
import type { MessagesRepository } from '../messages/messages.repository';
import { toUserSummary } from '../users/user.dto';
import type { UsersRepository } from '../users/users.repository';
import { MAX_PARTICIPANTS, type Conversation, type CreateConversationRequest } from './conversation.dto';
import type { ConversationRecord, ConversationsRepository } from './conversations.repository';

export class ConversationsService {
  constructor(
    private readonly db: Database,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly presenter: MessagePresenter,
    private readonly users: UsersRepository,
  ) {}

  async createConversation({ caller, input }: { caller: AuthUser; input: CreateConversationRequest }): Promise<Conversation> {
    const others = [...new Set(input.participant_ids.map((id) => id.toLowerCase()))].filter((id) => id !== caller.userId);
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

    const conversationId = await this.db.transaction(async (transaction) => {
      const found = new Set((await this.users.findActiveByIds(others, transaction)).map((user) => user.userId));
      const unknown = others.filter((id) => !found.has(id));
      if (unknown.length > 0) {
        throw validationFailed(`Unknown users: ${unknown.join(', ')}.`, { participant_ids: { unknown } });
      }
      return this.conversations.create(
        { createdById: caller.userId, participantIds: [caller.userId, ...others], at: new Date() },
        transaction,
      );
    });
    return this.getConversation({ caller, conversationId });
  }

  async getConversation({ caller, conversationId }: { caller: AuthUser; conversationId: string }): Promise<Conversation> {
    const conversation = await this.conversations.findForParticipant(conversationId, caller.userId);
    if (!conversation) throw notFound('Conversation');
    const [shaped] = await this.present([conversation], caller);
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

  /** Batched queries for a whole page (participants, latest messages and their reactions), never one per row. */
  private async present(rows: ConversationRecord[], caller: AuthUser): Promise<Conversation[]> {
    const ids = rows.map((row) => row.conversationId);
    const [participants, latest] = await Promise.all([this.conversations.participantsOf(ids), this.messages.latestOf(ids)]);
    const lastMessages = new Map(
      (await this.presenter.present([...latest.values()], caller.userId)).map((message) => [message.conversation_id, message]),
    );
    return rows.map((row) => {
      const last = lastMessages.get(row.conversationId);
      return {
        conversation_id: row.conversationId,
        participants: (participants.get(row.conversationId) ?? []).map(toUserSummary),
        created_at: row.createdAt,
        last_message: last ?? null,
      };
    });
  }
}
