import type { ListUsersRequest, RegisterUserRequest, UnreadSummary, UpdateUserRequest, User, UsersApi } from '../../generated';
import { KnownKeys, type EveryKey } from '../../internal/input';
import type { Caller } from '../../internal/request';
import type { ApiPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type UserListParams = ListUsersRequest;

const REGISTER_KEYS = new KnownKeys({
  username: true,
  email: true,
  password: true,
  firstName: true,
  lastName: true,
  phoneNumber: true,
  role: true,
  isStaff: true,
} satisfies EveryKey<RegisterUserRequest>);
const UPDATE_KEYS = new KnownKeys({
  username: true,
  email: true,
  firstName: true,
  lastName: true,
  phoneNumber: true,
  role: true,
  isStaff: true,
  password: true,
  currentPassword: true,
} satisfies EveryKey<UpdateUserRequest>);
const LIST_KEYS = new KnownKeys({ page: true, pageSize: true } satisfies EveryKey<UserListParams>);

export class UsersResource {
  constructor(
    private readonly api: UsersApi,
    private readonly asUser: Caller,
    private readonly asAnyone: Caller,
  ) {}

  /** Creates an account. Needs no sign-in; when signed in as staff, may create staff and admin users. */
  register(input: RegisterUserRequest, options?: RequestOptions): ApiPromise<User> {
    return this.asAnyone('users.register', (init) => this.api.registerUserRaw({ registerUserRequest: input }, init), options, [
      input,
      REGISTER_KEYS,
    ]);
  }

  /** The signed-in user. */
  me(options?: RequestOptions): ApiPromise<User> {
    return this.asUser('users.me', (init) => this.api.getCurrentUserRaw(init), options);
  }

  /** Messages from others the signed-in user has not read yet, across all their conversations. */
  unread(options?: RequestOptions): ApiPromise<UnreadSummary> {
    return this.asUser('users.unread', (init) => this.api.getUnreadSummaryRaw(init), options);
  }

  get(userId: string, options?: RequestOptions): ApiPromise<User> {
    return this.asUser('users.get', (init) => this.api.getUserRaw({ userId }, init), options);
  }

  /** Changes only the fields given; a new password needs `currentPassword`. */
  update(userId: string, input: UpdateUserRequest, options?: RequestOptions): ApiPromise<User> {
    return this.asUser('users.update', (init) => this.api.updateUserRaw({ userId, updateUserRequest: input }, init), options, [
      input,
      UPDATE_KEYS,
    ]);
  }

  /** Staff see every user, anyone else only themselves. */
  list(params: UserListParams = {}, options?: RequestOptions): PagePromise<User> {
    return new PagePromise(
      (page) => this.asUser('users.list', (init) => this.api.listUsersRaw({ ...params, page }, init), options, [params, LIST_KEYS]),
      params?.page,
    );
  }
}
