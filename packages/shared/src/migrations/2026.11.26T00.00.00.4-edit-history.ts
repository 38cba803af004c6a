import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.26T00.00.00.4-edit-history';
/** Recorded instead, with its five siblings, where the one migration they were split from already ran. */
export const replaces = '2026.11.26T00.00.00.messaging-features';

/** Edit history: every body a message had before an edit. */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
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
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TABLE message_edits');
};
