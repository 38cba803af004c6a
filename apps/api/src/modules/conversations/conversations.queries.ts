import { raw, sql, type Database, type Transaction } from '@messaging-app/shared';
import type { UserSummaryRecord } from '../users';
import { conversationFromRow, type ConversationRecord, type ConversationRow, type ReadMarker } from './conversation-rows';

const CONVERSATION_COLUMNS = raw('c.conversation_id, c.created_by_id, c.kind, c.title, c.created_at, c.last_activity_at, c.message_count');

/** A conversation the user takes part in, with their read marker. */
export type OwnConversation = ConversationRecord & { readMarker: ReadMarker };

type OwnConversationRow = ConversationRow & { last_read_sent_at: Date | null; last_read_message_id: string | null };

const withMarker = (row: OwnConversationRow): OwnConversation => ({
  ...conversationFromRow(row),
  readMarker: { lastReadSentAt: row.last_read_sent_at && new Date(row.last_read_sent_at), lastReadMessageId: row.last_read_message_id },
});

/** Reads of `conversations` and `conversation_participants`. */
export class ConversationsQueries {
  constructor(private readonly db: Database) {}

  /** The conversation with the user's read marker, only if `userId` takes part in it. */
  async findForParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<OwnConversation | undefined> {
    const [row] = await this.db.query<OwnConversationRow>(
      sql`SELECT ${CONVERSATION_COLUMNS}, mine.last_read_sent_at, mine.last_read_message_id
            FROM conversations c JOIN conversation_participants mine ON mine.conversation_id = c.conversation_id AND mine.user_id = ${userId}
           WHERE c.conversation_id = ${conversationId}`,
      { transaction },
    );
    return row && withMarker(row);
  }

  /** Checked before every message read: a plain primary-key probe. */
  async isParticipant(conversationId: string, userId: string, transaction?: Transaction): Promise<boolean> {
    const rows = await this.db.query(
      sql`SELECT 1 FROM conversation_participants WHERE conversation_id = ${conversationId} AND user_id = ${userId}`,
      { transaction },
    );
    return rows.length > 0;
  }

  async participantIds(conversationId: string, transaction?: Transaction): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      sql`SELECT user_id FROM conversation_participants WHERE conversation_id = ${conversationId}`,
      { transaction },
    );
    return rows.map((row) => row.user_id);
  }

  /**
   * The user's conversations with their read markers, most recently active first, and how many there are
   * (side by side). It is read on every app start and refresh.
   */
  async listForParticipant(userId: string, page: { offset: number; limit: number }): Promise<{ count: number; rows: OwnConversation[] }> {
    const mine = sql`FROM conversations c JOIN conversation_participants mine ON mine.conversation_id = c.conversation_id AND mine.user_id = ${userId}`;
    const [counted, rows] = await Promise.all([
      this.db.query<{ count: string }>(sql`SELECT count(*) AS count ${mine}`),
      this.db.query<OwnConversationRow>(
        sql`SELECT ${CONVERSATION_COLUMNS}, mine.last_read_sent_at, mine.last_read_message_id ${mine}
             ORDER BY c.last_activity_at DESC, c.conversation_id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      ),
    ]);
    return { count: Number(counted[0].count), rows: rows.map(withMarker) };
  }

  /** The user's read marker in every conversation they are in (their unread summary). */
  async readMarkersOf(userId: string): Promise<Map<string, ReadMarker>> {
    const rows = await this.db.query<{ conversation_id: string; last_read_sent_at: Date | null; last_read_message_id: string | null }>(
      sql`SELECT conversation_id, last_read_sent_at, last_read_message_id FROM conversation_participants WHERE user_id = ${userId}`,
    );
    return new Map(
      rows.map((row) => [
        row.conversation_id,
        { lastReadSentAt: row.last_read_sent_at && new Date(row.last_read_sent_at), lastReadMessageId: row.last_read_message_id },
      ]),
    );
  }

  /** Participants of each conversation, in the order they joined. */
  async participantsOf(conversationIds: string[], transaction?: Transaction): Promise<Map<string, UserSummaryRecord[]>> {
    const byConversation = new Map<string, UserSummaryRecord[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return byConversation;
    const rows = await this.db.query<{ conversation_id: string; user_id: string; username: string; first_name: string; last_name: string }>(
      sql`SELECT p.conversation_id, u.user_id, u.username, u.first_name, u.last_name
            FROM conversation_participants p JOIN user_summaries u ON u.user_id = p.user_id
           WHERE p.conversation_id = ANY(${conversationIds}::uuid[])
           ORDER BY p.joined_at ASC, p.user_id ASC`,
      { transaction },
    );
    for (const row of rows) {
      byConversation
        .get(row.conversation_id)
        ?.push({ userId: row.user_id, username: row.username, firstName: row.first_name, lastName: row.last_name });
    }
    return byConversation;
  }

  /** Every conversation, most recently active first (staff). */
  async listAll(page: { offset: number; limit: number }): Promise<{ count: number; rows: ConversationRecord[] }> {
    const [counted, rows] = await Promise.all([
      this.db.query<{ count: string }>(sql`SELECT count(*) AS count FROM conversations`),
      this.db.query<ConversationRow>(
        sql`SELECT ${CONVERSATION_COLUMNS} FROM conversations c ORDER BY c.last_activity_at DESC, c.conversation_id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      ),
    ]);
    return { count: Number(counted[0].count), rows: rows.map(conversationFromRow) };
  }

  /** The given conversations (those that exist), by id (staff). */
  async findByIds(conversationIds: string[]): Promise<Map<string, ConversationRecord>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.query<ConversationRow>(
      sql`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.conversation_id = ANY(${conversationIds}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.conversation_id, conversationFromRow(row)]));
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ count: string }>(sql`SELECT count(*) AS count FROM conversations`);
    return Number(row.count);
  }
}
