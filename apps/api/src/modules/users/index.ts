/**
 * The users module: accounts, profiles, passwords and sessions (sign-ins). It owns the `users` and
 * `user_sessions` tables. Other modules use it through this file only: UsersService for use cases,
 * AccountStates for the per-request account check, the Caller every use case takes, and the wire
 * types of people.
 */
import type { Database } from '@messaging-app/shared';
import type { ControllerBindings } from '../../platform/http/controllers';
import { AccountStates } from './account-states';
import { SessionsRepository } from './sessions.repository';
import { UsersController } from './users.controller';
import { UsersQueries } from './users.queries';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

export { AccountStates } from './account-states';
export type { Caller } from './caller';
export { sessionKey, type SessionRecord } from './sessions.repository';
export { hashPassword } from './passwords';
export { toUser, toUserSummary, type Role, type User, type UserSummary, type UUID } from './user.dto';
export type { RegisterUserRequest, UpdateUserRequest } from './users.dto';
export type { UserProfile, UserRecord, UserSummaryRecord } from './user-rows';
export type { AccountState, StaffUserSearch } from './users.queries';
export { UsersService, assertStaff } from './users.service';

export interface UsersModule {
  users: UsersService;
  /** Who a token belongs to, from memory while changes are announced; started and closed by the app. */
  accountStates: AccountStates;
  controllers: ControllerBindings;
}

export function createUsersModule({ db, onListenerError }: { db: Database; onListenerError?: (error: Error) => void }): UsersModule {
  const queries = new UsersQueries(db);
  const accountStates = new AccountStates(db, (userId, sessionId) => queries.findAccountState(userId, sessionId), { onListenerError });
  const users = new UsersService({ db, users: new UsersRepository(db), queries, sessions: new SessionsRepository(db), accountStates });
  return { users, accountStates, controllers: [[UsersController, () => new UsersController(users)]] };
}
