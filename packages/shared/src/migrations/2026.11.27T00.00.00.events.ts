import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.27T00.00.00.events';

/**
 * The realtime event log. Each change that clients see live writes one row here in its own
 * transaction, so an acknowledged write always has its event and only committed events are ever
 * delivered. `event_id` is the global sequence clients resume from (Last-Event-ID); recipients are
 * the conversation's participants when the change happened, so a replay never shows someone what
 * happened after they left. No foreign key to conversations: a deleted group's last events stay.
 */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  await run(
    `CREATE TABLE events (
       event_id bigserial PRIMARY KEY,
       event_type text NOT NULL,
       conversation_id uuid NOT NULL,
       recipient_ids uuid[] NOT NULL,
       payload jsonb NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  // Pruning past the retention is a range scan on this index; replay and fan-out read the primary key.
  await run('CREATE INDEX events_created_at_idx ON events (created_at)');
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TABLE events');
};
