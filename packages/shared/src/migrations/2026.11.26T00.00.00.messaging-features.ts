import type { Migration } from '../db/migrator';

export const name = '2026.11.26T00.00.00.messaging-features';

/**
 * Threads, tombstones, edit history, reactions, read markers, conversation kinds and titles, and
 * idempotency keys. Plain SQL: row-value checks, partial indexes and ON CONFLICT targets read more
 * clearly here than through queryInterface.
 */
export const up: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  const run = (sql: string) => qi.sequelize.query(sql, { transaction });

  // Conversations: a kind, an optional title, and for direct conversations the pair of people, held
  // in a unique index so that two concurrent "start a direct conversation" calls cannot make two.
  await run(`
    ALTER TABLE conversations
      ADD COLUMN title varchar(200) NULL,
      ADD COLUMN kind varchar(8) NOT NULL DEFAULT 'group',
      ADD COLUMN direct_user_low uuid NULL,
      ADD COLUMN direct_user_high uuid NULL,
      ADD CONSTRAINT conversations_kind_check CHECK (kind IN ('direct', 'group')),
      ADD CONSTRAINT conversations_direct_pair_check CHECK (
        (kind = 'direct' AND direct_user_low IS NOT NULL AND direct_user_high IS NOT NULL AND direct_user_low < direct_user_high)
        OR (kind = 'group' AND direct_user_low IS NULL AND direct_user_high IS NULL)
      )`);
  // Existing conversations: the oldest two-person conversation of each pair becomes that pair's direct
  // conversation; any later ones between the same two people stay groups.
  await run(`
    WITH pairs AS (
      SELECT conversation_id, min(user_id::text)::uuid AS low, max(user_id::text)::uuid AS high
        FROM conversation_participants
       GROUP BY conversation_id
      HAVING count(*) = 2
    ), firsts AS (
      SELECT DISTINCT ON (p.low, p.high) p.conversation_id, p.low, p.high
        FROM pairs p JOIN conversations c USING (conversation_id)
       ORDER BY p.low, p.high, c.created_at, c.conversation_id
    )
    UPDATE conversations c
       SET kind = 'direct', direct_user_low = f.low, direct_user_high = f.high
      FROM firsts f
     WHERE c.conversation_id = f.conversation_id`);
  // NULLs never collide in a unique index, so groups (NULL, NULL) are not constrained.
  await run('CREATE UNIQUE INDEX conversations_direct_pair_key ON conversations (direct_user_low, direct_user_high)');

  // Read markers: the (sent_at, message_id) position of the last message read, so the unread count is a
  // range count on messages_conversation_sent_at_id_idx. No foreign key: the position stays meaningful
  // after that message is deleted.
  await run(`
    ALTER TABLE conversation_participants
      ADD COLUMN last_read_sent_at timestamptz NULL,
      ADD COLUMN last_read_message_id uuid NULL,
      ADD CONSTRAINT conversation_participants_read_marker_check CHECK ((last_read_sent_at IS NULL) = (last_read_message_id IS NULL))`);
  // Existing participants start with everything read, rather than with their whole history unread.
  await run(`
    UPDATE conversation_participants p
       SET last_read_sent_at = latest.sent_at, last_read_message_id = latest.message_id
      FROM conversations c
      CROSS JOIN LATERAL (
        SELECT m.sent_at, m.message_id FROM messages m
         WHERE m.conversation_id = c.conversation_id
         ORDER BY m.sent_at DESC, m.message_id DESC
         LIMIT 1
      ) latest
     WHERE c.conversation_id = p.conversation_id`);

  // Threads (one level: replies point at a top-level message), denormalised reply counters on the
  // parent, and tombstones (deleted_at) for deleted messages that still have replies.
  await run(`
    ALTER TABLE messages
      ADD COLUMN parent_message_id uuid NULL REFERENCES messages (message_id),
      ADD COLUMN reply_count integer NOT NULL DEFAULT 0,
      ADD COLUMN last_reply_at timestamptz NULL,
      ADD COLUMN deleted_at timestamptz NULL,
      ADD CONSTRAINT messages_reply_count_check CHECK (reply_count >= 0)`);
  await run(`
    CREATE INDEX messages_parent_sent_at_id_idx ON messages (parent_message_id, sent_at, message_id)
     WHERE parent_message_id IS NOT NULL`);

  // Every body a message had before an edit: versions 1..n-1 (the message row holds version n).
  await run(`
    CREATE TABLE message_edits (
      message_id uuid NOT NULL REFERENCES messages (message_id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      message_body text NOT NULL,
      written_at timestamptz NOT NULL,
      replaced_at timestamptz NOT NULL,
      PRIMARY KEY (message_id, version)
    )`);

  // One row per user per emoji per message; the primary key serves the per-message aggregation.
  await run(`
    CREATE TABLE message_reactions (
      message_id uuid NOT NULL REFERENCES messages (message_id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
      emoji varchar(64) NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (message_id, user_id, emoji)
    )`);

  // Idempotency keys, per user and operation. The primary key is what makes a concurrent duplicate
  // wait for the first request's transaction and then replay its stored response.
  await run(`
    CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
      scope varchar(64) NOT NULL,
      idempotency_key varchar(255) NOT NULL,
      request_hash char(64) NOT NULL,
      response_status integer NULL,
      response_body jsonb NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, scope, idempotency_key)
    )`);
  await run('CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)');
};

export const down: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  const run = (sql: string) => qi.sequelize.query(sql, { transaction });
  await run('DROP TABLE idempotency_keys');
  await run('DROP TABLE message_reactions');
  await run('DROP TABLE message_edits');
  await run(`
    ALTER TABLE messages
      DROP COLUMN parent_message_id, DROP COLUMN reply_count, DROP COLUMN last_reply_at, DROP COLUMN deleted_at`);
  await run('ALTER TABLE conversation_participants DROP COLUMN last_read_sent_at, DROP COLUMN last_read_message_id');
  await run(`
    ALTER TABLE conversations
      DROP COLUMN title, DROP COLUMN kind, DROP COLUMN direct_user_low, DROP COLUMN direct_user_high`);
};
