import { type Database, ForeignKeyConstraintError, QueryTypes, type Transaction } from '@messaging-app/shared';

export interface ReactionCount {
  emoji: string;
  count: number;
  reactedByViewer: boolean;
}

export class ReactionsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds the reaction; reacting twice with the same emoji changes nothing. False when the message was
   * deleted meanwhile (its foreign key refuses the row).
   */
  async add(reaction: { messageId: string; userId: string; emoji: string; at: Date }): Promise<boolean> {
    try {
      await this.db.models.MessageReaction.bulkCreate(
        [{ messageId: reaction.messageId, userId: reaction.userId, emoji: reaction.emoji, createdAt: reaction.at }],
        { ignoreDuplicates: true },
      );
      return true;
    } catch (error) {
      if (error instanceof ForeignKeyConstraintError) return false;
      throw error;
    }
  }

  async remove(reaction: { messageId: string; userId: string; emoji: string }): Promise<void> {
    await this.db.models.MessageReaction.destroy({ where: reaction });
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
    const rows = await this.db.sequelize.query<{ message_id: string; emoji: string; count: string; mine: boolean }>(
      `SELECT message_id, emoji, count(*) AS count, bool_or(user_id = :viewerId) AS mine
         FROM message_reactions
        WHERE message_id IN (:messageIds)
        GROUP BY message_id, emoji
        ORDER BY message_id, min(created_at), emoji`,
      { replacements: { messageIds, viewerId }, type: QueryTypes.SELECT, transaction },
    );
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push({ emoji: row.emoji, count: Number(row.count), reactedByViewer: row.mine });
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }
}
