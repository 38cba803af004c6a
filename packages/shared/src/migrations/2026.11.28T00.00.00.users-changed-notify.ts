import type { Migration } from '../db/migrator';

export const name = '2026.11.28T00.00.00.users-changed-notify';

/** The channel a user's id is sent on when their row changes or goes (see the API's auth-state cache). */
export const USERS_CHANGED_CHANNEL = 'users_changed';

/**
 * Every change to a user's row, by whatever writes it (the API, the admin panel, a CLI, psql), sends
 * the user's id on `users_changed` when the transaction commits. API processes keep the state that
 * authenticates a request (active, role, staff, profile) in memory and drop a user's entry on it, so
 * a deactivation, a deletion or a demotion reaches every process without a query per request.
 */
export const up: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  const run = (sql: string) => qi.sequelize.query(sql, { transaction });
  await run(`CREATE FUNCTION users_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${USERS_CHANGED_CHANNEL}', OLD.user_id::text);
      RETURN NULL;
    END $$`);
  await run(`CREATE TRIGGER users_changed_notify AFTER UPDATE OR DELETE ON users
             FOR EACH ROW EXECUTE FUNCTION users_changed_notify()`);
};

export const down: Migration = async ({ context: { queryInterface: qi, transaction } }) => {
  await qi.sequelize.query('DROP TRIGGER users_changed_notify ON users', { transaction });
  await qi.sequelize.query('DROP FUNCTION users_changed_notify()', { transaction });
};
