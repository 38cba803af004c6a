/**
 * The statements our API sends (read off PostgreSQL's statement log of a run of it, with
 * `log_statement=all`), written out for node-postgres, and the JSON it answers with. Same SQL in
 * the same order, with the same queries in parallel where ours runs them in parallel, so a
 * difference in throughput is our layers', not the database's. Values go in as parameters, the way
 * a hand-written pg handler would pass them.
 *
 * When the API's SQL or answers change, change these with them: the harness compares every sample
 * answer and refuses to report a ratio between servers that answer differently.
 */
import type { Pool, PoolClient } from 'pg';

const USER_COLUMNS =
  'user_id, username, email, password_hash, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at';
const MESSAGE_COLUMNS =
  'm.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at, m.parent_message_id, m.reply_count, m.last_reply_at, m.deleted_at';
const MESSAGE_WITH_SENDER = `
  SELECT ${MESSAGE_COLUMNS}, sender.username, sender.first_name, sender.last_name
    FROM messages m JOIN users sender ON sender.user_id = m.sender_id`;

interface UserRow {
  user_id: string;
  username: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  phone_number: string | null;
  role: string;
  is_staff: boolean;
  is_active: boolean;
  created_at: Date;
}

interface MessageRow {
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

interface ConversationRow {
  conversation_id: string;
  kind: string;
  title: string | null;
  created_by_id: string;
  created_at: Date;
}

interface Reaction {
  emoji: string;
  count: number;
  reacted_by_me: boolean;
}

/** Where a message sits in its conversation's order; cursors are base64url of "<epoch ms>.<message id>", as ours makes them. */
export interface Position {
  sentAt: Date;
  messageId: string;
}

export const encodeCursor = (p: Position) => Buffer.from(`${p.sentAt.getTime()}.${p.messageId}`).toString('base64url');

export function decodeCursor(value: string): Position | undefined {
  const match = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(value, 'base64url').toString('latin1'));
  return match ? { sentAt: new Date(Number(match[1])), messageId: match[2] } : undefined;
}

export const positionOf = (row: MessageRow): Position => ({ sentAt: row.sent_at, messageId: row.message_id });

export function toUser(row: UserRow) {
  return {
    user_id: row.user_id,
    username: row.username,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    phone_number: row.phone_number,
    role: row.role,
    is_staff: row.is_staff,
    created_at: row.created_at,
  };
}

function toMessage(row: MessageRow, reactions: Reaction[]) {
  return {
    message_id: row.message_id,
    conversation_id: row.conversation_id,
    sender: { user_id: row.sender_id, username: row.username, first_name: row.first_name, last_name: row.last_name },
    message_body: row.message_body,
    sent_at: row.sent_at,
    edited_at: row.edited_at,
    deleted: row.deleted_at !== null,
    parent_message_id: row.parent_message_id,
    reply_count: row.reply_count,
    last_reply_at: row.last_reply_at,
    reactions,
  };
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

/** One grouped reactions query for a whole list of messages, as ours runs it after loading them. */
async function presentMessages(db: Queryable, rows: MessageRow[], viewerId: string) {
  const byMessage = new Map<string, Reaction[]>();
  if (rows.length > 0) {
    const { rows: counts } = await db.query<{ message_id: string; emoji: string; count: string; mine: boolean }>(
      `SELECT message_id, emoji, count(*) AS count, bool_or(user_id = $1) AS mine
         FROM message_reactions
        WHERE message_id = ANY($2::uuid[])
        GROUP BY message_id, emoji
        ORDER BY message_id, min(created_at), emoji`,
      [viewerId, rows.map((row) => row.message_id)],
    );
    for (const c of counts) {
      const list = byMessage.get(c.message_id) ?? [];
      list.push({ emoji: c.emoji, count: Number(c.count), reacted_by_me: c.mine });
      byMessage.set(c.message_id, list);
    }
  }
  return rows.map((row) => toMessage(row, byMessage.get(row.message_id) ?? []));
}

export async function findUserByUsername(pool: Pool, username: string): Promise<UserRow | undefined> {
  const { rows } = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = $1 LIMIT 1`, [
    username.toLowerCase(),
  ]);
  return rows[0];
}

export async function findUserById(pool: Pool, userId: string): Promise<UserRow | undefined> {
  const { rows } = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = $1`, [userId]);
  return rows[0];
}

export async function insertRefreshToken(
  pool: Pool,
  token: { tokenId: string; userId: string; familyId: string; expiresAt: Date },
): Promise<void> {
  await pool.query(
    `INSERT INTO refresh_tokens (token_id, user_id, family_id, expires_at, revoked_at, replaced_by_id, created_at)
     VALUES ($1, $2, $3, $4, NULL, NULL, $5)
     RETURNING token_id, user_id, family_id, expires_at, revoked_at, replaced_by_id, created_at`,
    [token.tokenId, token.userId, token.familyId, token.expiresAt, new Date()],
  );
}

export async function isParticipant(pool: Pool, conversationId: string, userId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2', [
    conversationId,
    userId,
  ]);
  return (rowCount ?? 0) > 0;
}

export interface MessageFilters {
  sentFrom?: Date;
  /** Exclusive when the filter was a date (the whole day is in). */
  sentTo?: { at: Date; inclusive: boolean };
  search?: string;
}

function whereOf(conversationId: string, filters: MessageFilters, params: unknown[], conversationUnindexed = false): string {
  params.push(conversationId);
  const where = [conversationUnindexed ? `(m.conversation_id = $${params.length}) IS TRUE` : `m.conversation_id = $${params.length}`];
  const { sentFrom, sentTo, search } = filters;
  if (sentFrom) where.push(`m.sent_at >= $${params.push(sentFrom)}`);
  if (sentTo) where.push(`m.sent_at ${sentTo.inclusive ? '<=' : '<'} $${params.push(sentTo.at)}`);
  if (search) where.push(`m.message_body ILIKE $${params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  return where.join(' AND ');
}

/** A numbered page: the count and the page side by side (a search: both from one statement), then the page's reactions. */
export async function listMessages(
  pool: Pool,
  options: { conversationId: string; viewerId: string; filters: MessageFilters; newestFirst: boolean; offset: number; limit: number },
) {
  const params: unknown[] = [];
  const where = whereOf(options.conversationId, options.filters, params);
  const direction = options.newestFirst ? 'DESC' : 'ASC';
  const { sentFrom, sentTo, search } = options.filters;
  if (search) {
    // Ours finds a search's matches once and takes the total and the page from them, in one statement.
    // Ours also picks the trigram index's use per conversation (one-time filters on its share of all messages).
    const dominant = `(SELECT c.message_count >= 100000 AND c.message_count >= 0.5 * (SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass)
                         FROM conversations c WHERE c.conversation_id = $${params.push(options.conversationId)})`;
    const unindexed = whereOf(options.conversationId, options.filters, params, true);
    const { rows } = await pool.query<MessageRow & { total: string }>(
      `WITH matches AS MATERIALIZED (
         SELECT m.message_id, m.sent_at FROM messages m WHERE NOT ${dominant} AND ${where}
         UNION ALL
         SELECT m.message_id, m.sent_at FROM messages m WHERE ${dominant} AND ${unindexed})
       SELECT counted.total, page.* FROM (SELECT count(*) AS total FROM matches) counted
         LEFT JOIN LATERAL (
           ${MESSAGE_WITH_SENDER}
             JOIN (SELECT message_id, sent_at FROM matches ORDER BY sent_at ${direction}, message_id ${direction}
                    LIMIT ${options.limit} OFFSET ${options.offset}) chosen ON chosen.message_id = m.message_id
         ) page ON true
        ORDER BY page.sent_at ${direction}, page.message_id ${direction}`,
      params,
    );
    const pageRows: MessageRow[] = rows.filter((row) => row.message_id !== null).map(({ total: _total, ...row }) => row);
    return { count: Number(rows[0]?.total ?? 0), rows: pageRows, results: await presentMessages(pool, pageRows, options.viewerId) };
  }
  // Ours keeps a whole conversation's count on the conversation (the statements that add and remove messages); filtered lists count rows.
  const counting =
    sentFrom || sentTo || search
      ? pool.query<{ count: string }>(`SELECT count(*) AS count FROM messages m WHERE ${where}`, params)
      : pool.query<{ count: string }>('SELECT message_count AS count FROM conversations WHERE conversation_id = $1', [
          options.conversationId,
        ]);
  const [counted, page] = await Promise.all([
    counting,
    pool.query<MessageRow>(
      `${MESSAGE_WITH_SENDER} WHERE ${where}
        ORDER BY m.sent_at ${direction}, m.message_id ${direction} LIMIT ${options.limit} OFFSET ${options.offset}`,
      params,
    ),
  ]);
  return { count: Number(counted.rows[0].count), rows: page.rows, results: await presentMessages(pool, page.rows, options.viewerId) };
}

/**
 * Keyset window: up to `limit` messages beyond `from` in `direction`, nearest first, one extra to
 * know whether more follow; then one probe for a message on the other side; then reactions.
 */
export async function listMessagesFrom(
  pool: Pool,
  options: {
    conversationId: string;
    viewerId: string;
    filters: MessageFilters;
    direction: 'older' | 'newer';
    from: Position;
    limit: number;
  },
) {
  const beyond = (direction: 'older' | 'newer', from: Position, params: unknown[]) =>
    `(m.sent_at, m.message_id) ${direction === 'older' ? '<' : '>'} ($${params.push(from.sentAt)}::timestamptz, $${params.push(from.messageId)}::uuid)`;
  const way = (direction: 'older' | 'newer') => (direction === 'older' ? 'DESC' : 'ASC');
  const params: unknown[] = [];
  const where = whereOf(options.conversationId, options.filters, params);
  const { rows: found } = await pool.query<MessageRow>(
    `${MESSAGE_WITH_SENDER} WHERE ${where} AND ${beyond(options.direction, options.from, params)}
      ORDER BY m.sent_at ${way(options.direction)}, m.message_id ${way(options.direction)} LIMIT ${options.limit + 1}`,
    params,
  );
  const rows = found.slice(0, options.limit);
  const more = found.length > options.limit;
  // The far edge on the side we came from: is anything beyond it?
  const other = options.direction === 'older' ? 'newer' : 'older';
  const edge = rows[0] ? positionOf(rows[0]) : options.from;
  const probeParams: unknown[] = [];
  const probeWhere = whereOf(options.conversationId, options.filters, probeParams);
  const probe = await pool.query(
    `SELECT m.message_id FROM messages m WHERE ${probeWhere} AND ${beyond(other, edge, probeParams)}
      ORDER BY m.sent_at ${way(other)}, m.message_id ${way(other)} LIMIT 1`,
    probeParams,
  );
  return { rows, more, moreOnOtherSide: (probe.rowCount ?? 0) > 0, results: await presentMessages(pool, rows, options.viewerId) };
}

/** The same transaction ours runs (insert, touch the conversation, the sender's read marker, read back with sender and reactions, the realtime event). */
export async function sendMessage(pool: Pool, message: { messageId: string; conversationId: string; senderId: string; body: string }) {
  const sentAt = new Date();
  const client: PoolClient = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    // Ours inserts and reads the row back with its sender in one statement.
    const { rows } = await client.query<MessageRow>(
      `WITH m AS (
         INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at, edited_at, parent_message_id, reply_count, last_reply_at, deleted_at)
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, 0, NULL, NULL)
         RETURNING *)
       SELECT m.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at,
              m.parent_message_id, m.reply_count, m.last_reply_at, m.deleted_at,
              sender.username, sender.first_name, sender.last_name
         FROM m JOIN users sender ON sender.user_id = m.sender_id`,
      [message.messageId, message.conversationId, message.senderId, message.body, sentAt],
    );
    await client.query('UPDATE conversations SET last_activity_at = $1, message_count = message_count + 1 WHERE conversation_id = $2', [
      sentAt,
      message.conversationId,
    ]);
    await client.query(
      `UPDATE conversation_participants
          SET last_read_sent_at = $1, last_read_message_id = $2
        WHERE conversation_id = $3 AND user_id = $4
          AND (last_read_sent_at IS NULL OR (last_read_sent_at, last_read_message_id) < ($1::timestamptz, $2::uuid))`,
      [sentAt, message.messageId, message.conversationId, message.senderId],
    );
    // A message just sent has no reactions: ours asks for none.
    const sent = toMessage(rows[0], []);
    // The realtime event, as ours records it in the same transaction (EventsRepository.append): the
    // event-ordering lock, the recipients, the row and the NOTIFY in one statement.
    await client.query(
      `WITH write_lock AS (SELECT pg_advisory_xact_lock(720530001), pg_notify('messaging_events', '')),
            recipients AS (SELECT (SELECT array_agg(user_id) FROM conversation_participants WHERE conversation_id = $2) AS ids FROM write_lock)
       INSERT INTO events (event_type, conversation_id, recipient_ids, payload, created_at)
       SELECT $1, $2, recipients.ids, $3::jsonb, clock_timestamp()
         FROM recipients
        WHERE cardinality(recipients.ids) > 0`,
      ['message.created', message.conversationId, JSON.stringify({ data: { message: sent } })],
    );
    await client.query('COMMIT');
    return sent;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** The others' messages after the participant's read marker (ours' UNREAD_AFTER_MARKER). */
const UNREAD_AFTER_MARKER = `
  SELECT count(*) AS unread_count
    FROM messages m
   WHERE m.conversation_id = p.conversation_id
     AND (m.sent_at, m.message_id) > (COALESCE(p.last_read_sent_at, '-infinity'::timestamptz),
                                      COALESCE(p.last_read_message_id, '00000000-0000-0000-0000-000000000000'::uuid))
     AND m.sender_id <> p.user_id
     AND m.deleted_at IS NULL`;

export async function listConversations(pool: Pool, options: { userId: string; offset: number; limit: number }) {
  const fromMine =
    'FROM conversations c JOIN conversation_participants mine ON mine.conversation_id = c.conversation_id AND mine.user_id = $1';
  const [counted, page] = await Promise.all([
    pool.query<{ count: string }>(`SELECT count(*) AS count ${fromMine}`, [options.userId]),
    pool.query<ConversationRow>(
      `SELECT c.conversation_id, c.created_by_id, c.kind, c.title, c.created_at, c.last_activity_at ${fromMine}
        ORDER BY c.last_activity_at DESC, c.conversation_id DESC LIMIT ${options.limit} OFFSET ${options.offset}`,
      [options.userId],
    ),
  ]);
  const ids = page.rows.map((row) => row.conversation_id);
  const [participants, latest, states] = await Promise.all([
    pool.query<{ conversation_id: string; user_id: string; username: string; first_name: string; last_name: string }>(
      `SELECT p.conversation_id, u.user_id, u.username, u.first_name, u.last_name
         FROM conversation_participants p JOIN users u ON u.user_id = p.user_id
        WHERE p.conversation_id = ANY($1::uuid[])
        ORDER BY p.joined_at ASC, p.user_id ASC`,
      [ids],
    ),
    pool.query<MessageRow>(
      `SELECT m.*, u.username, u.first_name, u.last_name
         FROM unnest($1::uuid[]) AS c(conversation_id)
        CROSS JOIN LATERAL (
          SELECT * FROM messages WHERE messages.conversation_id = c.conversation_id
           ORDER BY sent_at DESC, message_id DESC LIMIT 1
        ) m
        JOIN users u ON u.user_id = m.sender_id`,
      [ids],
    ),
    pool.query<{ conversation_id: string; last_read_message_id: string | null; unread_count: string }>(
      `SELECT p.conversation_id, p.last_read_message_id, unread.unread_count
         FROM conversation_participants p
         CROSS JOIN LATERAL (${UNREAD_AFTER_MARKER}) unread
        WHERE p.user_id = $1 AND p.conversation_id = ANY($2::uuid[])`,
      [options.userId, ids],
    ),
  ]);
  const lastMessages = new Map((await presentMessages(pool, latest.rows, options.userId)).map((m) => [m.conversation_id, m]));
  const stateBy = new Map(states.rows.map((row) => [row.conversation_id, row]));
  const membersBy = new Map<string, Array<{ user_id: string; username: string; first_name: string; last_name: string }>>(
    ids.map((id) => [id, []]),
  );
  for (const row of participants.rows) {
    membersBy
      .get(row.conversation_id)
      ?.push({ user_id: row.user_id, username: row.username, first_name: row.first_name, last_name: row.last_name });
  }
  return {
    count: Number(counted.rows[0].count),
    results: page.rows.map((row) => ({
      conversation_id: row.conversation_id,
      kind: row.kind,
      title: row.title,
      created_by_id: row.created_by_id,
      participants: membersBy.get(row.conversation_id) ?? [],
      created_at: row.created_at,
      last_message: lastMessages.get(row.conversation_id) ?? null,
      unread_count: Number(stateBy.get(row.conversation_id)?.unread_count ?? 0),
      last_read_message_id: stateBy.get(row.conversation_id)?.last_read_message_id ?? null,
    })),
  };
}
