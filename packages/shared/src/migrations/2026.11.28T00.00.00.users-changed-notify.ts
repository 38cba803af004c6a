import { USERS_CHANGED_CHANNEL } from '../db/channels';
import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.28T00.00.00.users-changed-notify';

/**
 * Every change to a user's row, by whatever writes it (the API, the admin panel, a CLI, psql), sends
 * the user's id on `users_changed` when the transaction commits. API processes keep the state that
 * authenticates a request (active, role, staff, profile) in memory and drop a user's entry on it, so
 * a deactivation, a deletion or a demotion reaches every process without a query per request.
 */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  await run(`CREATE FUNCTION users_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${USERS_CHANGED_CHANNEL}', OLD.user_id::text);
      RETURN NULL;
    END $$`);
  await run(`CREATE TRIGGER users_changed_notify AFTER UPDATE OR DELETE ON users
             FOR EACH ROW EXECUTE FUNCTION users_changed_notify()`);
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TRIGGER users_changed_notify ON users');
  await run('DROP FUNCTION users_changed_notify()');
};
