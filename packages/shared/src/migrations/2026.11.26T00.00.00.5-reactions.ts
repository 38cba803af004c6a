import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.26T00.00.00.5-reactions';
/** Recorded instead, with its five siblings, where the one migration they were split from already ran. */
export const replaces = '2026.11.26T00.00.00.messaging-features';

/** Reactions: one row per user per emoji per message. */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  // One row per user per emoji per message; the primary key serves the per-message aggregation.
  await run(`
    CREATE TABLE message_reactions (
      message_id uuid NOT NULL REFERENCES messages (message_id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
      emoji varchar(64) NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (message_id, user_id, emoji)
    )`);
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TABLE message_reactions');
};
