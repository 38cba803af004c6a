import { notFound } from '../../platform/errors/app-error';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import type { ConversationsModule } from '../conversations';
import type { MessagesModule } from '../messages';
import { assertStaff, toUserSummary, type Caller, type StaffUserSearch, type UserProfile, type UsersService } from '../users';
import {
  toAdminUser,
  type AdminConversation,
  type AdminStats,
  type AdminUser,
  type ConversationOverview,
  type DailyActivity,
} from './admin.dto';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AdminServiceDependencies {
  users: UsersService;
  conversations: ConversationsModule['queries'];
  messages: Pick<MessagesModule, 'writing' | 'queries'>;
}

/**
 * The staff-only use cases, shared by the REST endpoints under /api/v1/admin and the web panel at
 * /admin, composed from the other modules' services. Every one checks the caller is staff first: the
 * route only proves the caller signed in.
 */
export class AdminService {
  constructor(private readonly deps: AdminServiceDependencies) {}

  async listUsers({ caller, search, page }: { caller: Caller; search: StaffUserSearch; page: PageRequest }): Promise<PageOf<AdminUser>> {
    return this.deps.users.searchUsersAsStaff({ caller, search, page, present: toAdminUser });
  }

  /** Signs the user out everywhere: every session ends with the deactivation (access and refresh tokens stop at once). */
  async deactivateUser({ caller, userId }: { caller: Caller; userId: string }): Promise<AdminUser> {
    return toAdminUser(await this.deps.users.deactivateUser({ caller, userId }));
  }

  async reactivateUser({ caller, userId }: { caller: Caller; userId: string }): Promise<AdminUser> {
    return toAdminUser(await this.deps.users.reactivateUser({ caller, userId }));
  }

  async promoteUser({ caller, userId }: { caller: Caller; userId: string }): Promise<AdminUser> {
    return toAdminUser(await this.deps.users.promoteUser({ caller, userId }));
  }

  async listConversations({ caller, page }: { caller: Caller; page: PageRequest }): Promise<PageOf<AdminConversation>> {
    assertStaff(caller);
    const { count, rows } = await this.deps.conversations.listAll({ offset: offsetOf(page), limit: page.pageSize });
    assertPageExists(page, count);
    const participants = await this.deps.conversations.participantsOf(rows.map((row) => row.conversationId));
    const results = rows.map((row) => ({
      conversation_id: row.conversationId,
      participants: (participants.get(row.conversationId) ?? []).map(toUserSummary),
      created_at: row.createdAt,
      last_activity_at: row.lastActivityAt,
      message_count: row.messageCount,
    }));
    return { ...page, count, results };
  }

  /** Moderation: removes any message, whoever sent it, the same way its sender's delete does. */
  async deleteMessage({ caller, messageId }: { caller: Caller; messageId: string }): Promise<void> {
    assertStaff(caller);
    const conversationId = await this.deps.messages.queries.conversationOf(messageId);
    if (!conversationId) throw notFound('Message');
    await this.deps.messages.writing.moderateDelete({ conversationId, messageId });
  }

  async getStats({ caller, now = new Date() }: { caller: Caller; now?: Date }): Promise<AdminStats> {
    const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [users, conversations, messages] = await Promise.all([
      this.deps.users.countsForStaff(caller),
      this.deps.conversations.count(),
      this.deps.messages.queries.counts(startOfDay),
    ]);
    return {
      users: users.users,
      active_users: users.activeUsers,
      staff_users: users.staffUsers,
      conversations,
      messages: messages.messages,
      messages_today: messages.messagesSince,
    };
  }

  /**
   * Sign-ups and messages on each of the last `days` UTC days, oldest first and today last, days
   * without any included as zeros (the web panel's chart).
   */
  async dailyActivity({ caller, days, now = new Date() }: { caller: Caller; days: number; now?: Date }): Promise<DailyActivity[]> {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
    const [signUps, messages] = await Promise.all([
      this.deps.users.signUpsPerDayForStaff(caller, first),
      this.deps.messages.queries.perDay(first),
    ]);
    return Array.from({ length: days }, (_, index) => {
      const day = new Date(first.getTime() + index * DAY_MS).toISOString().slice(0, 10);
      return { day, sign_ups: signUps.get(day) ?? 0, messages: messages.get(day) ?? 0 };
    });
  }

  /** Kind, title, participants and message count of a page of conversations (the web panel's lists). */
  async conversationOverviews({
    caller,
    conversationIds,
  }: {
    caller: Caller;
    conversationIds: string[];
  }): Promise<Map<string, ConversationOverview>> {
    assertStaff(caller);
    const ids = [...new Set(conversationIds)];
    const [conversations, participants] = await Promise.all([
      this.deps.conversations.findByIds(ids),
      this.deps.conversations.participantsOf(ids),
    ]);
    const overviews = new Map<string, ConversationOverview>();
    for (const [id, conversation] of conversations) {
      overviews.set(id, {
        kind: conversation.kind,
        title: conversation.title,
        participants: (participants.get(id) ?? []).map((person) => person.username),
        message_count: conversation.messageCount,
      });
    }
    return overviews;
  }

  /** The web panel's sign-in: the account's own password, and only active staff get in. */
  async authenticateStaff(credentials: { username: string; password: string }): Promise<Caller | undefined> {
    const user = await this.deps.users.verifyCredentials(credentials);
    return user && activeStaff(user);
  }

  /** The panel re-checks this on every request, so deactivating or demoting staff ends their session at once. */
  async currentStaff(userId: string): Promise<Caller | undefined> {
    const user = await this.deps.users.findUser(userId);
    return user && activeStaff(user);
  }
}

function activeStaff(user: UserProfile): Caller | undefined {
  if (!user.isActive || !user.isStaff) return undefined;
  return { userId: user.userId, username: user.username, role: user.role, isStaff: true };
}
