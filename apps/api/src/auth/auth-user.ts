import type { UserRole } from '@messaging-app/shared';

/** The caller, as resolved from a valid access token and a still-active account. */
export interface AuthUser {
  userId: string;
  username: string;
  role: UserRole;
  isStaff: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport types request.user as Express.User; ours is always an AuthUser.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends AuthUser {}
  }
}
