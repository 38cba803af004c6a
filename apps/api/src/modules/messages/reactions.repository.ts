import { sql, type Database, type Transaction } from '@messaging-app/shared';

const FOREIGN_KEY_VIOLATION = '23503';

export interface ReactionCount {
  emoji: string;
  count: number;
  reactedByViewer: boolean;
}

/** `message_reactions`: one row per person per emoji per message. */
export class ReactionsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds the reaction: `added`, or `unchanged` when the user had already reacted with this emoji, or
   * `gone` when the message was deleted meanwhile (its foreign key refuses the row; the transaction is
   * then spent and must roll back).
   */
  async add(
    reaction: { messageId: string; userId: string; emoji: string; at: Date },
    transaction: Transaction,
  ): Promise<'added' | 'unchanged' | 'gone'> {
    try {
      const inserted = await this.db.query(
        sql`INSERT INTO message_reactions (message_id, user_id, emoji, created_at)
            VALUES (${reaction.messageId}, ${reaction.userId}, ${reaction.emoji}, ${reaction.at})
            ON CONFLICT DO NOTHING
            RETURNING message_id`,
        { transaction },
      );
      return inserted.length > 0 ? 'added' : 'unchanged';
    } catch (error) {
      if ((error as { code?: unknown })?.code === FOREIGN_KEY_VIOLATION) return 'gone';
      throw error;
    }
  }

  /** True when there was such a reaction. */
  async remove(reaction: { messageId: string; userId: string; emoji: string }, transaction: Transaction): Promise<boolean> {
    const removed = await this.db.query(
      sql`DELETE FROM message_reactions WHERE message_id = ${reaction.messageId} AND user_id = ${reaction.userId} AND emoji = ${reaction.emoji} RETURNING 1`,
      { transaction },
    );
    return removed.length > 0;
  }

  async deleteAll(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.query(sql`DELETE FROM message_reactions WHERE message_id = ${messageId}`, { transaction });
  }

  /**
   * Per message, each emoji's count and whether `viewerId` used it, in the order the emojis were first
   * used. One grouped query for a whole page of messages, served by the primary key's message_id prefix.
   */
  async countsFor(messageIds: string[], viewerId: string, transaction?: Transaction): Promise<Map<string, ReactionCount[]>> {
    const byMessage = new Map<string, ReactionCount[]>();
    if (messageIds.length === 0) return byMessage;
    const rows = await this.db.query<{ message_id: string; emoji: string; count: string; mine: boolean }>(
      sql`SELECT message_id, emoji, count(*) AS count, bool_or(user_id = ${viewerId}) AS mine
            FROM message_reactions
           WHERE message_id = ANY(${messageIds}::uuid[])
           GROUP BY message_id, emoji
           ORDER BY message_id, min(created_at), emoji`,
      { transaction },
    );
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push({ emoji: row.emoji, count: Number(row.count), reactedByViewer: row.mine });
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }
}
