import { randomUUID } from 'node:crypto';
import { join, raw, sql, type Database, type Sql, type Transaction } from '@messaging-app/shared';
import { USER_COLUMNS, userFromRow, type UserRecord, type UserRow } from './user-rows';

export type { UserProfile, UserRecord, UserSummaryRecord } from './user-rows';

export type NewUser = Pick<
  UserRecord,
  'username' | 'email' | 'passwordHash' | 'firstName' | 'lastName' | 'phoneNumber' | 'role' | 'isStaff'
>;
export type UserChanges = Partial<
  Pick<UserRecord, 'username' | 'email' | 'passwordHash' | 'firstName' | 'lastName' | 'phoneNumber' | 'role' | 'isStaff' | 'isActive'>
>;

/** The columns each field of UserChanges writes. */
const COLUMN_OF: Record<keyof UserChanges, string> = {
  username: 'username',
  email: 'email',
  passwordHash: 'password_hash',
  firstName: 'first_name',
  lastName: 'last_name',
  phoneNumber: 'phone_number',
  role: 'role',
  isStaff: 'is_staff',
  isActive: 'is_active',
};

/** Writes to `users` (reads are in users.queries.ts). Every change also announces the user on `users_changed` (trigger). */
export class UsersRepository {
  constructor(private readonly db: Database) {}

  async create(user: NewUser, transaction?: Transaction): Promise<UserRecord> {
    const [row] = await this.db.query<UserRow>(
      sql`INSERT INTO users (user_id, username, email, password_hash, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at)
          VALUES (${randomUUID()}, ${user.username}, ${user.email}, ${user.passwordHash}, ${user.firstName}, ${user.lastName},
                  ${user.phoneNumber}, ${user.role}, ${user.isStaff}, true, now(), now())
          RETURNING ${USER_COLUMNS}`,
      { transaction },
    );
    return userFromRow(row);
  }

  /** Changes the given fields; undefined when there is no such user. */
  async update(userId: string, changes: UserChanges, transaction?: Transaction): Promise<UserRecord | undefined> {
    const assignments: Sql[] = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => sql`${raw(COLUMN_OF[field as keyof UserChanges])} = ${value}`);
    const [row] = await this.db.query<UserRow>(
      sql`UPDATE users SET ${join([...assignments, sql`updated_at = now()`])} WHERE user_id = ${userId} RETURNING ${USER_COLUMNS}`,
      { transaction },
    );
    return row && userFromRow(row);
  }
}
