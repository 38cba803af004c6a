import { type Database, QueryTypes, type Transaction } from '@messaging-app/shared';
import type { Position } from '../messages/cursor';

export interface ReadStateRecord {
  conversationId: string;
  lastReadMessageId: string | null;
  unreadCount: number;
}

/**
 * The others' messages after a participant's read marker, counted as a range of the
 * (conversation_id, sent_at, message_id) index: the cost grows with the unread messages, never with
 * the history before the marker. `p` is the participant row.
 */
const UNREAD_AFTER_MARKER = `
  SELECT count(*) AS unread_count
    FROM messages m
   WHERE m.conversation_id = p.conversation_id
     AND (m.sent_at, m.message_id) > (COALESCE(p.last_read_sent_at, '-infinity'::timestamptz),
                                      COALESCE(p.last_read_message_id, '00000000-0000-0000-0000-000000000000'::uuid))
     AND m.sender_id <> p.user_id
     AND m.deleted_at IS NULL`;

export class ReadMarkersRepository {
  constructor(private readonly db: Database) {}

  /**
   * Moves the user's marker to `position`, only forwards: an older position (a stale client) changes
   * nothing. True when the marker moved.
   */
  async advance(conversationId: string, userId: string, position: Position, transaction?: Transaction): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE conversation_participants
          SET last_read_sent_at = $3::timestamptz, last_read_message_id = $4::uuid
        WHERE conversation_id = $1 AND user_id = $2
          AND (last_read_sent_at IS NULL OR (last_read_sent_at, last_read_message_id) < ($3::timestamptz, $4::uuid))
        RETURNING user_id`,
      [conversationId, userId, position.sentAt, position.messageId],
      { transaction },
    );
    return moved.length > 0;
  }

  /** The user's marker and unread count in each of these conversations (one query; LATERAL count per conversation). */
  async statesOf(userId: string, conversationIds: string[], transaction?: Transaction): Promise<Map<string, ReadStateRecord>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.query<{ conversation_id: string; last_read_message_id: string | null; unread_count: string }>(
      `SELECT p.conversation_id, p.last_read_message_id, unread.unread_count
         FROM conversation_participants p
         CROSS JOIN LATERAL (${UNREAD_AFTER_MARKER}) unread
        WHERE p.user_id = $1 AND p.conversation_id = ANY($2::uuid[])`,
      [userId, conversationIds],
      { transaction },
    );
    return new Map(
      rows.map((row) => [
        row.conversation_id,
        { conversationId: row.conversation_id, lastReadMessageId: row.last_read_message_id, unreadCount: Number(row.unread_count) },
      ]),
    );
  }

  /** Unread messages across all of the user's conversations, and in how many conversations. */
  async totalsOf(userId: string): Promise<{ unreadCount: number; unreadConversations: number }> {
    const [row] = await this.db.sequelize.query<{ unread_count: string; unread_conversations: string }>(
      `SELECT COALESCE(sum(unread.unread_count), 0) AS unread_count,
              count(*) FILTER (WHERE unread.unread_count > 0) AS unread_conversations
         FROM conversation_participants p
         CROSS JOIN LATERAL (${UNREAD_AFTER_MARKER}) unread
        WHERE p.user_id = :userId`,
      { replacements: { userId }, type: QueryTypes.SELECT },
    );
    return { unreadCount: Number(row.unread_count), unreadConversations: Number(row.unread_conversations) };
  }
}
