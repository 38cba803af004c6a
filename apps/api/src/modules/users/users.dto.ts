import type { Paginated } from '../../platform/http/pagination';
import type { Role, User } from './user.dto';

export interface RegisterUserRequest {
  // Lists show user ids and usernames side by side, so a username must never read as an id: the
  // pattern's lookahead refuses a UUID in every spelling a UUID parser (PostgreSQL's too) accepts.
  // The words after the pattern are tsoa's error message for it.
  /**
   * Letters, digits and @ . + - _ only; unique regardless of case; not a UUID (user ids are UUIDs).
   * @minLength 1
   * @maxLength 150
   * @pattern ^(?!-*(?:[0-9A-Fa-f]-*){32}$)[A-Za-z0-9@.+_-]+$ Letters, digits and @ . + - _ only, and not a UUID (32 hexadecimal digits, with or without hyphens): user ids are UUIDs, and a username must never pass for one.
   * @example "kwame"
   */
  username: string;
  /**
   * Unique regardless of case.
   * @maxLength 254
   * @pattern ^[^\s@]+@[^\s@]+\.[^\s@]+$
   * @example "kwame@example.com"
   */
  email: string;
  /**
   * @minLength 8
   * @maxLength 256
   * @example "correct horse battery"
   */
  password: string;
  /**
   * @minLength 1
   * @maxLength 150
   */
  first_name: string;
  /**
   * @minLength 1
   * @maxLength 150
   */
  last_name: string;
  // tsoa ends a @pattern at its first space, so the space in the class is written \x20.
  /**
   * @maxLength 32
   * @pattern ^\+?[0-9\x20().-]{3,31}$
   */
  phone_number?: string | null;
  /** Defaults to `guest`. Only staff may create `admin` users. */
  role?: Role;
  /** Only staff may create staff users. */
  is_staff?: boolean;
}

/** Only the fields present are changed. Changing the password requires `current_password` (staff resetting someone else's excepted). */
export interface UpdateUserRequest {
  /**
   * Letters, digits and @ . + - _ only; unique regardless of case; not a UUID (user ids are UUIDs).
   * @minLength 1
   * @maxLength 150
   * @pattern ^(?!-*(?:[0-9A-Fa-f]-*){32}$)[A-Za-z0-9@.+_-]+$ Letters, digits and @ . + - _ only, and not a UUID (32 hexadecimal digits, with or without hyphens): user ids are UUIDs, and a username must never pass for one.
   */
  username?: string;
  /**
   * @maxLength 254
   * @pattern ^[^\s@]+@[^\s@]+\.[^\s@]+$
   */
  email?: string;
  /**
   * @minLength 1
   * @maxLength 150
   */
  first_name?: string;
  /**
   * @minLength 1
   * @maxLength 150
   */
  last_name?: string;
  // tsoa ends a @pattern at its first space, so the space in the class is written \x20.
  /**
   * @maxLength 32
   * @pattern ^\+?[0-9\x20().-]{3,31}$
   */
  phone_number?: string | null;
  /** Only staff may set `admin`. */
  role?: Role;
  /** Only staff may change it. */
  is_staff?: boolean;
  /**
   * The new password; signs the user out everywhere (every session ends, the caller's own included).
   * @minLength 8
   * @maxLength 256
   */
  password?: string;
  /**
   * @maxLength 256
   */
  current_password?: string;
}

export interface UserPage extends Paginated {
  results: User[];
}
