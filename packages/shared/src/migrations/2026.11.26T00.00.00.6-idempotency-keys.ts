import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.26T00.00.00.6-idempotency-keys';
/** Recorded instead, with its five siblings, where the one migration they were split from already ran. */
export const replaces = '2026.11.26T00.00.00.messaging-features';

/** Idempotency keys for creates, per user and operation. */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
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

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TABLE idempotency_keys');
};
