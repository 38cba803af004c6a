import type { UserRole } from '@messaging-app/shared';
import type { UserProfile } from '../users/users.repository';

/** The caller, as resolved from a valid access token and a still-active account. */
export interface AuthUser {
  userId: string;
  username: string;
  role: UserRole;
  isStaff: boolean;
  /** The session (sign-in) of the access token the caller came in with; callers built elsewhere have none. */
  sessionId?: string;
  /**
   * The caller's profile as read by the request's authentication probe, when the caller came in with a
   * token (callers built elsewhere — the admin panel, the seed — have none). Read in the same statement
   * that checks the account is still active, so it is as fresh as that check.
   */
  profile?: UserProfile;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport types request.user as Express.User; ours is always an AuthUser.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends AuthUser {}
  }
}
