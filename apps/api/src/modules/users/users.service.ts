import { type Database, UniqueConstraintError } from '@messaging-app/shared';
import type { AuthUser } from '../auth/auth-user';
import type { AuthStateCache } from '../auth/auth-state-cache';
import type { AuthService } from '../auth/auth.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors/app-error';
import { toUser, type User } from './user.dto';
import type { UserChanges, UserRecord, UsersRepository } from './users.repository';
import type { RegisterUserRequest, UpdateUserRequest } from './users.dto';

export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly sessions: Pick<AuthService, 'endAllSessions'>,
    private readonly authStates: Pick<AuthStateCache, 'forget'>,
  ) {}

  async registerUser({ input, caller }: { input: RegisterUserRequest; caller?: AuthUser }): Promise<User> {
    const callerIsStaff = caller?.isStaff === true;
    if (input.is_staff && !callerIsStaff) throw forbidden('Only staff can create staff users.');
    if (input.role === 'admin' && !callerIsStaff) throw forbidden('Only staff can create users with the admin role.');
    await this.assertAvailable({ username: input.username, email: input.email });

    const created = await this.saving(() =>
      hashPassword(input.password).then((passwordHash) =>
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
      ),
    );
    return toUser(created);
  }

  async getCurrentUser(caller: AuthUser): Promise<User> {
    // The authentication probe already read the profile in this request; reading it again would be a
    // second round trip for the same row.
    if (caller.profile) return toUser(caller.profile);
    return toUser(await this.findVisible(caller, caller.userId));
  }

  async getUser({ caller, userId }: { caller: AuthUser; userId: string }): Promise<User> {
    return toUser(await this.findVisible(caller, userId));
  }

  async listUsers({ caller, page }: { caller: AuthUser; page: PageRequest }): Promise<PageOf<User>> {
    const { count, rows } = await this.users.list({
      offset: offsetOf(page),
      limit: page.pageSize,
      onlyUserId: caller.isStaff ? undefined : caller.userId,
    });
    assertPageExists(page, count);
    return { ...page, count, results: rows.map(toUser) };
  }

  async updateUser({ caller, userId, input }: { caller: AuthUser; userId: string; input: UpdateUserRequest }): Promise<User> {
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
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as UserChanges;

    // A new password signs the user out everywhere (this session too), in the same transaction: every
    // access and refresh token issued under the old password stops working at once.
    const updated = await this.saving(() =>
      this.db.transaction(async (transaction) => {
        const user = await this.users.update(target.userId, defined, transaction);
        if (user && changingPassword) await this.sessions.endAllSessions(target.userId, transaction);
        return user;
      }),
    );
    this.authStates.forget(target.userId);
    if (!updated) throw notFound('User');
    return toUser(updated);
  }

  /** Users see themselves; staff see everyone; anyone else is told the user does not exist. */
  private async findVisible(caller: AuthUser, userId: string): Promise<UserRecord> {
    if (userId !== caller.userId && !caller.isStaff) throw notFound('User');
    const user = await this.users.findById(userId);
    if (!user) throw notFound('User');
    return user;
  }

  private async assertAvailable(fields: { username?: string; email?: string }, exceptUserId?: string): Promise<void> {
    const taken = await this.users.findTaken(fields, exceptUserId);
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
      if (error instanceof UniqueConstraintError) throw conflict('A user with that username or email already exists.');
      throw error;
    }
  }
}

/** Sending a privilege field unchanged (a client echoing the profile back) is fine; changing it is staff-only. */
function assertMayChangePrivileges(caller: AuthUser, target: UserRecord, input: UpdateUserRequest): void {
  if (caller.isStaff) return;
  if (input.is_staff !== undefined && input.is_staff !== target.isStaff) throw forbidden('Only staff can change is_staff.');
  if (input.role === 'admin' && target.role !== 'admin') throw forbidden('Only staff can grant the admin role.');
}

async function assertMayChangePassword(caller: AuthUser, target: UserRecord, currentPassword?: string): Promise<void> {
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
