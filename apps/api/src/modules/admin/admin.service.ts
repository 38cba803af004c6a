import type { Database } from '@messaging-app/shared';
import type { AuthUser } from '../auth/auth-user';
import type { AuthStateCache } from '../auth/auth-state-cache';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import type { AuthService } from '../auth/auth.service';
import { assertPageExists, offsetOf, type PageOf, type PageRequest } from '../../platform/http/pagination';
import type { ConversationsRepository } from '../conversations/conversations.repository';
import { conflict, forbidden, notFound } from '../../platform/errors/app-error';
import type { MessagesService } from '../messages/messages.service';
import { toUserSummary } from '../users/user.dto';
import type { UserChanges, UserRecord, UsersRepository } from '../users/users.repository';
import { toAdminUser, type AdminConversation, type AdminStats, type AdminUser, type ConversationOverview, type DailyActivity } from './admin.dto';
import type { AdminRepository, UserSearch } from './admin.repository';

/**
 * The staff-only use cases, shared by the REST endpoints under /api/v1/admin and the web panel at
 * /admin. Every one checks the caller is staff first: the route only proves the caller signed in.
 */
export class AdminService {
  constructor(
    private readonly db: Database,
    private readonly admin: AdminRepository,
    private readonly users: UsersRepository,
    private readonly sessions: Pick<AuthService, 'endAllSessions'>,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesService,
    private readonly authStates: Pick<AuthStateCache, 'forget'>,
  ) {}

  async listUsers({ caller, query, page }: { caller: AuthUser; query: UserSearch; page: PageRequest }): Promise<PageOf<AdminUser>> {
    assertStaff(caller);
    const { count, rows } = await this.admin.searchUsers(query, { offset: offsetOf(page), limit: page.pageSize });
    assertPageExists(page, count);
    return { ...page, count, results: rows.map(toAdminUser) };
  }

  /**
   * Signs the user out everywhere: every session ends (access tokens stop at once; they would fail the
   * active check anyway, but stay dead after a reactivation) and refresh tokens are revoked.
   */
  async deactivateUser({ caller, userId }: { caller: AuthUser; userId: string }): Promise<AdminUser> {
    assertStaff(caller);
    if (userId === caller.userId) {
      throw conflict('You cannot deactivate your own account; ask another staff member.');
    }
    const deactivated = await this.db.transaction(async (transaction) => {
      const user = await this.users.update(userId, { isActive: false }, transaction);
      if (!user) throw notFound('User');
      await this.sessions.endAllSessions(userId, transaction);
      return toAdminUser(user);
    });
    this.authStates.forget(userId);
    return deactivated;
  }

  async reactivateUser({ caller, userId }: { caller: AuthUser; userId: string }): Promise<AdminUser> {
    return this.changeUser(caller, userId, { isActive: true });
  }

  async promoteUser({ caller, userId }: { caller: AuthUser; userId: string }): Promise<AdminUser> {
    return this.changeUser(caller, userId, { isStaff: true });
  }

  async listConversations({ caller, page }: { caller: AuthUser; page: PageRequest }): Promise<PageOf<AdminConversation>> {
    assertStaff(caller);
    const { count, rows } = await this.admin.listConversations({ offset: offsetOf(page), limit: page.pageSize });
    assertPageExists(page, count);
    const ids = rows.map((row) => row.conversationId);
    const [participants, messageCounts] = await Promise.all([this.conversations.participantsOf(ids), this.admin.messageCounts(ids)]);
    const results = rows.map((row) => ({
      conversation_id: row.conversationId,
      participants: (participants.get(row.conversationId) ?? []).map(toUserSummary),
      created_at: row.createdAt,
      last_activity_at: row.lastActivityAt,
      message_count: messageCounts.get(row.conversationId) ?? 0,
    }));
    return { ...page, count, results };
  }

  /** Moderation: removes any message, whoever sent it, the same way its sender's delete does. */
  async deleteMessage({ caller, messageId }: { caller: AuthUser; messageId: string }): Promise<void> {
    assertStaff(caller);
    const conversationId = await this.admin.conversationOfMessage(messageId);
    if (!conversationId) throw notFound('Message');
    await this.messages.moderateDelete({ conversationId, messageId });
  }

  async getStats({ caller, now = new Date() }: { caller: AuthUser; now?: Date }): Promise<AdminStats> {
    assertStaff(caller);
    const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const counts = await this.admin.counts(startOfDay);
    return {
      users: counts.users,
      active_users: counts.activeUsers,
      staff_users: counts.staffUsers,
      conversations: counts.conversations,
      messages: counts.messages,
      messages_today: counts.messagesSince,
    };
  }

  /**
   * Sign-ups and messages on each of the last `days` UTC days, oldest first and today last, days
   * without any included as zeros (the web panel's chart).
   */
  async dailyActivity({ caller, days, now = new Date() }: { caller: AuthUser; days: number; now?: Date }): Promise<DailyActivity[]> {
    assertStaff(caller);
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
    const counts = await this.admin.dailyCounts(first);
    return Array.from({ length: days }, (_, index) => {
      const day = new Date(first.getTime() + index * DAY_MS).toISOString().slice(0, 10);
      return { day, sign_ups: counts.signUps.get(day) ?? 0, messages: counts.messages.get(day) ?? 0 };
    });
  }

  /** Kind, title, participants and message count of a page of conversations (the web panel's lists). */
  async conversationOverviews({ caller, conversationIds }: { caller: AuthUser; conversationIds: string[] }): Promise<Map<string, ConversationOverview>> {
    assertStaff(caller);
    const ids = [...new Set(conversationIds)];
    const [conversations, participants, messageCounts] = await Promise.all([
      this.admin.conversationsByIds(ids),
      this.conversations.participantsOf(ids),
      this.admin.messageCounts(ids),
    ]);
    const overviews = new Map<string, ConversationOverview>();
    for (const [id, conversation] of conversations) {
      overviews.set(id, {
        kind: conversation.kind,
        title: conversation.title,
        participants: (participants.get(id) ?? []).map((person) => person.username),
        message_count: messageCounts.get(id) ?? 0,
      });
    }
    return overviews;
  }

  /** The web panel's sign-in: the account's own password, and only active staff get in. */
  async authenticateStaff({ username, password }: { username: string; password: string }): Promise<AuthUser | undefined> {
    const user = await this.users.findByUsername(username);
    if (!user) {
      await verifyAgainstDummy(password);
      return undefined;
    }
    if (!(await verifyPassword(user.passwordHash, password))) return undefined;
    return activeStaff(user);
  }

  /** The panel re-checks this on every request, so deactivating or demoting staff ends their session at once. */
  async currentStaff(userId: string): Promise<AuthUser | undefined> {
    const user = await this.users.findById(userId);
    return user ? activeStaff(user) : undefined;
  }

  private async changeUser(caller: AuthUser, userId: string, changes: UserChanges): Promise<AdminUser> {
    assertStaff(caller);
    const user = await this.users.update(userId, changes);
    this.authStates.forget(userId);
    if (!user) throw notFound('User');
    return toAdminUser(user);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

function activeStaff(user: UserRecord): AuthUser | undefined {
  if (!user.isActive || !user.isStaff) return undefined;
  return { userId: user.userId, username: user.username, role: user.role, isStaff: true };
}

function assertStaff(caller: AuthUser): void {
  if (!caller.isStaff) throw forbidden('Only staff can use the admin area.');
}
