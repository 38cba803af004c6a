import { Passport, type PassportStatic } from 'passport';

export type PassportInstance = InstanceType<PassportStatic['Authenticator']>;
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { AuthState } from '../users/users.repository';
import type { AuthUser } from './auth-user';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, signingKey, type TokenClaims } from './tokens';

/**
 * A passport instance per app (not the global singleton), so several apps with different secrets can
 * live in one process, as they do in tests.
 */
export function createPassport(secret: string, findAuthState: (userId: string) => Promise<AuthState | undefined>): PassportInstance {
  const passport = new Passport();
  passport.use(
    'jwt',
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // passport-jwt hands the key to jsonwebtoken.verify unchanged, which takes a KeyObject (see
        // signingKey); only its type declarations predate that.
        secretOrKey: signingKey(secret) as unknown as Buffer,
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      },
      (claims: Partial<TokenClaims>, done: (err: unknown, user?: AuthUser | false, info?: unknown) => void) => {
        if (claims.typ !== 'access' || typeof claims.sub !== 'string') {
          done(null, false, { message: 'Token is not an access token.' });
          return;
        }
        // Checked on every request, so a deactivated, deleted or demoted account stops working at once
        // (from memory on PostgreSQL, dropped by the change notification: auth-state-cache.ts).
        findAuthState(claims.sub)
          .then((user) => {
            if (!user?.isActive) return done(null, false, { message: 'User not found or inactive.' });
            done(null, { userId: user.userId, username: user.username, role: user.role, isStaff: user.isStaff, profile: user });
          })
          .catch((error: unknown) => done(error));
      },
    ),
  );
  return passport;
}
