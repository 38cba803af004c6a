import { randomUUID } from 'node:crypto';
import { type Database, type Transaction } from '@messaging-app/shared';
import type { Message } from '@messaging-app/shared';
import type { InferAttributes } from 'sequelize';
import type { Position } from './cursor';
import type { UserRecord } from '../users/users.repository';

export type SenderRecord = Pick<UserRecord, 'userId' | 'username' | 'firstName' | 'lastName'>;
/** A message row without its sender. */
export type MessageRow = InferAttributes<Message>;
export type MessageRecord = MessageRow & { sender: SenderRecord };

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


/** LIKE treats % and _ as wildcards; a user searching for "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

interface RawMessageRow {
  message_id: string;
  conversation_id: string;
  sender_id: string;
  message_body: string;
  sent_at: Date;
  edited_at: Date | null;
  parent_message_id: string | null;
  reply_count: number;
  last_reply_at: Date | null;
  deleted_at: Date | null;
  username: string;
  first_name: string;
  last_name: string;
}

const optionalDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/** A message row with its sender's public fields: what every list and read of messages selects. */
const MESSAGE_COLUMNS_WITH_SENDER = `
  SELECT m.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at,
         m.parent_message_id, m.reply_count, m.last_reply_at, m.deleted_at,
         sender.username, sender.first_name, sender.last_name`;
const MESSAGE_WITH_SENDER = `${MESSAGE_COLUMNS_WITH_SENDER}
    FROM messages m JOIN users sender ON sender.user_id = m.sender_id`;

/** SQL with `$n` placeholders and the values they stand for. */
class BoundSql {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const ORDER = { older: 'DESC', newer: 'ASC' } as const;
/** Below this many messages a conversation's key in the trigram index is cheap whatever its share. */
const DOMINANT_CONVERSATION_MIN = 100_000;

/** Every message of the conversation, no filter: what `conversations.message_count` counts. */
function isWholeConversation(scope: MessageScope): boolean {
  const { filters } = scope;
  return !scope.parentMessageId && !filters.senderId && !filters.sentFrom && !filters.sentTo && !filters.search;
}

function fromRawRow(row: RawMessageRow): MessageRecord {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    messageBody: row.message_body,
    sentAt: new Date(row.sent_at),
    editedAt: optionalDate(row.edited_at),
    parentMessageId: row.parent_message_id,
    replyCount: Number(row.reply_count),
    lastReplyAt: optionalDate(row.last_reply_at),
    deletedAt: optionalDate(row.deleted_at),
    sender: { userId: row.sender_id, username: row.username, firstName: row.first_name, lastName: row.last_name },
  };
}

export class MessagesRepository {
  constructor(private readonly db: Database) {}

  /** Sending is the hottest write: one statement inserts the row (its id made here) and reads it back with its sender. */
  async create(
    message: { conversationId: string; senderId: string; messageBody: string; sentAt: Date; parentMessageId: string | null },
    transaction: Transaction,
  ): Promise<MessageRecord> {
    const [row] = await this.db.query<RawMessageRow>(
      `WITH m AS (
         INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at, edited_at, parent_message_id, reply_count, last_reply_at, deleted_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, 0, NULL, NULL)
         RETURNING *)
       ${MESSAGE_COLUMNS_WITH_SENDER} FROM m JOIN users sender ON sender.user_id = m.sender_id`,
      [randomUUID(), message.conversationId, message.senderId, message.messageBody, message.sentAt, message.parentMessageId],
      { transaction },
    );
    return fromRawRow(row);
  }

  async findInConversation(conversationId: string, messageId: string, transaction?: Transaction): Promise<MessageRecord | undefined> {
    const sql = new BoundSql();
    const [row] = await this.select(
      `${MESSAGE_WITH_SENDER} WHERE m.conversation_id = ${sql.bind(conversationId)} AND m.message_id = ${sql.bind(messageId)}`,
      sql,
      transaction,
    );
    return row;
  }

  /** The message row, locked until the transaction ends, so concurrent edits, replies and deletes queue up. */
  async lockInConversation(conversationId: string, messageId: string, transaction: Transaction): Promise<MessageRow | undefined> {
    const row = await this.db.models.Message.findOne({
      where: { conversationId, messageId },
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    return row?.get({ plain: true });
  }

  /**
   * The WHERE clause shared by page and cursor lists, so both apply filters identically. Lists are
   * the hottest reads, so they are plain SQL: Sequelize's query building and model instances cost
   * several times what PostgreSQL takes to answer them (docs/performance.md).
   */
  private whereOf(scope: MessageScope, sql: BoundSql, from?: { direction: Direction; position: Position }, options: { conversationUnindexed?: boolean } = {}): string {
    const { filters } = scope;
    const conversation = `m.conversation_id = ${sql.bind(scope.conversationId)}`;
    // Wrapped, the condition is still checked but no index can serve it (see listMatches).
    const where = [options.conversationUnindexed ? `(${conversation}) IS TRUE` : conversation];
    if (scope.parentMessageId) where.push(`m.parent_message_id = ${sql.bind(scope.parentMessageId)}`);
    if (filters.senderId) where.push(`m.sender_id = ${sql.bind(filters.senderId)}`);
    if (filters.sentFrom) where.push(`m.sent_at >= ${sql.bind(filters.sentFrom)}`);
    if (filters.sentTo) where.push(`m.sent_at ${filters.sentTo.inclusive ? '<=' : '<'} ${sql.bind(filters.sentTo.at)}`);
    if (filters.search) where.push(`m.message_body ILIKE ${sql.bind(`%${escapeLike(filters.search)}%`)}`);
    if (from) {
      // A row-value comparison, which PostgreSQL answers with a range scan of the
      // (conversation_id, sent_at, message_id) index however deep the position is.
      const operator = from.direction === 'older' ? '<' : '>';
      where.push(`(m.sent_at, m.message_id) ${operator} (${sql.bind(from.position.sentAt)}::timestamptz, ${sql.bind(from.position.messageId)}::uuid)`);
    }
    return where.join(' AND ');
  }

  private async select(text: string, sql: BoundSql, transaction?: Transaction): Promise<MessageRecord[]> {
    const rows = await this.db.query<RawMessageRow>(text, sql.values, { transaction });
    return rows.map(fromRawRow);
  }

  /** One page by offset, with the total count (the `page` style of pagination), both queries side by side. */
  async list(options: { scope: MessageScope; ordering: MessageOrdering; offset: number; limit: number }): Promise<{ count: number; rows: MessageRecord[] }> {
    if (options.scope.filters.search) return this.listMatches(options);
    const way = ORDER[options.ordering === 'sent_at' ? 'newer' : 'older'];
    const counting = new BoundSql();
    const paging = new BoundSql();
    // A whole conversation's count is kept on it (by trigger, exactly); only filtered lists count rows.
    const countSql = isWholeConversation(options.scope)
      ? `SELECT message_count AS count FROM conversations WHERE conversation_id = ${counting.bind(options.scope.conversationId)}`
      : `SELECT count(*) AS count FROM messages m WHERE ${this.whereOf(options.scope, counting)}`;
    const [counted, rows] = await Promise.all([
      this.db.query<{ count: string }>(countSql, counting.values),
      this.select(
        `${MESSAGE_WITH_SENDER} WHERE ${this.whereOf(options.scope, paging)}
          ORDER BY m.sent_at ${way}, m.message_id ${way} LIMIT ${Number(options.limit)} OFFSET ${Number(options.offset)}`,
        paging,
      ),
    ]);
    return { count: Number(counted[0]?.count ?? 0), rows };
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
  private async listMatches(options: { scope: MessageScope; ordering: MessageOrdering; offset: number; limit: number }): Promise<{ count: number; rows: MessageRecord[] }> {
    const way = ORDER[options.ordering === 'sent_at' ? 'newer' : 'older'];
    const sql = new BoundSql();
    // The trigram index leads with the conversation, which is right unless the conversation holds most
    // of all messages: then its key's posting list (a million entries) costs more than the word's own
    // (measured on the benchmark's 1M conversation, "aurora": 6.1 ms against 1.7 ms). The planner cannot
    // tell (GIN's estimate prices every key alike), so the query carries both forms, each behind a
    // one-time filter on the conversation's share, and only one runs.
    const dominant = `(SELECT c.message_count >= ${DOMINANT_CONVERSATION_MIN} AND c.message_count >= 0.5 * (SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass)
                         FROM conversations c WHERE c.conversation_id = ${sql.bind(options.scope.conversationId)})`;
    const rows = await this.db.query<RawMessageRow & { total: string }>(
      `WITH matches AS MATERIALIZED (
         SELECT m.message_id, m.sent_at FROM messages m WHERE NOT ${dominant} AND ${this.whereOf(options.scope, sql)}
         UNION ALL
         SELECT m.message_id, m.sent_at FROM messages m WHERE ${dominant} AND ${this.whereOf(options.scope, sql, undefined, { conversationUnindexed: true })})
       SELECT counted.total, page.* FROM (SELECT count(*) AS total FROM matches) counted
         LEFT JOIN LATERAL (
           ${MESSAGE_WITH_SENDER}
             JOIN (SELECT message_id, sent_at FROM matches ORDER BY sent_at ${way}, message_id ${way}
                    LIMIT ${Number(options.limit)} OFFSET ${Number(options.offset)}) chosen ON chosen.message_id = m.message_id
         ) page ON true
        ORDER BY page.sent_at ${way}, page.message_id ${way}`,
      sql.values,
    );
    return {
      count: Number(rows[0]?.total ?? 0),
      rows: rows.filter((row) => row.message_id !== null).map(fromRawRow),
    };
  }

  /**
   * Up to `limit` messages next to `from` in `direction`, nearest first, and whether more follow. Keyset
   * pagination: no count and no offset, so a page deep in history costs what the newest page costs.
   */
  async listFrom(options: { scope: MessageScope; direction: Direction; from?: Position; limit: number }): Promise<{ rows: MessageRecord[]; more: boolean }> {
    const sql = new BoundSql();
    const way = ORDER[options.direction];
    const where = this.whereOf(options.scope, sql, options.from && { direction: options.direction, position: options.from });
    const rows = await this.select(
      `${MESSAGE_WITH_SENDER} WHERE ${where} ORDER BY m.sent_at ${way}, m.message_id ${way} LIMIT ${Number(options.limit) + 1}`,
      sql,
    );
    return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
  }

  /** Whether any message of the scope lies beyond `from` in `direction` (one index probe). */
  async existsBeyond(scope: MessageScope, direction: Direction, from: Position): Promise<boolean> {
    const sql = new BoundSql();
    const way = ORDER[direction];
    const rows = await this.db.query(
      `SELECT m.message_id FROM messages m WHERE ${this.whereOf(scope, sql, { direction, position: from })}
        ORDER BY m.sent_at ${way}, m.message_id ${way} LIMIT 1`,
      sql.values,
    );
    return rows.length > 0;
  }

  async updateBody(messageId: string, messageBody: string, editedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.models.Message.update({ messageBody, editedAt }, { where: { messageId }, transaction });
  }

  async delete(messageId: string, transaction: Transaction): Promise<void> {
    await this.db.models.Message.destroy({ where: { messageId }, transaction });
  }

  /** Keeps the message in place without its body; its edits and reactions go (the caller deletes them). */
  async tombstone(messageId: string, deletedAt: Date, transaction: Transaction): Promise<void> {
    await this.db.models.Message.update({ messageBody: '', deletedAt }, { where: { messageId }, transaction });
  }

  async countReply(parentMessageId: string, sentAt: Date, transaction: Transaction): Promise<void> {
    await this.db.sequelize.query(
      `UPDATE messages
          SET reply_count = reply_count + 1, last_reply_at = GREATEST(last_reply_at, :sentAt::timestamptz)
        WHERE message_id = :parentMessageId`,
      { replacements: { parentMessageId, sentAt: sentAt.toISOString() }, transaction },
    );
  }

  /** After a reply was deleted: one reply fewer, and the newest remaining one's time. Returns the new count. */
  async uncountReply(parentMessageId: string, transaction: Transaction): Promise<number> {
    const [rows] = await this.db.sequelize.query(
      `UPDATE messages
          SET reply_count = reply_count - 1,
              last_reply_at = (SELECT max(sent_at) FROM messages WHERE parent_message_id = :parentMessageId)
        WHERE message_id = :parentMessageId
        RETURNING reply_count`,
      { replacements: { parentMessageId }, transaction },
    );
    return Number((rows as Array<{ reply_count: number }>)[0]?.reply_count ?? 0);
  }

  /** The newest message of each conversation: one index probe per conversation (LATERAL + LIMIT 1). */
  async latestOf(conversationIds: string[], transaction?: Transaction): Promise<Map<string, MessageRecord>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await this.db.query<RawMessageRow>(
      `SELECT m.*, u.username, u.first_name, u.last_name
         FROM unnest($1::uuid[]) AS c(conversation_id)
         CROSS JOIN LATERAL (
           SELECT * FROM messages
            WHERE messages.conversation_id = c.conversation_id
            ORDER BY sent_at DESC, message_id DESC
            LIMIT 1
         ) m
         JOIN users u ON u.user_id = m.sender_id`,
      [conversationIds],
      { transaction },
    );
    return new Map(rows.map((row) => [row.conversation_id, fromRawRow(row)]));
  }

  /** The position of a conversation's newest message, if it has any. */
  async latestPosition(conversationId: string, transaction?: Transaction): Promise<Position | undefined> {
    const [row] = await this.db.query<{ sent_at: Date; message_id: string }>(
      'SELECT sent_at, message_id FROM messages WHERE conversation_id = $1 ORDER BY sent_at DESC, message_id DESC LIMIT 1',
      [conversationId],
      { transaction },
    );
    return row ? { sentAt: new Date(row.sent_at), messageId: row.message_id } : undefined;
  }
}
