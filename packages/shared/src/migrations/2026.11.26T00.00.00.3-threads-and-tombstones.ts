import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.26T00.00.00.3-threads-and-tombstones';
/** Recorded instead, with its five siblings, where the one migration they were split from already ran. */
export const replaces = '2026.11.26T00.00.00.messaging-features';

/** Threads one level deep, with reply counters on the parent, and tombstones for deleted parents. */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
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
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run(`ALTER TABLE messages
      DROP COLUMN parent_message_id, DROP COLUMN reply_count, DROP COLUMN last_reply_at, DROP COLUMN deleted_at`);
};
