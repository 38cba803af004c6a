import type { UserProfile, UserSummaryRecord } from './user-rows';

/**
 * Stringified UUID.
 * @format uuid
 * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
 * @example "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10"
 */
export type UUID = string;

/** What a user may be: hosts and guests are ordinary users; `admin` can only be granted by staff. */
export type Role = 'guest' | 'host' | 'admin';

/** A user's full profile, visible to that user and to staff. Never includes the password. */
export interface User {
  user_id: UUID;
  /** @example "kwame" */
  username: string;
  /** @example "kwame@example.com" */
  email: string;
  /** @example "Kwame" */
  first_name: string;
  /** @example "Mensah" */
  last_name: string;
  /** @example "+233201234567" */
  phone_number: string | null;
  role: Role;
  /** Staff can see and manage every user. Only staff can grant it. */
  is_staff: boolean;
  created_at: Date;
}

/** How other people appear to you (as participants or message senders): no contact details. */
export interface UserSummary {
  user_id: UUID;
  username: string;
  first_name: string;
  last_name: string;
}

export function toUser(user: UserProfile): User {
  return {
    user_id: user.userId,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    phone_number: user.phoneNumber,
    role: user.role,
    is_staff: user.isStaff,
    created_at: user.createdAt,
  };
}

export function toUserSummary(user: UserSummaryRecord): UserSummary {
  return { user_id: user.userId, username: user.username, first_name: user.firstName, last_name: user.lastName };
}
