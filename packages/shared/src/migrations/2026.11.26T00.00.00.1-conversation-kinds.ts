import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.26T00.00.00.1-conversation-kinds';
/** Recorded instead, with its five siblings, where the one migration they were split from already ran. */
export const replaces = '2026.11.26T00.00.00.messaging-features';

/** Conversation kinds and titles: `direct` (exactly two people, once per pair) or `group`. */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
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
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run(`ALTER TABLE conversations
      DROP COLUMN title, DROP COLUMN kind, DROP COLUMN direct_user_low, DROP COLUMN direct_user_high`);
};
