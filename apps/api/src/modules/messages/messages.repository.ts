import { randomUUID } from 'node:crypto';
import { raw, sql, type Database, type Transaction } from '@messaging-app/shared';
import { MESSAGE_COLUMNS, messageFromRow, type MessageInHand, type MessageRecord, type RawMessageRow } from './message-rows';

/** Writes to `messages` (reads are in messages.queries.ts). */
export class MessagesRepository {
  constructor(private readonly db: Database) {}

  /** Sending is the hottest write: one statement inserts the row (its id made here) and reads it back with its sender. */
  async create(
    message: { conversationId: string; senderId: string; messageBody: string; sentAt: Date; parentMessageId: string | null },
    transaction: Transaction,
  ): Promise<MessageRecord> {
    const [row] = await this.db.query<RawMessageRow>(
      sql`WITH m AS (
            INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at, edited_at, parent_message_id, reply_count, last_reply_at, deleted_at)
            VALUES (${randomUUID()}, ${message.conversationId}, ${message.senderId}, ${message.messageBody}, ${message.sentAt}, NULL, ${message.parentMessageId}, 0, NULL, NULL)
            RETURNING *)
          SELECT ${MESSAGE_COLUMNS} FROM m JOIN user_summaries sender ON sender.user_id = m.sender_id`,
      { transaction },
    );
    return messageFromRow(row);
  }

  /**
   * The message, locked until the transaction ends (for update: concurrent edits, replies and deletes
   * queue up; shared: reactions, which only need it to stay),
   * with its sender and who reacted with what: everything a write needs to answer and announce the
   * message without reading it again.
   */
  async lockInConversation(
    conversationId: string,
    messageId: string,
    transaction: Transaction,
    mode: 'update' | 'share' = 'update',
  ): Promise<MessageInHand | undefined> {
    const [row] = await this.db.query<RawMessageRow & { reactions: Array<[string, string[]]> | null }>(
      sql`SELECT ${MESSAGE_COLUMNS},
                 (SELECT json_agg(json_build_array(r.emoji, r.user_ids) ORDER BY r.first_at, r.emoji)
                    FROM (SELECT emoji, array_agg(user_id ORDER BY created_at, user_id) AS user_ids, min(created_at) AS first_at
                            FROM message_reactions WHERE message_id = m.message_id GROUP BY emoji) r) AS reactions
            FROM messages m JOIN user_summaries sender ON sender.user_id = m.sender_id
           WHERE m.conversation_id = ${conversationId} AND m.message_id = ${messageId}
             ${mode === 'share' ? raw('FOR SHARE OF m') : raw('FOR UPDATE OF m')}`,
      { transaction },
    );
    return row && { ...messageFromRow(row), reactions: (row.reactions ?? []).map(([emoji, userIds]) => ({ emoji, userIds })) };
  }

  async updateBody(messageId: string, messageBody: string, editedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.query(sql`UPDATE messages SET message_body = ${messageBody}, edited_at = ${editedAt} WHERE message_id = ${messageId}`, {
      transaction,
    });
  }

  async delete(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.query(sql`DELETE FROM messages WHERE message_id = ${messageId}`, { transaction });
  }

  /** Keeps the message in place without its body; its edits and reactions go (the caller deletes them). */
  async tombstone(messageId: string, deletedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.query(sql`UPDATE messages SET message_body = '', deleted_at = ${deletedAt} WHERE message_id = ${messageId}`, {
      transaction,
    });
  }

  /** One more reply on the thread's root; returns the root's counters after it. */
  async countReply(parentMessageId: string, sentAt: Date, transaction: Transaction): Promise<{ replyCount: number; lastReplyAt: Date }> {
    const [row] = await this.db.query<{ reply_count: number; last_reply_at: Date }>(
      sql`UPDATE messages
             SET reply_count = reply_count + 1, last_reply_at = GREATEST(last_reply_at, ${sentAt}::timestamptz)
           WHERE message_id = ${parentMessageId}
          RETURNING reply_count, last_reply_at`,
      { transaction },
    );
    return { replyCount: Number(row.reply_count), lastReplyAt: new Date(row.last_reply_at) };
  }

  /** After a reply was deleted: one reply fewer, and the newest remaining one's time. */
  async uncountReply(parentMessageId: string, transaction: Transaction): Promise<{ replyCount: number; lastReplyAt: Date | null }> {
    const [row] = await this.db.query<{ reply_count: number; last_reply_at: Date | null }>(
      sql`UPDATE messages
             SET reply_count = reply_count - 1,
                 last_reply_at = (SELECT max(sent_at) FROM messages WHERE parent_message_id = ${parentMessageId})
           WHERE message_id = ${parentMessageId}
          RETURNING reply_count, last_reply_at`,
      { transaction },
    );
    return { replyCount: Number(row?.reply_count ?? 0), lastReplyAt: row?.last_reply_at ? new Date(row.last_reply_at) : null };
  }
}
