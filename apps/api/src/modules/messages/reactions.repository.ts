import { type Database, ForeignKeyConstraintError, QueryTypes, type Transaction } from '@messaging-app/shared';

export interface ReactionCount {
  emoji: string;
  count: number;
  reactedByViewer: boolean;
}

export class ReactionsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds the reaction: `added`, or `unchanged` when the user had already reacted with this emoji, or
   * `gone` when the message was deleted meanwhile (its foreign key refuses the row).
   */
  async add(reaction: { messageId: string; userId: string; emoji: string; at: Date }, transaction?: Transaction): Promise<'added' | 'unchanged' | 'gone'> {
    try {
      const inserted = await this.db.sequelize.query<{ message_id: string }>(
        `INSERT INTO message_reactions (message_id, user_id, emoji, created_at)
         VALUES (:messageId, :userId, :emoji, :at)
         ON CONFLICT DO NOTHING
         RETURNING message_id`,
        { replacements: { ...reaction, at: reaction.at.toISOString() }, type: QueryTypes.SELECT, transaction },
      );
      return inserted.length > 0 ? 'added' : 'unchanged';
    } catch (error) {
      if (error instanceof ForeignKeyConstraintError) return 'gone';
      throw error;
    }
  }

  /** True when there was such a reaction. */
  async remove(reaction: { messageId: string; userId: string; emoji: string }, transaction?: Transaction): Promise<boolean> {
    return (await this.db.models.MessageReaction.destroy({ where: reaction, transaction })) > 0;
  }

  async deleteAll(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.models.MessageReaction.destroy({ where: { messageId }, transaction });
  }

  /**
   * Per message, each emoji's count and whether `viewerId` used it, in the order the emojis were first
   * used. One grouped query for a whole page of messages, served by the primary key's message_id prefix.
   */
  async countsFor(messageIds: string[], viewerId: string, transaction?: Transaction): Promise<Map<string, ReactionCount[]>> {
    const byMessage = new Map<string, ReactionCount[]>();
    if (messageIds.length === 0) return byMessage;
    const rows = await this.db.query<{ message_id: string; emoji: string; count: string; mine: boolean }>(
      `SELECT message_id, emoji, count(*) AS count, bool_or(user_id = $2) AS mine
         FROM message_reactions
        WHERE message_id = ANY($1::uuid[])
        GROUP BY message_id, emoji
        ORDER BY message_id, min(created_at), emoji`,
      [messageIds, viewerId],
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
