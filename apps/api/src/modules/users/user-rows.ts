import { raw, type UserRole } from '@messaging-app/shared';

/** A user as the repository hands it out: the row, with the password hash. */
export interface UserRecord {
  userId: string;
  username: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  phoneNumber: string | null;
  role: UserRole;
  isStaff: boolean;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A user's profile as the API shows it to its owner: everything but the password hash. */
export type UserProfile = Omit<UserRecord, 'passwordHash'>;

/** What other people may see of someone (participants, senders). */
export type UserSummaryRecord = Pick<UserRecord, 'userId' | 'username' | 'firstName' | 'lastName'>;

export interface UserRow {
  user_id: string;
  username: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  phone_number: string | null;
  role: UserRole;
  is_staff: boolean;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

export const PROFILE_COLUMNS = raw(
  'user_id, username, email, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at',
);
export const USER_COLUMNS = raw(
  'user_id, username, email, password_hash, first_name, last_name, phone_number, role, is_staff, is_active, created_at, updated_at',
);

export function profileFromRow(row: Omit<UserRow, 'password_hash'>): UserProfile {
  return {
    userId: row.user_id,
    username: row.username,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phoneNumber: row.phone_number,
    role: row.role,
    isStaff: row.is_staff,
    isActive: row.is_active,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function userFromRow(row: UserRow): UserRecord {
  return { ...profileFromRow(row), passwordHash: row.password_hash };
}
