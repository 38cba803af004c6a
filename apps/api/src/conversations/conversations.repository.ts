import { type Database, type Transaction } from '@messaging-app/shared';
import type { SenderRecord } from '../messages/messages.repository';

export interface ConversationRecord {
  conversationId: string;
  createdById: string | null;
  createdAt: Date;
  lastActivityAt: Date;
}

export class ConversationsRepository {
  constructor(private readonly db: Database) {}

  async create(
    conversation: { createdById: string; participantIds: string[]; at: Date },
    transaction: Transaction,
  ): Promise<string> {
    const { Conversation, ConversationParticipant } = this.db.models;
    const row = await Conversation.create(
      {
        createdById: conversation.createdById,
        kind: 'group',
        title: null,
        directUserLow: null,
        directUserHigh: null,
        lastActivityAt: conversation.at,
        createdAt: conversation.at,
      },
      { transaction },
    );
    await ConversationParticipant.bulkCreate(
      conversation.participantIds.map((userId) => ({ conversationId: row.conversationId, userId, joinedAt: conversation.at })),
      { transaction },
    );
    return row.conversationId;
  }

  /** The conversation, only if `userId` takes part in it. */
  async findForParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<ConversationRecord | undefined> {
    const { Conversation, ConversationParticipant } = this.db.models;
    const row = await Conversation.findOne({
      where: { conversationId },
      include: [{ model: ConversationParticipant, as: 'participantLinks', where: { userId }, attributes: [] }],
      transaction,
    });
    return row?.get({ plain: true });
  }

  async isParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<boolean> {
    const link = await this.db.models.ConversationParticipant.findOne({
      where: { conversationId, userId },
      attributes: ['conversationId'],
      transaction,
    });
    return link !== null;
  }

  /** The user's conversations, most recently active first. */
  async listForParticipant(userId: string, page: { offset: number; limit: number }): Promise<{ count: number; rows: ConversationRecord[] }> {
    const { Conversation, ConversationParticipant } = this.db.models;
    const { count, rows } = await Conversation.findAndCountAll({
      include: [{ model: ConversationParticipant, as: 'participantLinks', where: { userId }, attributes: [] }],
      order: [
        ['lastActivityAt', 'DESC'],
        ['conversationId', 'DESC'],
      ],
      offset: page.offset,
      limit: page.limit,
      subQuery: false,
    });
    return { count, rows: rows.map((row) => row.get({ plain: true })) };
  }

  /** Participants of each conversation, in the order they joined. */
  async participantsOf(conversationIds: string[], transaction?: Transaction): Promise<Map<string, SenderRecord[]>> {
    const byConversation = new Map<string, SenderRecord[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return byConversation;
    const { ConversationParticipant, User } = this.db.models;
    const links = await ConversationParticipant.findAll({
      where: { conversationId: conversationIds },
      include: [{ model: User, as: 'user', attributes: ['userId', 'username', 'firstName', 'lastName'] }],
      order: [
        ['joinedAt', 'ASC'],
        ['userId', 'ASC'],
      ],
      transaction,
    });
    for (const link of links) {
      const { user } = link.get({ plain: true }) as unknown as { user: SenderRecord };
      byConversation.get(link.conversationId)?.push(user);
    }
    return byConversation;
  }

  async touch(conversationId: string, at: Date, transaction: Transaction): Promise<void> {
    await this.db.models.Conversation.update({ lastActivityAt: at }, { where: { conversationId }, transaction });
  }
}
