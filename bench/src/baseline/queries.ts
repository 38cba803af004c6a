/**
 * The statements our API sends (read off PostgreSQL's statement log of a run of it), written out
 * for node-postgres, and the JSON it answers with. Same SQL in the same order, with the same
 * queries in parallel where ours runs them in parallel, so a difference in throughput is our
 * layers', not the database's. Ours inlines values into the SQL text; this passes them as
 * parameters, the way a hand-written pg handler would.
 */
import type { Pool, PoolClient } from 'pg';

const USER_COLUMNS = 'user_id, username, email, password_hash, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at';
const MESSAGE_WITH_SENDER = `
  SELECT m.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at,
         sender.user_id AS sender_user_id, sender.username, sender.first_name, sender.last_name
    FROM messages m LEFT OUTER JOIN users sender ON m.sender_id = sender.user_id`;

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
  username: string;
  first_name: string;
  last_name: string;
}

interface ConversationRow {
  conversation_id: string;
  created_at: Date;
}

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

function toMessage(row: MessageRow) {
  return {
    message_id: row.message_id,
    conversation_id: row.conversation_id,
    sender: { user_id: row.sender_id, username: row.username, first_name: row.first_name, last_name: row.last_name },
    message_body: row.message_body,
    sent_at: row.sent_at,
    edited_at: row.edited_at,
  };
}

export async function findUserByUsername(pool: Pool, username: string): Promise<UserRow | undefined> {
  const { rows } = await pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = $1 LIMIT 1`, [username.toLowerCase()]);
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
  const { rowCount } = await pool.query(
    'SELECT conversation_id FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2',
    [conversationId, userId],
  );
  return (rowCount ?? 0) > 0;
}

export interface MessageFilters {
  sentFrom?: Date;
  /** Exclusive when the filter was a date (the whole day is in). */
  sentTo?: { at: Date; inclusive: boolean };
  search?: string;
}

export async function listMessages(
  pool: Pool,
  options: { conversationId: string; filters: MessageFilters; newestFirst: boolean; offset: number; limit: number },
) {
  const params: unknown[] = [options.conversationId];
  const where = ['m.conversation_id = $1'];
  const { sentFrom, sentTo, search } = options.filters;
  if (sentFrom) where.push(`m.sent_at >= $${params.push(sentFrom)}`);
  if (sentTo) where.push(`m.sent_at ${sentTo.inclusive ? '<=' : '<'} $${params.push(sentTo.at)}`);
  if (search) where.push(`m.message_body ILIKE $${params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  const direction = options.newestFirst ? 'DESC' : 'ASC';
  const [counted, page] = await Promise.all([
    pool.query<{ count: string }>(
      `SELECT count(m.message_id) AS count FROM messages m LEFT OUTER JOIN users sender ON m.sender_id = sender.user_id
        WHERE ${where.join(' AND ')}`,
      params,
    ),
    pool.query<MessageRow>(
      `${MESSAGE_WITH_SENDER} WHERE ${where.join(' AND ')}
        ORDER BY m.sent_at ${direction}, m.message_id ${direction} LIMIT ${options.limit} OFFSET ${options.offset}`,
      params,
    ),
  ]);
  return { count: Number(counted.rows[0].count), results: page.rows.map(toMessage) };
}

/** The same transaction ours runs, then the message read back with its sender. */
export async function sendMessage(pool: Pool, message: { messageId: string; conversationId: string; senderId: string; body: string }) {
  const sentAt = new Date();
  const client: PoolClient = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    await client.query(
      `INSERT INTO messages (message_id, conversation_id, sender_id, message_body, sent_at, edited_at)
       VALUES ($1, $2, $3, $4, $5, NULL)
       RETURNING message_id, conversation_id, sender_id, message_body, sent_at, edited_at`,
      [message.messageId, message.conversationId, message.senderId, message.body, sentAt],
    );
    await client.query('UPDATE conversations SET last_activity_at = $1 WHERE conversation_id = $2', [sentAt, message.conversationId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  const { rows } = await pool.query<MessageRow>(`${MESSAGE_WITH_SENDER} WHERE m.conversation_id = $1 AND m.message_id = $2`, [
    message.conversationId,
    message.messageId,
  ]);
  return toMessage(rows[0]);
}

export async function listConversations(pool: Pool, options: { userId: string; offset: number; limit: number }) {
  const fromMine = `FROM conversations c
    INNER JOIN conversation_participants mine ON c.conversation_id = mine.conversation_id AND mine.user_id = $1`;
  const [page, counted] = await Promise.all([
    pool.query<ConversationRow>(
      `SELECT c.conversation_id, c.created_by_id, c.last_activity_at, c.created_at ${fromMine}
        ORDER BY c.last_activity_at DESC, c.conversation_id DESC LIMIT ${options.limit} OFFSET ${options.offset}`,
      [options.userId],
    ),
    pool.query<{ count: string }>(`SELECT count(c.conversation_id) AS count ${fromMine}`, [options.userId]),
  ]);
  const ids = page.rows.map((row) => row.conversation_id);
  const [participants, latest] = await Promise.all([
    pool.query<{ conversation_id: string; user_id: string; username: string; first_name: string; last_name: string }>(
      `SELECT p.conversation_id, p.user_id, p.joined_at, u.user_id, u.username, u.first_name, u.last_name
         FROM conversation_participants p LEFT OUTER JOIN users u ON p.user_id = u.user_id
        WHERE p.conversation_id = ANY($1::uuid[]) ORDER BY p.joined_at ASC, p.user_id ASC`,
      [ids],
    ),
    pool.query<MessageRow>(
      `SELECT m.message_id, m.conversation_id, m.sender_id, m.message_body, m.sent_at, m.edited_at,
              u.username, u.first_name, u.last_name
         FROM unnest($1::uuid[]) AS c(conversation_id)
        CROSS JOIN LATERAL (
          SELECT * FROM messages WHERE messages.conversation_id = c.conversation_id
           ORDER BY sent_at DESC, message_id DESC LIMIT 1
        ) m
        JOIN users u ON u.user_id = m.sender_id`,
      [ids],
    ),
  ]);
  const latestBy = new Map(latest.rows.map((row) => [row.conversation_id, toMessage(row)]));
  const membersBy = new Map<string, Array<{ user_id: string; username: string; first_name: string; last_name: string }>>(ids.map((id) => [id, []]));
  for (const row of participants.rows) {
    membersBy.get(row.conversation_id)?.push({ user_id: row.user_id, username: row.username, first_name: row.first_name, last_name: row.last_name });
  }
  return {
    count: Number(counted.rows[0].count),
    results: page.rows.map((row) => ({
      conversation_id: row.conversation_id,
      participants: membersBy.get(row.conversation_id) ?? [],
      created_at: row.created_at,
      last_message: latestBy.get(row.conversation_id) ?? null,
    })),
  };
}
