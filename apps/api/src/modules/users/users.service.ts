import { UniqueConstraintError, type Database, type Transaction } from '@messaging-app/shared';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors/app-error';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import type { AccountStates } from './account-states';
import type { Caller } from './caller';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import type { SessionRecord, SessionsRepository } from './sessions.repository';
import { toUser, type User } from './user.dto';
import type { UserChanges, UserProfile, UserRecord, UsersRepository } from './users.repository';
import type { RegisterUserRequest, UpdateUserRequest } from './users.dto';
import type { StaffUserSearch, UsersQueries } from './users.queries';

/**
 * Told when sessions end, in the transaction that ends them (so what it does commits with them): the
 * auth module revokes the sessions' refresh tokens. `sessionId` undefined: every session of the user.
 */
export type SessionsEndedListener = (ended: { userId: string; sessionId?: string }, transaction: Transaction) => Promise<void>;

export interface UsersServiceDependencies {
  db: Database;
  users: UsersRepository;
  queries: UsersQueries;
  sessions: SessionsRepository;
  /** This process's memory of account states: dropped for a user once a change to them commits. */
  accountStates: Pick<AccountStates, 'forget'>;
}

/**
 * Accounts and their sessions: registration, profiles, passwords, who is active and staff, and the
 * sign-ins (sessions) whose access tokens authenticate requests. Ending sessions lives here, beside
 * what ends them (a new password, a deactivation), so both commit in one transaction.
 */
export class UsersService {
  private readonly db: Database;
  private readonly users: UsersRepository;
  private readonly queries: UsersQueries;
  private readonly sessions: SessionsRepository;
  private readonly accountStates: Pick<AccountStates, 'forget'>;
  private readonly sessionsEndedListeners: SessionsEndedListener[] = [];

  constructor(dependencies: UsersServiceDependencies) {
    ({ db: this.db, users: this.users, queries: this.queries, sessions: this.sessions, accountStates: this.accountStates } = dependencies);
  }

  async registerUser({ input, caller }: { input: RegisterUserRequest; caller?: Caller }): Promise<User> {
    const callerIsStaff = caller?.isStaff === true;
    if (input.is_staff && !callerIsStaff) throw forbidden('Only staff can create staff users.');
    if (input.role === 'admin' && !callerIsStaff) throw forbidden('Only staff can create users with the admin role.');
    await this.assertAvailable({ username: input.username, email: input.email });

    const passwordHash = await hashPassword(input.password);
    const created = await this.saving(() =>
      this.users.create({
        username: input.username,
        email: input.email,
        passwordHash,
        firstName: input.first_name,
        lastName: input.last_name,
        phoneNumber: input.phone_number ?? null,
        role: input.role ?? 'guest',
        isStaff: input.is_staff ?? false,
      }),
    );
    return toUser(created);
  }

  async getCurrentUser(caller: Caller): Promise<User> {
    // The authentication check already read the profile in this request; reading it again would be a
    // second round trip for the same row.
    if (caller.profile) return toUser(caller.profile);
    return toUser(await this.findVisible(caller, caller.userId));
  }

  async getUser({ caller, userId }: { caller: Caller; userId: string }): Promise<User> {
    return toUser(await this.findVisible(caller, userId));
  }

  /** Staff see everyone; anyone else sees only themselves. */
  async listUsers({ caller, page }: { caller: Caller; page: PageRequest }): Promise<PageOf<User>> {
    return this.listPage({ onlyUserId: caller.isStaff ? undefined : caller.userId }, page, toUser);
  }

  /** Staff's search over every account, inactive ones too. */
  async searchUsersAsStaff<T>({
    caller,
    search,
    page,
    present,
  }: {
    caller: Caller;
    search: StaffUserSearch;
    page: PageRequest;
    present: (user: UserRecord) => T;
  }): Promise<PageOf<T>> {
    assertStaff(caller);
    return this.listPage(search, page, present);
  }

  async updateUser({ caller, userId, input }: { caller: Caller; userId: string; input: UpdateUserRequest }): Promise<User> {
    const target = await this.findVisible(caller, userId);
    assertMayChangePrivileges(caller, target, input);
    await this.assertAvailable({ username: input.username, email: input.email }, target.userId);

    const changes: UserChanges = {
      username: input.username,
      email: input.email,
      firstName: input.first_name,
      lastName: input.last_name,
      phoneNumber: input.phone_number,
      role: input.role,
      isStaff: input.is_staff,
    };
    const changingPassword = input.password !== undefined;
    if (changingPassword) {
      await assertMayChangePassword(caller, target, input.current_password);
      changes.passwordHash = await hashPassword(input.password as string);
    }
    // A new password signs the user out everywhere (this session too), in the same transaction: every
    // access and refresh token issued under the old password stops working at once.
    const updated = await this.saving(() => this.changeAccount(target.userId, changes, { endSessions: changingPassword }));
    if (!updated) throw notFound('User');
    return toUser(updated);
  }

  /**
   * Staff deactivate an account: sign-in is refused, and every session ends with the change (access
   * tokens fail at once, refresh tokens are spent). Not oneself.
   */
  async deactivateUser({ caller, userId }: { caller: Caller; userId: string }): Promise<UserRecord> {
    assertStaff(caller);
    if (userId === caller.userId) throw conflict('You cannot deactivate your own account; ask another staff member.');
    return this.found(await this.changeAccount(userId, { isActive: false }, { endSessions: true }));
  }

  async reactivateUser({ caller, userId }: { caller: Caller; userId: string }): Promise<UserRecord> {
    assertStaff(caller);
    return this.found(await this.changeAccount(userId, { isActive: true }));
  }

  async promoteUser({ caller, userId }: { caller: Caller; userId: string }): Promise<UserRecord> {
    assertStaff(caller);
    return this.found(await this.changeAccount(userId, { isStaff: true }));
  }

  /**
   * A CLI's change to an account (createsuperuser): the same rules for what a new password does, with no
   * caller to authorise (the operator at the server is trusted).
   */
  async changeAccountAsOperator(userId: string, changes: UserChanges & { password?: string }): Promise<UserRecord | undefined> {
    const { password, ...rest } = changes;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    return this.saving(() =>
      this.changeAccount(userId, { ...rest, ...(passwordHash ? { passwordHash } : {}) }, { endSessions: passwordHash !== undefined }),
    );
  }

  /**
   * Who signs in with these credentials: the active account whose password matches, else undefined.
   * Unknown usernames spend the same time as wrong passwords, so timing does not tell which exist.
   */
  async verifyCredentials({ username, password }: { username: string; password: string }): Promise<UserProfile | undefined> {
    const user = await this.queries.findByUsername(username);
    if (!user) {
      await verifyAgainstDummy(password);
      return undefined;
    }
    const matches = await verifyPassword(user.passwordHash, password);
    return matches && user.isActive ? withoutPassword(user) : undefined;
  }

  async findActiveUser(userId: string, transaction?: Transaction): Promise<UserProfile | undefined> {
    const user = await this.queries.findById(userId, transaction);
    return user?.isActive ? withoutPassword(user) : undefined;
  }

  /** Any account, active or not (the admin panel's re-check of its staff member). */
  async findUser(userId: string): Promise<UserProfile | undefined> {
    const user = await this.queries.findById(userId);
    return user && withoutPassword(user);
  }

  async findByUsername(username: string, transaction?: Transaction): Promise<UserProfile | undefined> {
    const user = await this.queries.findByUsername(username, transaction);
    return user && withoutPassword(user);
  }

  /** The active users among `userIds` (the rest are unknown or deactivated). */
  async findActiveUsers(userIds: string[], transaction?: Transaction): Promise<UserProfile[]> {
    return (await this.queries.findActiveByIds(userIds, transaction)).map(withoutPassword);
  }

  // --- Sessions -----------------------------------------------------------------------------------

  /** Hears of every session that ends (see SessionsEndedListener). */
  onSessionsEnded(listener: SessionsEndedListener): void {
    this.sessionsEndedListeners.push(listener);
  }

  async startSession(userId: string, sessionId: string, transaction: Transaction): Promise<void> {
    await this.sessions.create(userId, sessionId, transaction);
  }

  async findSession(userId: string, sessionId: string, transaction?: Transaction): Promise<SessionRecord | undefined> {
    return this.sessions.find(userId, sessionId, transaction);
  }

  /** Ends one session, in `transaction` when given; this process forgets the user's state once it commits. */
  async endSession(userId: string, sessionId: string, transaction?: Transaction): Promise<void> {
    await this.inTransaction(transaction, async (t) => {
      await this.sessions.end(userId, sessionId, t);
      await this.sessionsEnded({ userId, sessionId }, t);
      t.afterCommit(() => this.accountStates.forget(userId));
    });
  }

  /** Sign out everywhere: every session of the caller ends, the caller's own included. */
  async signOutEverywhere(caller: Caller): Promise<void> {
    await this.endAllSessions(caller.userId);
  }

  /** Which of these sessions are still live (event streams check theirs now and then), as sessionKey()s. */
  async liveSessions(sessions: Array<{ userId: string; sessionId: string }>): Promise<Set<string>> {
    return this.sessions.liveAmong(sessions);
  }

  // --- Staff dashboard ----------------------------------------------------------------------------

  async countsForStaff(caller: Caller): Promise<{ users: number; activeUsers: number; staffUsers: number }> {
    assertStaff(caller);
    return this.queries.counts();
  }

  async signUpsPerDayForStaff(caller: Caller, since: Date): Promise<Map<string, number>> {
    assertStaff(caller);
    return this.queries.signUpsPerDay(since);
  }

  // --- Internals ----------------------------------------------------------------------------------

  private async endAllSessions(userId: string, transaction?: Transaction): Promise<void> {
    await this.inTransaction(transaction, async (t) => {
      await this.sessions.endAllForUser(userId, t);
      await this.sessionsEnded({ userId }, t);
      t.afterCommit(() => this.accountStates.forget(userId));
    });
  }

  /** Applies changes (and ends every session when asked) in one transaction; the state is forgotten once it commits. */
  private async changeAccount(
    userId: string,
    changes: UserChanges,
    options: { endSessions?: boolean } = {},
  ): Promise<UserRecord | undefined> {
    return this.db.transaction(async (transaction) => {
      const user = await this.users.update(userId, changes, transaction);
      if (user && options.endSessions) {
        await this.sessions.endAllForUser(userId, transaction);
        await this.sessionsEnded({ userId }, transaction);
      }
      transaction.afterCommit(() => this.accountStates.forget(userId));
      return user;
    });
  }

  private async sessionsEnded(ended: { userId: string; sessionId?: string }, transaction: Transaction): Promise<void> {
    for (const listener of this.sessionsEndedListeners) await listener(ended, transaction);
  }

  private async listPage<T>(
    filter: StaffUserSearch & { onlyUserId?: string },
    page: PageRequest,
    present: (user: UserRecord) => T,
  ): Promise<PageOf<T>> {
    const { count, rows } = await this.queries.list(filter, { offset: offsetOf(page), limit: page.pageSize });
    assertPageExists(page, count);
    return { ...page, count, results: rows.map(present) };
  }

  private found(user: UserRecord | undefined): UserRecord {
    if (!user) throw notFound('User');
    return user;
  }

  private inTransaction(transaction: Transaction | undefined, work: (transaction: Transaction) => Promise<void>): Promise<void> {
    return transaction ? work(transaction) : this.db.transaction(work);
  }

  /** Users see themselves; staff see everyone; anyone else is told the user does not exist. */
  private async findVisible(caller: Caller, userId: string): Promise<UserRecord> {
    if (userId !== caller.userId && !caller.isStaff) throw notFound('User');
    return this.found(await this.queries.findById(userId));
  }

  private async assertAvailable(fields: { username?: string; email?: string }, exceptUserId?: string): Promise<void> {
    const taken = await this.queries.findTaken(fields, exceptUserId);
    if (taken.length > 0) {
      const details = Object.fromEntries(taken.map((field) => [field, `A user with that ${field} already exists.`]));
      throw conflict(`A user with that ${taken.join(' and ')} already exists.`, details);
    }
  }

  /** A concurrent registration can pass the availability check and still hit the unique index. */
  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintError || (error as { code?: unknown })?.code === '23505') {
        throw conflict('A user with that username or email already exists.');
      }
      throw error;
    }
  }
}

function withoutPassword(user: UserRecord): UserProfile {
  const { passwordHash: _passwordHash, ...profile } = user;
  return profile;
}

export function assertStaff(caller: Caller): void {
  if (!caller.isStaff) throw forbidden('Only staff can use the admin area.');
}

/** Sending a privilege field unchanged (a client echoing the profile back) is fine; changing it is staff-only. */
function assertMayChangePrivileges(caller: Caller, target: UserRecord, input: UpdateUserRequest): void {
  if (caller.isStaff) return;
  if (input.is_staff !== undefined && input.is_staff !== target.isStaff) throw forbidden('Only staff can change is_staff.');
  if (input.role === 'admin' && target.role !== 'admin') throw forbidden('Only staff can grant the admin role.');
}

async function assertMayChangePassword(caller: Caller, target: UserRecord, currentPassword?: string): Promise<void> {
  const staffResettingSomeoneElse = caller.isStaff && caller.userId !== target.userId;
  if (staffResettingSomeoneElse) return;
  if (!currentPassword) {
    throw validationFailed('current_password is required to change the password.', {
      current_password: 'Required when password is given.',
    });
  }
  if (!(await verifyPassword(target.passwordHash, currentPassword))) {
    throw new AppError('validation_failed', 'current_password is incorrect.', { current_password: 'Incorrect password.' });
  }
}
