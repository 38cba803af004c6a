import { join, sql, type Database, type Sql, type Transaction } from '@messaging-app/shared';
import { PROFILE_COLUMNS, USER_COLUMNS, profileFromRow, userFromRow, type UserProfile, type UserRecord, type UserRow } from './user-rows';

/**
 * What authenticating a request reads: its user, and whether the token's session is live (true),
 * ended (false) or unknown (undefined: never existed, or belongs to someone else).
 */
export interface AccountState {
  user: UserProfile;
  sessionLive: boolean | undefined;
}

export interface StaffUserSearch {
  /** Case-insensitive text in the username, email, first or last name. */
  search?: string;
  isActive?: boolean;
  isStaff?: boolean;
}

/** LIKE treats % and _ as wildcards; someone searching for "a_b" means the characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Reads of `users` (and of `user_sessions` where authenticating needs both in one statement). */
export class UsersQueries {
  constructor(private readonly db: Database) {}

  /**
   * The user and session behind an access token, read on every authenticated request (unless kept in
   * memory: account-states.ts) so that deactivating or deleting an account, or ending a session, takes
   * effect at once in every process. Two primary-key probes in one statement, both keyed by the user,
   * so on Citus they go to one shard. It reads the whole profile, not just what authorization needs, so
   * `users/me` answers from it without a second round trip: the columns sit on the same heap row.
   */
  async findAccountState(userId: string, sessionId: string): Promise<AccountState | undefined> {
    const [row] = await this.db.query<Omit<UserRow, 'password_hash'> & { session_live: boolean | null }>(
      sql`SELECT ${PROFILE_COLUMNS},
                 (SELECT s.ended_at IS NULL FROM user_sessions s WHERE s.user_id = users.user_id AND s.session_id = ${sessionId}) AS session_live
            FROM users WHERE user_id = ${userId}`,
    );
    return row && { user: profileFromRow(row), sessionLive: row.session_live ?? undefined };
  }

  async findById(userId: string, transaction?: Transaction): Promise<UserRecord | undefined> {
    const [row] = await this.db.query<UserRow>(sql`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ${userId}`, { transaction });
    return row && userFromRow(row);
  }

  /** Case-insensitive, through the unique index on lower(username). */
  async findByUsername(username: string, transaction?: Transaction): Promise<UserRecord | undefined> {
    const [row] = await this.db.query<UserRow>(sql`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = lower(${username})`, {
      transaction,
    });
    return row && userFromRow(row);
  }

  /** Which of `username`/`email` already belong to someone other than `exceptUserId` (case-insensitive). */
  async findTaken(fields: { username?: string; email?: string }, exceptUserId?: string): Promise<Array<'username' | 'email'>> {
    const taken: Sql[] = [];
    if (fields.username)
      taken.push(
        sql`SELECT 'username' AS field FROM users WHERE lower(username) = lower(${fields.username}) AND user_id IS DISTINCT FROM ${exceptUserId ?? null}::uuid`,
      );
    if (fields.email)
      taken.push(
        sql`SELECT 'email' AS field FROM users WHERE lower(email) = lower(${fields.email}) AND user_id IS DISTINCT FROM ${exceptUserId ?? null}::uuid`,
      );
    if (taken.length === 0) return [];
    const rows = await this.db.query<{ field: 'username' | 'email' }>(join(taken, ' UNION '));
    return [...new Set(rows.map((row) => row.field))];
  }

  /** Active users among `userIds`. */
  async findActiveByIds(userIds: string[], transaction?: Transaction): Promise<UserRecord[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.query<UserRow>(
      sql`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ANY(${userIds}::uuid[]) AND is_active`,
      { transaction },
    );
    return rows.map(userFromRow);
  }

  /** Users in sign-up order, filtered for staff; a page and the total, side by side. */
  async list(
    filter: StaffUserSearch & { onlyUserId?: string },
    page: { offset: number; limit: number },
  ): Promise<{ count: number; rows: UserRecord[] }> {
    const conditions: Sql[] = [sql`true`];
    if (filter.onlyUserId) conditions.push(sql`user_id = ${filter.onlyUserId}`);
    if (filter.isActive !== undefined) conditions.push(sql`is_active = ${filter.isActive}`);
    if (filter.isStaff !== undefined) conditions.push(sql`is_staff = ${filter.isStaff}`);
    if (filter.search) {
      const pattern = `%${escapeLike(filter.search)}%`;
      conditions.push(
        sql`(username ILIKE ${pattern} OR email ILIKE ${pattern} OR first_name ILIKE ${pattern} OR last_name ILIKE ${pattern})`,
      );
    }
    const where = join(conditions, ' AND ');
    const [counted, rows] = await Promise.all([
      this.db.query<{ count: string }>(sql`SELECT count(*) AS count FROM users WHERE ${where}`),
      this.db.query<UserRow>(
        sql`SELECT ${USER_COLUMNS} FROM users WHERE ${where} ORDER BY created_at, user_id LIMIT ${page.limit} OFFSET ${page.offset}`,
      ),
    ]);
    return { count: Number(counted[0].count), rows: rows.map(userFromRow) };
  }

  /** Counts for the staff dashboard, in one round trip. */
  async counts(): Promise<{ users: number; activeUsers: number; staffUsers: number }> {
    const [row] = await this.db.query<{ users: string; active_users: string; staff_users: string }>(
      sql`SELECT count(*) AS users, count(*) FILTER (WHERE is_active) AS active_users, count(*) FILTER (WHERE is_staff) AS staff_users FROM users`,
    );
    return { users: Number(row.users), activeUsers: Number(row.active_users), staffUsers: Number(row.staff_users) };
  }

  /** Sign-ups per UTC day (YYYY-MM-DD) from `since` on; days without any are left out. */
  async signUpsPerDay(since: Date): Promise<Map<string, number>> {
    const rows = await this.db.query<{ day: string; count: string }>(
      sql`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS count FROM users WHERE created_at >= ${since} GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.day, Number(row.count)]));
  }
}
