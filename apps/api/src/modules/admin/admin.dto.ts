import type { PageParams, Paginated } from '../../platform/http/pagination';
import { toUser, type User, type UserProfile, type UserSummary, type UUID } from '../users';

/** A user as staff see it in the admin area: the full profile plus whether the account is active. */
export interface AdminUser extends User {
  /** Inactive accounts cannot sign in, and their tokens stop working at once. */
  is_active: boolean;
}

export interface AdminUserPage extends Paginated {
  results: AdminUser[];
}

/** Any conversation, as staff see it: who takes part and how much was said. */
export interface AdminConversation {
  conversation_id: UUID;
  participants: UserSummary[];
  created_at: Date;
  /** When the last message was sent (or the conversation created, if none was). */
  last_activity_at: Date;
  message_count: number;
}

export interface AdminConversationPage extends Paginated {
  results: AdminConversation[];
}

/** Counts across the whole service. "Today" is the current UTC day. */
export interface AdminStats {
  users: number;
  active_users: number;
  staff_users: number;
  conversations: number;
  messages: number;
  messages_today: number;
}

/** One UTC day of the web panel's activity chart (not part of the REST API). */
export interface DailyActivity {
  /** YYYY-MM-DD, UTC. */
  day: string;
  sign_ups: number;
  messages: number;
}

/** What the web panel's lists show about a conversation besides its own columns (not part of the REST API). */
export interface ConversationOverview {
  kind: 'direct' | 'group';
  title: string | null;
  /** Usernames, in the order people joined. */
  participants: string[];
  message_count: number;
}

export function toAdminUser(user: UserProfile): AdminUser {
  return { ...toUser(user), is_active: user.isActive };
}

/** Staff's search over every account. */
export interface AdminUserSearchParams extends PageParams {
  /**
   * Case-insensitive text in the username, email, first or last name.
   * @maxLength 150 At most 150 characters.
   */
  search?: string;
  /** Only active (true) or only deactivated (false) accounts. */
  is_active?: boolean;
  /** Only staff (true) or only non-staff (false). */
  is_staff?: boolean;
}
