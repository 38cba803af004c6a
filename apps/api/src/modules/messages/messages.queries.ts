import { join, raw, sql, type Database, type Sql, type Transaction } from '@messaging-app/shared';
import type { Position } from './cursor';
import { MESSAGE_COLUMNS, MESSAGES_WITH_SENDER, messageFromRow, type MessageRecord, type RawMessageRow } from './message-rows';

export interface MessageFilters {
  senderId?: string;
  /** Inclusive lower bound on sent_at. */
  sentFrom?: Date;
  /** Upper bound on sent_at; `inclusive: false` for "before the start of the next day". */
  sentTo?: { at: Date; inclusive: boolean };
  /** Case-insensitive substring of the body. */
  search?: string;
}

/** Which messages a list is about: a conversation's, or only the replies to one message. */
export interface MessageScope {
  conversationId: string;
  parentMessageId?: string;
  filters: MessageFilters;
}

export type MessageOrdering = 'sent_at' | '-sent_at';
/** Towards older messages (descending) or newer ones (ascending). */
export type Direction = 'older' | 'newer';

/** A read position in a conversation, and whose it is (their own messages are never unread). */
export interface ReadPosition {
  conversationId: string;
  userId: string;
  position: Position | null;
}

/** LIKE treats % and _ as wildcards; a user searching for "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const ORDER = { older: raw('DESC'), newer: raw('ASC') } as const;
/** Below this many messages a conversation's key in the trigram index is cheap whatever its share. */
const DOMINANT_CONVERSATION_MIN = 100_000;

/** Every message of the conversation, no filter: what `conversations.message_count` counts. */
function isWholeConversation(scope: MessageScope): boolean {
  const { filters } = scope;
  return !scope.parentMessageId && !filters.senderId && !filters.sentFrom && !filters.sentTo && !filters.search;
}

/**
 * The WHERE clause shared by page and cursor lists, so both apply filters identically. Lists are the
 * hottest reads, so they are plain SQL: Sequelize's query building and model instances cost several
 * times what PostgreSQL takes to answer them (docs/performance.md).
 */
function whereOf(
  scope: MessageScope,
  from?: { direction: Direction; position: Position },
  options: { conversationUnindexed?: boolean } = {},
): Sql {
  const { filters } = scope;
  const conversation = sql`m.conversation_id = ${scope.conversationId}`;
  // Wrapped, the condition is still checked but no index can serve it (see listMatches).
  const conditions = [options.conversationUnindexed ? sql`(${conversation}) IS TRUE` : conversation];
  if (scope.parentMessageId) conditions.push(sql`m.parent_message_id = ${scope.parentMessageId}`);
  if (filters.senderId) conditions.push(sql`m.sender_id = ${filters.senderId}`);
  if (filters.sentFrom) conditions.push(sql`m.sent_at >= ${filters.sentFrom}`);
  if (filters.sentTo)
    conditions.push(filters.sentTo.inclusive ? sql`m.sent_at <= ${filters.sentTo.at}` : sql`m.sent_at < ${filters.sentTo.at}`);
  if (filters.search) conditions.push(sql`m.message_body ILIKE ${`%${escapeLike(filters.search)}%`}`);
  if (from) {
    // A row-value comparison, which PostgreSQL answers with a range scan of the
    // (conversation_id, sent_at, message_id) index however deep the position is.
    const operator = raw(from.direction === 'older' ? '<' : '>');
    conditions.push(sql`(m.sent_at, m.message_id) ${operator} (${from.position.sentAt}::timestamptz, ${from.position.messageId}::uuid)`);
  }
  return join(conditions, ' AND ');
}

/** Reads of `messages`: lists, searches, cursor windows, and what other modules ask of messages. */
export class MessagesQueries {
  constructor(private readonly db: Database) {}

  async findInConversation(conversationId: string, messageId: string, transaction?: Transaction): Promise<MessageRecord | undefined> {
    const [row] = await this.db.query<RawMessageRow>(
      sql`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_SENDER} WHERE m.conversation_id = ${conversationId} AND m.message_id = ${messageId}`,
      { transaction },
    );
    return row && messageFromRow(row);
  }

  /** The conversation a message is in (moderation finds messages by id alone). */
  async conversationOf(messageId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM messages WHERE message_id = ${messageId}`,
    );
    return row?.conversation_id;
  }

  /** One page by offset, with the total count (the `page` style of pagination), both queries side by side. */
  async list(options: {
    scope: MessageScope;
    ordering: MessageOrdering;
    offset: number;
    limit: number;
  }): Promise<{ count: number; rows: MessageRecord[] }> {
    if (options.scope.filters.search) return this.listMatches(options);
    const way = ORDER[options.ordering === 'sent_at' ? 'newer' : 'older'];
    // A whole conversation's count is kept on it (by the statements that add and remove messages); only filtered lists count rows.
    const countSql = isWholeConversation(options.scope)
      ? sql`SELECT message_count AS count FROM conversations WHERE conversation_id = ${options.scope.conversationId}`
      : sql`SELECT count(*) AS count FROM messages m WHERE ${whereOf(options.scope)}`;
    const [counted, rows] = await Promise.all([
      this.db.query<{ count: string }>(countSql),
      this.db.query<RawMessageRow>(
        sql`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_SENDER} WHERE ${whereOf(options.scope)}
             ORDER BY m.sent_at ${way}, m.message_id ${way} LIMIT ${options.limit} OFFSET ${options.offset}`,
      ),
    ]);
    return { count: Number(counted[0]?.count ?? 0), rows: rows.map(messageFromRow) };
  }

  /**
   * A numbered page of a search and its total, from one pass over the matches. Run as two statements
   * (a count and a LIMIT query), PostgreSQL found the matches twice, and for the page it often chose to
   * walk the conversation newest first, testing ILIKE on every message until it had a page: for a word
   * in one message of a thousand that is 20,000 rows for 20 matches, 12 ms (the planner does not charge
   * ILIKE what it costs). Here the matches (ids and times only) are found once, through the trigram
   * index, then counted and the page sorted out of them; only the page's rows are read in full. The
   * outer LEFT JOIN keeps the total when the page is past the end (one row with no message).
   */
  private async listMatches(options: {
    scope: MessageScope;
    ordering: MessageOrdering;
    offset: number;
    limit: number;
  }): Promise<{ count: number; rows: MessageRecord[] }> {
    const way = ORDER[options.ordering === 'sent_at' ? 'newer' : 'older'];
    // The trigram index leads with the conversation, which is right unless the conversation holds most
    // of all messages: then its key's posting list (a million entries) costs more than the word's own
    // (measured on the benchmark's 1M conversation, "aurora": 6.1 ms against 1.7 ms). The planner cannot
    // tell (GIN's estimate prices every key alike), so the query carries both forms, each behind a
    // one-time filter on the conversation's share, and only one runs.
    const dominant = sql`(SELECT c.message_count >= ${DOMINANT_CONVERSATION_MIN} AND c.message_count >= 0.5 * (SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass)
                            FROM conversations c WHERE c.conversation_id = ${options.scope.conversationId})`;
    const rows = await this.db.query<RawMessageRow & { total: string }>(
      sql`WITH matches AS MATERIALIZED (
            SELECT m.message_id, m.sent_at FROM messages m WHERE NOT ${dominant} AND ${whereOf(options.scope)}
            UNION ALL
            SELECT m.message_id, m.sent_at FROM messages m WHERE ${dominant} AND ${whereOf(options.scope, undefined, { conversationUnindexed: true })})
          SELECT counted.total, page.* FROM (SELECT count(*) AS total FROM matches) counted
            LEFT JOIN LATERAL (
              SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_SENDER}
                JOIN (SELECT message_id, sent_at FROM matches ORDER BY sent_at ${way}, message_id ${way}
                       LIMIT ${options.limit} OFFSET ${options.offset}) chosen ON chosen.message_id = m.message_id
            ) page ON true
           ORDER BY page.sent_at ${way}, page.message_id ${way}`,
    );
    return {
      count: Number(rows[0]?.total ?? 0),
      rows: rows.filter((row) => row.message_id !== null).map(messageFromRow),
    };
  }

  /**
   * Up to `limit` messages next to `from` in `direction`, nearest first, and whether more follow. Keyset
   * pagination: no count and no offset, so a page deep in history costs what the newest page costs.
   */
  async listFrom(options: {
    scope: MessageScope;
    direction: Direction;
    from?: Position;
    limit: number;
  }): Promise<{ rows: MessageRecord[]; more: boolean }> {
    const way = ORDER[options.direction];
    const where = whereOf(options.scope, options.from && { direction: options.direction, position: options.from });
    const rows = await this.db.query<RawMessageRow>(
      sql`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_SENDER} WHERE ${where} ORDER BY m.sent_at ${way}, m.message_id ${way} LIMIT ${options.limit + 1}`,
    );
    return { rows: rows.slice(0, options.limit).map(messageFromRow), more: rows.length > options.limit };
  }

  /** Whether any message of the scope lies beyond `from` in `direction` (one index probe). */
  async existsBeyond(scope: MessageScope, direction: Direction, from: Position): Promise<boolean> {
    const way = ORDER[direction];
    const rows = await this.db.query(
      sql`SELECT m.message_id FROM messages m WHERE ${whereOf(scope, { direction, position: from })} ORDER BY m.sent_at ${way}, m.message_id ${way} LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** The newest message of each conversation: one index probe per conversation (LATERAL + LIMIT 1). */
  async latestOf(conversationIds: string[], transaction?: Transaction): Promise<Map<string, MessageRecord>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.query<RawMessageRow>(
      sql`SELECT ${MESSAGE_COLUMNS}
            FROM unnest(${conversationIds}::uuid[]) AS c(conversation_id)
            CROSS JOIN LATERAL (
              SELECT * FROM messages
               WHERE messages.conversation_id = c.conversation_id
               ORDER BY sent_at DESC, message_id DESC
               LIMIT 1
            ) m
            JOIN user_summaries sender ON sender.user_id = m.sender_id`,
      { transaction },
    );
    return new Map(rows.map((row) => [row.conversation_id, messageFromRow(row)]));
  }

  /** The position of a conversation's newest message, if it has any. */
  async latestPosition(conversationId: string, transaction?: Transaction): Promise<Position | undefined> {
    const [row] = await this.db.query<{ sent_at: Date; message_id: string }>(
      sql`SELECT sent_at, message_id FROM messages WHERE conversation_id = ${conversationId} ORDER BY sent_at DESC, message_id DESC LIMIT 1`,
      { transaction },
    );
    return row ? { sentAt: new Date(row.sent_at), messageId: row.message_id } : undefined;
  }

  /**
   * Others' messages after each read position, counted as a range of the (conversation_id, sent_at,
   * message_id) index: the cost grows with the unread messages, never with the history before the
   * position. One statement for all positions (a LATERAL count each).
   */
  async countUnread(positions: ReadPosition[], transaction?: Transaction): Promise<Map<string, number>> {
    if (positions.length === 0) return new Map();
    const conversationIds = positions.map((p) => p.conversationId);
    const userIds = positions.map((p) => p.userId);
    const sentAts = positions.map((p) => p.position?.sentAt ?? null);
    const messageIds = positions.map((p) => p.position?.messageId ?? null);
    const rows = await this.db.query<{ conversation_id: string; unread_count: string }>(
      sql`SELECT p.conversation_id, unread.unread_count
            FROM unnest(${conversationIds}::uuid[], ${userIds}::uuid[], ${sentAts}::timestamptz[], ${messageIds}::uuid[])
                 AS p(conversation_id, user_id, read_sent_at, read_message_id)
            CROSS JOIN LATERAL (
              SELECT count(*) AS unread_count
                FROM messages m
               WHERE m.conversation_id = p.conversation_id
                 AND (m.sent_at, m.message_id) > (COALESCE(p.read_sent_at, '-infinity'::timestamptz),
                                                  COALESCE(p.read_message_id, '00000000-0000-0000-0000-000000000000'::uuid))
                 AND m.sender_id <> p.user_id
                 AND m.deleted_at IS NULL
            ) unread`,
      { transaction },
    );
    return new Map(rows.map((row) => [row.conversation_id, Number(row.unread_count)]));
  }

  /** Messages in all, and since `since` (the staff dashboard). */
  async counts(since: Date): Promise<{ messages: number; messagesSince: number }> {
    const [row] = await this.db.query<{ messages: string; messages_since: string }>(
      sql`SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM messages WHERE sent_at >= ${since}) AS messages_since`,
    );
    return { messages: Number(row.messages), messagesSince: Number(row.messages_since) };
  }

  /** Messages per UTC day (YYYY-MM-DD) from `since` on (a BRIN range scan); days without any are left out. */
  async perDay(since: Date): Promise<Map<string, number>> {
    const rows = await this.db.query<{ day: string; count: string }>(
      sql`SELECT to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS count FROM messages WHERE sent_at >= ${since} GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.day, Number(row.count)]));
  }
}
