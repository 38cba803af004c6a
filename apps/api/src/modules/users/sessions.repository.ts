import { sql, type Database, type Transaction } from '@messaging-app/shared';

/** A session: one sign-in, live until it is ended. */
export interface SessionRecord {
  userId: string;
  sessionId: string;
  createdAt: Date;
  endedAt: Date | null;
}

interface SessionRow {
  user_id: string;
  session_id: string;
  created_at: Date;
  ended_at: Date | null;
}

/**
 * `user_sessions`, keyed by the user. Ending a session sends the user's id on `users_changed` (a
 * trigger), so every API process forgets what it knew about the user's tokens.
 */
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async create(userId: string, sessionId: string, transaction?: Transaction): Promise<void> {
    await this.db.query(sql`INSERT INTO user_sessions (user_id, session_id, created_at) VALUES (${userId}, ${sessionId}, now())`, {
      transaction,
    });
  }

  async find(userId: string, sessionId: string, transaction?: Transaction): Promise<SessionRecord | undefined> {
    const [row] = await this.db.query<SessionRow>(
      sql`SELECT user_id, session_id, created_at, ended_at FROM user_sessions WHERE user_id = ${userId} AND session_id = ${sessionId}`,
      { transaction },
    );
    return (
      row && {
        userId: row.user_id,
        sessionId: row.session_id,
        createdAt: new Date(row.created_at),
        endedAt: row.ended_at && new Date(row.ended_at),
      }
    );
  }

  /** Ends one session (no-op when it already ended). */
  async end(userId: string, sessionId: string, transaction?: Transaction): Promise<void> {
    await this.db.query(
      sql`UPDATE user_sessions SET ended_at = now() WHERE user_id = ${userId} AND session_id = ${sessionId} AND ended_at IS NULL`,
      {
        transaction,
      },
    );
  }

  /** Ends every live session of the user. */
  async endAllForUser(userId: string, transaction?: Transaction): Promise<void> {
    await this.db.query(sql`UPDATE user_sessions SET ended_at = now() WHERE user_id = ${userId} AND ended_at IS NULL`, { transaction });
  }

  /** Which of these sessions are still live (the event streams' periodic check), as sessionKey()s. */
  async liveAmong(sessions: Array<{ userId: string; sessionId: string }>): Promise<Set<string>> {
    if (sessions.length === 0) return new Set();
    const userIds = sessions.map((session) => session.userId);
    const sessionIds = sessions.map((session) => session.sessionId);
    const rows = await this.db.query<{ user_id: string; session_id: string }>(
      sql`SELECT s.user_id, s.session_id
            FROM unnest(${userIds}::uuid[], ${sessionIds}::uuid[]) AS wanted (user_id, session_id)
            JOIN user_sessions s ON s.user_id = wanted.user_id AND s.session_id = wanted.session_id
           WHERE s.ended_at IS NULL`,
    );
    return new Set(rows.map((row) => sessionKey(row.user_id, row.session_id)));
  }
}

export const sessionKey = (userId: string, sessionId: string): string => `${userId.toLowerCase()}/${sessionId.toLowerCase()}`;
