import type {
  AdminApi,
  AdminConversation,
  AdminStats,
  AdminUser,
  ListAllConversationsRequest,
  SearchUsersRequest,
} from '../../generated';
import type { Call } from '../../internal/transport';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type AdminUserListParams = SearchUsersRequest;
export type AdminConversationListParams = ListAllConversationsRequest;

/** The staff-only admin area; every call fails with PermissionDeniedError for anyone else. */
export class AdminResource {
  constructor(
    private readonly api: AdminApi,
    private readonly asUser: Call,
  ) {}

  /** Every user, inactive ones included; `search` matches username, email and names, case-insensitively. */
  listUsers(params: AdminUserListParams = {}, options?: RequestOptions): PagePromise<AdminUser> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.searchUsers({ ...params, page }, init), options),
      params.page,
    );
  }

  /** Signs the user out everywhere and stops them signing in; staff cannot deactivate themselves. */
  deactivateUser(userId: string, options?: RequestOptions): Promise<AdminUser> {
    return this.asUser((init) => this.api.deactivateUser({ userId }, init), options);
  }

  reactivateUser(userId: string, options?: RequestOptions): Promise<AdminUser> {
    return this.asUser((init) => this.api.reactivateUser({ userId }, init), options);
  }

  /** Makes the user staff. */
  promoteUser(userId: string, options?: RequestOptions): Promise<AdminUser> {
    return this.asUser((init) => this.api.promoteUser({ userId }, init), options);
  }

  /** Every conversation, with participants and message counts, most recently active first. */
  listConversations(params: AdminConversationListParams = {}, options?: RequestOptions): PagePromise<AdminConversation> {
    return new PagePromise(
      (page) => this.asUser((init) => this.api.listAllConversations({ ...params, page }, init), options),
      params.page,
    );
  }

  /** Moderation: deletes any message, whoever sent it. */
  deleteMessage(messageId: string, options?: RequestOptions): Promise<void> {
    return this.asUser((init) => this.api.deleteAnyMessage({ messageId }, init), options);
  }

  /** Users, conversations, messages, and messages sent today (UTC). */
  stats(options?: RequestOptions): Promise<AdminStats> {
    return this.asUser((init) => this.api.getAdminStats(init), options);
  }
}
