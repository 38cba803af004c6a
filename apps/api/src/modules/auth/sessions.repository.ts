import type { Database, Transaction } from '@messaging-app/shared';

/** A session: one sign-in, live until it is ended. */
export interface SessionRecord {
  userId: string;
  sessionId: string;
  createdAt: Date;
  endedAt: Date | null;
}

/**
 * `user_sessions`, in plain SQL. Ending a session sends the user's id on `users_changed` (a trigger),
 * so every API process forgets what it knew about the user's tokens.
 */
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async create(userId: string, sessionId: string, transaction?: Transaction): Promise<void> {
    await this.db.query('INSERT INTO user_sessions (user_id, session_id, created_at) VALUES ($1, $2, now())', [userId, sessionId], { transaction });
  }

  async find(userId: string, sessionId: string, transaction?: Transaction): Promise<SessionRecord | undefined> {
    const [row] = await this.db.query<{ user_id: string; session_id: string; created_at: Date; ended_at: Date | null }>(
      'SELECT user_id, session_id, created_at, ended_at FROM user_sessions WHERE user_id = $1 AND session_id = $2',
      [userId, sessionId],
      { transaction },
    );
    return row && { userId: row.user_id, sessionId: row.session_id, createdAt: new Date(row.created_at), endedAt: row.ended_at && new Date(row.ended_at) };
  }

  /** Ends one session (no-op when it already ended). */
  async end(userId: string, sessionId: string, transaction?: Transaction): Promise<void> {
    await this.db.query('UPDATE user_sessions SET ended_at = now() WHERE user_id = $1 AND session_id = $2 AND ended_at IS NULL', [userId, sessionId], { transaction });
  }

  /** Ends every live session of the user. */
  async endAllForUser(userId: string, transaction?: Transaction): Promise<void> {
    await this.db.query('UPDATE user_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL', [userId], { transaction });
  }

  /** Which of these sessions are still live (for the event streams' periodic check), as sessionKey()s. */
  async liveAmong(sessions: Array<{ userId: string; sessionId: string }>): Promise<Set<string>> {
    if (sessions.length === 0) return new Set();
    const rows = await this.db.query<{ user_id: string; session_id: string }>(
      `SELECT s.user_id, s.session_id
       FROM unnest($1::uuid[], $2::uuid[]) AS wanted (user_id, session_id)
       JOIN user_sessions s ON s.user_id = wanted.user_id AND s.session_id = wanted.session_id
       WHERE s.ended_at IS NULL`,
      [sessions.map((s) => s.userId), sessions.map((s) => s.sessionId)],
    );
    return new Set(rows.map((row) => sessionKey(row.user_id, row.session_id)));
  }
}

export const sessionKey = (userId: string, sessionId: string): string => `${userId.toLowerCase()}/${sessionId.toLowerCase()}`;
