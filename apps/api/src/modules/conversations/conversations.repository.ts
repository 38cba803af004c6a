import { randomUUID } from 'node:crypto';
import { type ConversationKind, type Database, QueryTypes, type Transaction } from '@messaging-app/shared';
import type { Position } from '../messages/cursor';
import type { SenderRecord } from '../messages/messages.repository';

export interface ConversationRecord {
  conversationId: string;
  createdById: string | null;
  kind: ConversationKind;
  title: string | null;
  createdAt: Date;
  lastActivityAt: Date;
}

/** How a transaction locks a membership (see `lockMembership`). */
export type MembershipLock = 'write' | 'update' | 'remove';
const MEMBERSHIP_LOCKS: Record<MembershipLock, string> = { write: 'FOR KEY SHARE', update: 'FOR NO KEY UPDATE', remove: 'FOR UPDATE' };

/** The two people of a direct conversation, in the order the unique pair index stores them. */
export function directPair(a: string, b: string): { low: string; high: string } {
  const [low, high] = [a.toLowerCase(), b.toLowerCase()].sort();
  return { low, high };
}

export class ConversationsRepository {
  constructor(private readonly db: Database) {}

  async createGroup(
    conversation: { createdById: string; title: string | null; participantIds: string[]; at: Date },
    transaction: Transaction,
  ): Promise<string> {
    const row = await this.db.models.Conversation.create(
      {
        createdById: conversation.createdById,
        kind: 'group',
        title: conversation.title,
        directUserLow: null,
        directUserHigh: null,
        lastActivityAt: conversation.at,
        createdAt: conversation.at,
      },
      { transaction },
    );
    await this.addParticipants(row.conversationId, conversation.participantIds, conversation.at, undefined, transaction);
    return row.conversationId;
  }

  /**
   * The pair's direct conversation: created now, or the one that already exists. The unique pair index
   * settles races: a concurrent creator waits on it, then finds the winner's conversation.
   */
  async createOrFindDirect(
    conversation: { createdById: string; otherId: string; at: Date },
    transaction: Transaction,
  ): Promise<{ conversationId: string; created: boolean }> {
    const { low, high } = directPair(conversation.createdById, conversation.otherId);
    const inserted = await this.db.sequelize.query<{ conversation_id: string }>(
      `INSERT INTO conversations (conversation_id, created_by_id, kind, title, direct_user_low, direct_user_high, last_activity_at, created_at)
       VALUES (:conversationId, :createdById, 'direct', NULL, :low, :high, :at, :at)
       ON CONFLICT (direct_user_low, direct_user_high) DO NOTHING
       RETURNING conversation_id`,
      {
        replacements: { conversationId: randomUUID(), createdById: conversation.createdById, low, high, at: conversation.at.toISOString() },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (inserted.length > 0) {
      const conversationId = inserted[0].conversation_id;
      await this.addParticipants(conversationId, [conversation.createdById, conversation.otherId], conversation.at, undefined, transaction);
      return { conversationId, created: true };
    }
    const existing = await this.db.models.Conversation.findOne({
      where: { directUserLow: low, directUserHigh: high },
      attributes: ['conversationId'],
      transaction,
    });
    if (!existing) throw new Error(`direct conversation ${low}/${high} conflicted but cannot be found`);
    return { conversationId: existing.conversationId, created: false };
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

  /** Locks the conversation row until the transaction ends: membership changes of one conversation queue up. */
  async lock(conversationId: string, transaction: Transaction): Promise<void> {
    await this.db.models.Conversation.findByPk(conversationId, { attributes: ['conversationId'], lock: transaction.LOCK.UPDATE, transaction });
  }

  /**
   * Locks the user's membership until the transaction ends; false when they are not (or no longer) in
   * the conversation. Leaving deletes this row, so a write that holds it lands before the leave or,
   * waiting behind the leave, finds no row: nobody writes into a conversation they have left. Every
   * transaction takes it before any other lock of the conversation (its row, its messages), so a leave
   * and a write never wait for each other in opposite orders. The mode is the weakest that suffices:
   * - `write`: other writes by the same person run side by side (FOR KEY SHARE);
   * - `update`: the transaction will update the row itself, its read marker (FOR NO KEY UPDATE, so it
   *   never has to strengthen a weaker lock while a leave waits for it);
   * - `remove`: the transaction deletes it, leaving or being removed (FOR UPDATE).
   */
  async lockMembership(conversationId: string, userId: string, mode: MembershipLock, transaction: Transaction): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2 ${MEMBERSHIP_LOCKS[mode]}`,
      [conversationId, userId],
      { transaction },
    );
    return rows.length > 0;
  }

  /** Checked before every message read: a plain primary-key probe. */
  async isParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId], {
      transaction,
    });
    return rows.length > 0;
  }

  async participantIds(conversationId: string, transaction?: Transaction): Promise<string[]> {
    const links = await this.db.models.ConversationParticipant.findAll({ where: { conversationId }, attributes: ['userId'], transaction });
    return links.map((link) => link.userId);
  }

  /** Adds people, with their read marker at `readUpTo` (so they start with nothing unread) when given. */
  async addParticipants(conversationId: string, userIds: string[], at: Date, readUpTo: Position | undefined, transaction: Transaction): Promise<void> {
    await this.db.models.ConversationParticipant.bulkCreate(
      userIds.map((userId) => ({
        conversationId,
        userId,
        joinedAt: at,
        lastReadSentAt: readUpTo?.sentAt ?? null,
        lastReadMessageId: readUpTo?.messageId ?? null,
      })),
      { transaction },
    );
  }

  /** Whether the user was a participant (and now is not). */
  async removeParticipant(conversationId: string, userId: string, transaction: Transaction): Promise<boolean> {
    const removed = await this.db.models.ConversationParticipant.destroy({ where: { conversationId, userId }, transaction });
    return removed > 0;
  }

  async delete(conversationId: string, transaction: Transaction): Promise<void> {
    await this.db.models.Conversation.destroy({ where: { conversationId }, transaction });
  }

  /**
   * The user's conversations, most recently active first, and how many there are (side by side).
   * Plain SQL, like the rest of the conversation list: it is read on every app start and refresh.
   */
  async listForParticipant(userId: string, page: { offset: number; limit: number }): Promise<{ count: number; rows: ConversationRecord[] }> {
    const mine = 'FROM conversations c JOIN conversation_participants mine ON mine.conversation_id = c.conversation_id AND mine.user_id = $1';
    const [counted, rows] = await Promise.all([
      this.db.query<{ count: string }>(`SELECT count(*) AS count ${mine}`, [userId]),
      this.db.query<{ conversation_id: string; created_by_id: string | null; kind: ConversationKind; title: string | null; created_at: Date; last_activity_at: Date }>(
        `SELECT c.conversation_id, c.created_by_id, c.kind, c.title, c.created_at, c.last_activity_at ${mine}
          ORDER BY c.last_activity_at DESC, c.conversation_id DESC LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`,
        [userId],
      ),
    ]);
    return {
      count: Number(counted[0].count),
      rows: rows.map((row) => ({
        conversationId: row.conversation_id,
        createdById: row.created_by_id,
        kind: row.kind,
        title: row.title,
        createdAt: new Date(row.created_at),
        lastActivityAt: new Date(row.last_activity_at),
      })),
    };
  }

  /** Participants of each conversation, in the order they joined. */
  async participantsOf(conversationIds: string[], transaction?: Transaction): Promise<Map<string, SenderRecord[]>> {
    const byConversation = new Map<string, SenderRecord[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return byConversation;
    const rows = await this.db.query<{ conversation_id: string; user_id: string; username: string; first_name: string; last_name: string }>(
      `SELECT p.conversation_id, u.user_id, u.username, u.first_name, u.last_name
         FROM conversation_participants p JOIN users u ON u.user_id = p.user_id
        WHERE p.conversation_id = ANY($1::uuid[])
        ORDER BY p.joined_at ASC, p.user_id ASC`,
      [conversationIds],
      { transaction },
    );
    for (const row of rows) {
      byConversation.get(row.conversation_id)?.push({ userId: row.user_id, username: row.username, firstName: row.first_name, lastName: row.last_name });
    }
    return byConversation;
  }

  async touch(conversationId: string, at: Date, transaction: Transaction): Promise<void> {
    await this.db.query('UPDATE conversations SET last_activity_at = $1 WHERE conversation_id = $2', [at, conversationId], { transaction });
  }
}
