import { type Database, Op, QueryTypes, type WhereOptions } from '@messaging-app/shared';
import type { ConversationRecord } from '../conversations/conversations.repository';
import type { UserRecord } from '../users/users.repository';

export interface UserSearch {
  /** Case-insensitive text in the username, email, first or last name. */
  search?: string;
  isActive?: boolean;
  isStaff?: boolean;
}

export interface ServiceCounts {
  users: number;
  activeUsers: number;
  staffUsers: number;
  conversations: number;
  messages: number;
  messagesSince: number;
}

/** LIKE treats % and _ as wildcards; staff searching for "a_b" mean the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Queries only the admin area needs: across every user and conversation, not one caller's. */
export class AdminRepository {
  constructor(private readonly db: Database) {}

  async searchUsers(query: UserSearch, page: { offset: number; limit: number }): Promise<{ count: number; rows: UserRecord[] }> {
    const where: WhereOptions = {
      ...(query.isActive === undefined ? {} : { isActive: query.isActive }),
      ...(query.isStaff === undefined ? {} : { isStaff: query.isStaff }),
      ...(query.search
        ? {
            [Op.or]: ['username', 'email', 'firstName', 'lastName'].map((field) => ({
              [field]: { [Op.iLike]: `%${escapeLike(query.search as string)}%` },
            })),
          }
        : {}),
    };
    const { count, rows } = await this.db.models.User.findAndCountAll({
      where,
      order: [
        ['createdAt', 'ASC'],
        ['userId', 'ASC'],
      ],
      offset: page.offset,
      limit: page.limit,
    });
    return { count, rows: rows.map((row) => row.get({ plain: true })) };
  }

  /** Every conversation, most recently active first. */
  async listConversations(page: { offset: number; limit: number }): Promise<{ count: number; rows: ConversationRecord[] }> {
    const { count, rows } = await this.db.models.Conversation.findAndCountAll({
      order: [
        ['lastActivityAt', 'DESC'],
        ['conversationId', 'DESC'],
      ],
      offset: page.offset,
      limit: page.limit,
    });
    return { count, rows: rows.map((row) => row.get({ plain: true })) };
  }

  /** Messages per conversation, in one grouped query for a whole page. */
  async messageCounts(conversationIds: string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.sequelize.query<{ conversation_id: string; count: string }>(
      `SELECT conversation_id, count(*) AS count FROM messages WHERE conversation_id IN (:ids) GROUP BY conversation_id`,
      { replacements: { ids: conversationIds }, type: QueryTypes.SELECT },
    );
    return new Map(rows.map((row) => [row.conversation_id, Number(row.count)]));
  }

  /** One round trip for every count. */
  async counts(since: Date): Promise<ServiceCounts> {
    const [row] = await this.db.sequelize.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM users) AS users,
              (SELECT count(*) FROM users WHERE is_active) AS active_users,
              (SELECT count(*) FROM users WHERE is_staff) AS staff_users,
              (SELECT count(*) FROM conversations) AS conversations,
              (SELECT count(*) FROM messages) AS messages,
              (SELECT count(*) FROM messages WHERE sent_at >= :since) AS messages_since`,
      { replacements: { since }, type: QueryTypes.SELECT },
    );
    return {
      users: Number(row.users),
      activeUsers: Number(row.active_users),
      staffUsers: Number(row.staff_users),
      conversations: Number(row.conversations),
      messages: Number(row.messages),
      messagesSince: Number(row.messages_since),
    };
  }

  /**
   * Sign-ups and messages per UTC day (YYYY-MM-DD) from `since` on, in one round trip; days without any
   * are left out. Range scans on users (created_at) and messages (sent_at, a BRIN index).
   */
  async dailyCounts(since: Date): Promise<{ signUps: Map<string, number>; messages: Map<string, number> }> {
    const rows = await this.db.sequelize.query<{ series: 'sign_ups' | 'messages'; day: string; count: string }>(
      `SELECT 'sign_ups' AS series, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS count
         FROM users WHERE created_at >= :since GROUP BY 2
       UNION ALL
       SELECT 'messages', to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*)
         FROM messages WHERE sent_at >= :since GROUP BY 2`,
      { replacements: { since }, type: QueryTypes.SELECT },
    );
    const signUps = new Map<string, number>();
    const messages = new Map<string, number>();
    for (const row of rows) (row.series === 'sign_ups' ? signUps : messages).set(row.day, Number(row.count));
    return { signUps, messages };
  }

  /** Kind and title of the given conversations (those that exist). */
  async conversationsByIds(conversationIds: string[]): Promise<Map<string, Pick<ConversationRecord, 'kind' | 'title'>>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.models.Conversation.findAll({
      where: { conversationId: conversationIds },
      attributes: ['conversationId', 'kind', 'title'],
    });
    return new Map(rows.map((row) => [row.conversationId, { kind: row.kind, title: row.title }]));
  }

  async conversationOfMessage(messageId: string): Promise<string | undefined> {
    const message = await this.db.models.Message.findByPk(messageId, { attributes: ['conversationId'] });
    return message?.conversationId;
  }
}
