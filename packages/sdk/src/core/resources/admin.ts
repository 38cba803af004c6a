import type { AdminApi, AdminConversation, AdminStats, AdminUser, ListAllConversationsRequest, SearchUsersRequest } from '../../generated';
import { KnownKeys, type EveryKey } from '../../internal/input';
import type { Caller } from '../../internal/request';
import type { ApiPromise } from '../api-promise';
import type { RequestOptions } from '../options';
import { PagePromise } from '../pagination';

export type AdminUserListParams = SearchUsersRequest;
export type AdminConversationListParams = ListAllConversationsRequest;

const USER_LIST_KEYS = new KnownKeys({
  search: true,
  isActive: true,
  isStaff: true,
  page: true,
  pageSize: true,
} satisfies EveryKey<AdminUserListParams>);
const CONVERSATION_LIST_KEYS = new KnownKeys({ page: true, pageSize: true } satisfies EveryKey<AdminConversationListParams>);

/** The staff-only admin area; every call fails with PermissionDeniedError for anyone else. */
export class AdminResource {
  constructor(
    private readonly api: AdminApi,
    private readonly asUser: Caller,
  ) {}

  /** Every user, inactive ones included; `search` matches username, email and names, case-insensitively. */
  listUsers(params: AdminUserListParams = {}, options?: RequestOptions): PagePromise<AdminUser> {
    return new PagePromise(
      (page) =>
        this.asUser('admin.listUsers', (init) => this.api.searchUsersRaw({ ...params, page }, init), options, [params, USER_LIST_KEYS]),
      params?.page,
    );
  }

  /** Signs the user out everywhere and stops them signing in; staff cannot deactivate themselves. */
  deactivateUser(userId: string, options?: RequestOptions): ApiPromise<AdminUser> {
    return this.asUser('admin.deactivateUser', (init) => this.api.deactivateUserRaw({ userId }, init), options);
  }

  reactivateUser(userId: string, options?: RequestOptions): ApiPromise<AdminUser> {
    return this.asUser('admin.reactivateUser', (init) => this.api.reactivateUserRaw({ userId }, init), options);
  }

  /** Makes the user staff. */
  promoteUser(userId: string, options?: RequestOptions): ApiPromise<AdminUser> {
    return this.asUser('admin.promoteUser', (init) => this.api.promoteUserRaw({ userId }, init), options);
  }

  /** Every conversation, with participants and message counts, most recently active first. */
  listConversations(params: AdminConversationListParams = {}, options?: RequestOptions): PagePromise<AdminConversation> {
    return new PagePromise(
      (page) =>
        this.asUser('admin.listConversations', (init) => this.api.listAllConversationsRaw({ ...params, page }, init), options, [
          params,
          CONVERSATION_LIST_KEYS,
        ]),
      params?.page,
    );
  }

  /** Moderation: deletes any message, whoever sent it. */
  deleteMessage(messageId: string, options?: RequestOptions): ApiPromise<void> {
    return this.asUser('admin.deleteMessage', (init) => this.api.deleteAnyMessageRaw({ messageId }, init), options);
  }

  /** Users, conversations, messages, and messages sent today (UTC). */
  stats(options?: RequestOptions): ApiPromise<AdminStats> {
    return this.asUser('admin.stats', (init) => this.api.getAdminStatsRaw(init), options);
  }
}
