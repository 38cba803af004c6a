import { type Database, Op, QueryTypes, type Transaction, type WhereOptions } from '@messaging-app/shared';
import type { Message } from '@messaging-app/shared';
import type { InferAttributes } from 'sequelize';
import type { UserRecord } from '../users/users.repository';

export type SenderRecord = Pick<UserRecord, 'userId' | 'username' | 'firstName' | 'lastName'>;
export type MessageRecord = InferAttributes<Message> & { sender: SenderRecord };

export interface MessageFilters {
  senderId?: string;
  /** Inclusive lower bound on sent_at. */
  sentFrom?: Date;
  /** Upper bound on sent_at; `inclusive: false` for "before the start of the next day". */
  sentTo?: { at: Date; inclusive: boolean };
  /** Case-insensitive substring of the body. */
  search?: string;
}

export type MessageOrdering = 'sent_at' | '-sent_at';

const SENDER_ATTRIBUTES = ['userId', 'username', 'firstName', 'lastName'];

/** LIKE treats % and _ as wildcards; a user searching for "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export class MessagesRepository {
  constructor(private readonly db: Database) {}

  private includeSender() {
    return { model: this.db.models.User, as: 'sender', attributes: SENDER_ATTRIBUTES };
  }

  async create(
    message: { conversationId: string; senderId: string; messageBody: string; sentAt: Date },
    transaction: Transaction,
  ): Promise<string> {
    const row = await this.db.models.Message.create({ ...message, editedAt: null }, { transaction });
    return row.messageId;
  }

  async findInConversation(conversationId: string, messageId: string, transaction?: Transaction): Promise<MessageRecord | undefined> {
    const row = await this.db.models.Message.findOne({
      where: { conversationId, messageId },
      include: [this.includeSender()],
      transaction,
    });
    return row?.get({ plain: true }) as MessageRecord | undefined;
  }

  async list(options: {
    conversationId: string;
    filters: MessageFilters;
    ordering: MessageOrdering;
    offset: number;
    limit: number;
  }): Promise<{ count: number; rows: MessageRecord[] }> {
    const { filters } = options;
    const sentAt: Record<symbol, Date> = {};
    if (filters.sentFrom) sentAt[Op.gte] = filters.sentFrom;
    if (filters.sentTo) sentAt[filters.sentTo.inclusive ? Op.lte : Op.lt] = filters.sentTo.at;

    const where: WhereOptions = {
      conversationId: options.conversationId,
      ...(filters.senderId ? { senderId: filters.senderId } : {}),
      ...(Object.getOwnPropertySymbols(sentAt).length > 0 ? { sentAt } : {}),
      ...(filters.search ? { messageBody: { [Op.iLike]: `%${escapeLike(filters.search)}%` } } : {}),
    };
    const direction = options.ordering === 'sent_at' ? 'ASC' : 'DESC';
    const { count, rows } = await this.db.models.Message.findAndCountAll({
      where,
      include: [this.includeSender()],
      order: [
        ['sentAt', direction],
        ['messageId', direction],
      ],
      offset: options.offset,
      limit: options.limit,
    });
    return { count, rows: rows.map((row) => row.get({ plain: true }) as MessageRecord) };
  }

  async updateBody(messageId: string, messageBody: string, editedAt: Date, transaction?: Transaction): Promise<void> {
    await this.db.models.Message.update({ messageBody, editedAt }, { where: { messageId }, transaction });
  }

  async delete(messageId: string, transaction?: Transaction): Promise<void> {
    await this.db.models.Message.destroy({ where: { messageId }, transaction });
  }

  /** The newest message of each conversation: one index probe per conversation (LATERAL + LIMIT 1). */
  async latestOf(conversationIds: string[]): Promise<Map<string, MessageRecord>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.sequelize.query<{
      message_id: string;
      conversation_id: string;
      sender_id: string;
      message_body: string;
      sent_at: Date;
      edited_at: Date | null;
      username: string;
      first_name: string;
      last_name: string;
    }>(
      `SELECT m.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at,
              u.username, u.first_name, u.last_name
         FROM unnest(ARRAY[:ids]::uuid[]) AS c(conversation_id)
         CROSS JOIN LATERAL (
           SELECT * FROM messages
            WHERE messages.conversation_id = c.conversation_id
            ORDER BY sent_at DESC, message_id DESC
            LIMIT 1
         ) m
         JOIN users u ON u.user_id = m.sender_id`,
      { replacements: { ids: conversationIds }, type: QueryTypes.SELECT },
    );
    return new Map(
      rows.map((row) => [
        row.conversation_id,
        {
          messageId: row.message_id,
          conversationId: row.conversation_id,
          senderId: row.sender_id,
          messageBody: row.message_body,
          sentAt: new Date(row.sent_at),
          editedAt: row.edited_at ? new Date(row.edited_at) : null,
          sender: { userId: row.sender_id, username: row.username, firstName: row.first_name, lastName: row.last_name },
        },
      ]),
    );
  }
}
