import type { ListUsersRequest, RegisterUserRequest, UnreadSummary, UpdateUserRequest, User, UsersApi } from '../../generated';
import type { Call } from '../../internal/transport';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type UserListParams = ListUsersRequest;

export class UsersResource {
  constructor(
    private readonly api: UsersApi,
    private readonly asUser: Call,
    private readonly asAnyone: Call,
  ) {}

  /** Creates an account. Needs no sign-in; when signed in as staff, may create staff and admin users. */
  register(input: RegisterUserRequest, options?: RequestOptions): Promise<User> {
    return this.asAnyone((init) => this.api.registerUser({ registerUserRequest: input }, init), options);
  }

  /** The signed-in user. */
  me(options?: RequestOptions): Promise<User> {
    return this.asUser((init) => this.api.getCurrentUser(init), options);
  }

  /** Messages from others the signed-in user has not read yet, across all their conversations. */
  unread(options?: RequestOptions): Promise<UnreadSummary> {
    return this.asUser((init) => this.api.getUnreadSummary(init), options);
  }

  get(userId: string, options?: RequestOptions): Promise<User> {
    return this.asUser((init) => this.api.getUser({ userId }, init), options);
  }

  /** Changes only the fields given; a new password needs `currentPassword`. */
  update(userId: string, input: UpdateUserRequest, options?: RequestOptions): Promise<User> {
    return this.asUser((init) => this.api.updateUser({ userId, updateUserRequest: input }, init), options);
  }

  /** Staff see every user, anyone else only themselves. */
  list(params: UserListParams = {}, options?: RequestOptions): PagePromise<User> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listUsers({ ...params, page }, init), options),
      params.page,
    );
  }
}
