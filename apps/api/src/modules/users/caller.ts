import type { UserRole } from '@messaging-app/shared';
import type { UserProfile } from './users.repository';

/**
 * Who is making the request: resolved from a valid access token of a live session of an active account
 * (modules/auth), or built by a trusted caller of the services (the admin panel, a CLI). Every use case
 * takes it, and authorization is decided from it in the services.
 */
export interface Caller {
  userId: string;
  username: string;
  role: UserRole;
  isStaff: boolean;
  /** The session (sign-in) of the access token the caller came in with; callers built elsewhere have none. */
  sessionId?: string;
  /** When that access token expires (a realtime stream ends then). */
  tokenExpiresAt?: Date;
  /**
   * The caller's profile as read by the request's authentication check, when the caller came in with a
   * token. Read in the same statement that checks the account is still active, so it is as fresh as
   * that check, and `users/me` needs no second read.
   */
  profile?: UserProfile;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport types request.user as Express.User; ours is always a Caller.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Caller {}
  }
}
