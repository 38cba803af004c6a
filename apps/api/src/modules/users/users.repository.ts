import { type Database, Op, type Transaction, type User, type UserRole } from '@messaging-app/shared';
import type { CreationAttributes, InferAttributes } from 'sequelize';

export type UserRecord = InferAttributes<User>;
export type NewUser = CreationAttributes<User>;
export type UserChanges = Partial<Pick<UserRecord, 'username' | 'email' | 'passwordHash' | 'firstName' | 'lastName' | 'phoneNumber' | 'role' | 'isStaff' | 'isActive'>>;

const plain = (user: User | null): UserRecord | undefined => user?.get({ plain: true });

const USER_COLUMNS = 'user_id, username, email, password_hash, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at';

interface UserRow {
  user_id: string;
  username: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  phone_number: string | null;
  role: UserRole;
  is_staff: boolean;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** A user's profile as the API shows it to its owner: everything but the password hash. */
export type UserProfile = Omit<UserRecord, 'passwordHash'>;

/** What authenticating a request reads of its user: the profile, with whether it is still active. */
export type AuthState = UserProfile;

/**
 * What authenticating a request reads: its user, and whether the token's session is live (true),
 * ended (false) or unknown (undefined: never existed, or belongs to someone else).
 */
export interface SessionAuthState {
  user: AuthState;
  sessionLive: boolean | undefined;
}

const PROFILE_COLUMNS = 'user_id, username, email, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at';

function profileFromRow(row: Omit<UserRow, 'password_hash'>): UserProfile {
  return {
    userId: row.user_id,
    username: row.username,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phoneNumber: row.phone_number,
    role: row.role,
    isStaff: row.is_staff,
    isActive: row.is_active,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function fromRow(row: UserRow): UserRecord {
  return { ...profileFromRow(row), passwordHash: row.password_hash };
}

export class UsersRepository {
  constructor(private readonly db: Database) {}

  /**
   * The user and session behind an access token, read on every authenticated request (unless kept in
   * memory: auth-state-cache.ts) so that deactivating or deleting an account, or ending a session,
   * takes effect at once in every process. Two primary-key probes in one statement, in plain SQL (a
   * Sequelize model of the row cost several times the query); both keyed by the user, so on Citus
   * they go to one shard. It reads the whole profile, not just what authorization needs, so that
   * `users/me` answers from it without a second round trip: the extra columns sit on the same heap
   * row, so the probe costs the same.
   */
  async findAuthState(userId: string, sessionId: string): Promise<SessionAuthState | undefined> {
    const [row] = await this.db.query<Omit<UserRow, 'password_hash'> & { session_live: boolean | null }>(
      `SELECT ${PROFILE_COLUMNS},
              (SELECT s.ended_at IS NULL FROM user_sessions s WHERE s.user_id = users.user_id AND s.session_id = $2) AS session_live
       FROM users WHERE user_id = $1`,
      [userId, sessionId],
    );
    return row && { user: profileFromRow(row), sessionLive: row.session_live ?? undefined };
  }

  /** Read on every GET /users/me/ and token refresh: plain SQL, the row mapped by hand. */
  async findById(userId: string, transaction?: Transaction): Promise<UserRecord | undefined> {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = $1`, [userId], { transaction });
    return row && fromRow(row);
  }

  async findByUsername(username: string, transaction?: Transaction): Promise<UserRecord | undefined> {
    const { User } = this.db.models;
    return plain(
      await User.findOne({
        where: this.db.sequelize.where(this.db.sequelize.fn('lower', this.db.sequelize.col('username')), username.toLowerCase()),
        transaction,
      }),
    );
  }

  /** Which of `username`/`email` already belong to someone other than `exceptUserId`. */
  async findTaken(
    fields: { username?: string; email?: string },
    exceptUserId?: string,
    transaction?: Transaction,
  ): Promise<Array<'username' | 'email'>> {
    const { sequelize, models } = this.db;
    const lower = (column: string) => sequelize.fn('lower', sequelize.col(column));
    const conditions = [];
    if (fields.username) conditions.push(sequelize.where(lower('username'), fields.username.toLowerCase()));
    if (fields.email) conditions.push(sequelize.where(lower('email'), fields.email.toLowerCase()));
    if (conditions.length === 0) return [];
    const rows = await models.User.findAll({
      attributes: ['userId', 'username', 'email'],
      where: { [Op.or]: conditions, ...(exceptUserId ? { userId: { [Op.ne]: exceptUserId } } : {}) },
      transaction,
    });
    const taken = new Set<'username' | 'email'>();
    for (const row of rows) {
      if (fields.username && row.username.toLowerCase() === fields.username.toLowerCase()) taken.add('username');
      if (fields.email && row.email.toLowerCase() === fields.email.toLowerCase()) taken.add('email');
    }
    return [...taken];
  }

  /** Active users among `userIds`. */
  async findActiveByIds(userIds: string[], transaction?: Transaction): Promise<UserRecord[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.models.User.findAll({ where: { userId: userIds, isActive: true }, transaction });
    return rows.map((row) => row.get({ plain: true }));
  }

  async create(user: NewUser, transaction?: Transaction): Promise<UserRecord> {
    return (await this.db.models.User.create(user, { transaction })).get({ plain: true });
  }

  async update(userId: string, changes: UserChanges, transaction?: Transaction): Promise<UserRecord | undefined> {
    const user = await this.db.models.User.findByPk(userId, { transaction });
    if (!user) return undefined;
    await user.update(changes, { transaction });
    return user.get({ plain: true });
  }

  async list(options: { offset: number; limit: number; onlyUserId?: string }): Promise<{ count: number; rows: UserRecord[] }> {
    const { count, rows } = await this.db.models.User.findAndCountAll({
      where: options.onlyUserId ? { userId: options.onlyUserId } : {},
      order: [
        ['createdAt', 'ASC'],
        ['userId', 'ASC'],
      ],
      offset: options.offset,
      limit: options.limit,
    });
    return { count, rows: rows.map((row) => row.get({ plain: true })) };
  }
}

export type { UserRole };
