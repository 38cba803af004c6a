import { sqlRunner, type Migration } from '../db/migration';

export const name = '2026.11.29T00.00.00.user-sessions';

/**
 * One row per sign-in (a session), so that ending a sign-in ends its access tokens at once, not when
 * they expire. Access tokens carry the session id (`sid`), and authenticating a request checks the
 * session is still live. The id is the refresh-token family's: every refresh token rotated from one
 * sign-in belongs to the same session.
 *
 * Keyed by user_id in every key (the primary key and the foreign key), so the table distributes by
 * user on Citus beside `users`.
 *
 * Ending a session (or deleting it, with its user) sends the user's id on `users_changed`, through the
 * same function as a change to the user's row: every API process drops what it keeps in memory about
 * that user's tokens, and closes their event streams whose session ended. A new session needs no
 * notification: nothing in memory can say anything about a session it has never seen.
 *
 * Sign-ins from before this migration get their session here (every refresh-token family with a live
 * token), so their refresh tokens keep working and mint access tokens with a `sid`. Access tokens
 * from before have no `sid` and are refused: a client refreshes (as after any 401) and carries on.
 */
export const up: Migration = async (params) => {
  const run = sqlRunner(params);
  await run(`CREATE TABLE user_sessions (
    user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    session_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    PRIMARY KEY (user_id, session_id)
  )`);
  await run(`INSERT INTO user_sessions (user_id, session_id, created_at)
             SELECT user_id, family_id, min(created_at) FROM refresh_tokens
             GROUP BY user_id, family_id
             HAVING bool_or(revoked_at IS NULL AND expires_at > now())`);
  await run(`CREATE TRIGGER user_sessions_changed_notify AFTER UPDATE OR DELETE ON user_sessions
             FOR EACH ROW EXECUTE FUNCTION users_changed_notify()`);
};

export const down: Migration = async (params) => {
  const run = sqlRunner(params);
  await run('DROP TABLE user_sessions');
};
