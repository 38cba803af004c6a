import { Passport, type PassportStatic } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { AccountStates, Caller } from '../users';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, readClaims, signingKey } from './tokens';

export type PassportInstance = InstanceType<PassportStatic['Authenticator']>;

/**
 * A passport instance per app (not the global singleton), so several apps with different secrets can
 * live in one process, as they do in tests.
 */
export function createPassport(secret: string, accountStates: Pick<AccountStates, 'find'>): PassportInstance {
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
      (payload: unknown, done: (err: unknown, user?: Caller | false, info?: unknown) => void) => {
        // The same rules as every other token check (an expiry, UUID ids, a session): a token from
        // before sessions existed has no `sid` and is refused, and its client refreshes.
        const claims = readClaims(payload, 'access');
        if (!claims?.sid) {
          done(null, false, { message: 'Token is not an access token.' });
          return;
        }
        const sessionId = claims.sid;
        // Checked on every request, so a deactivated, deleted or demoted account, or an ended session
        // (logout, sign-out everywhere, a password change), stops working at once (from memory on
        // PostgreSQL, dropped by the change notification: users/account-states.ts).
        accountStates
          .find(claims.sub, sessionId)
          .then((found) => {
            if (!found?.user.isActive || !found.sessionLive) return done(null, false, { message: 'User inactive or session ended.' });
            const { user } = found;
            done(null, {
              userId: user.userId,
              username: user.username,
              role: user.role,
              isStaff: user.isStaff,
              sessionId,
              tokenExpiresAt: new Date(claims.exp * 1000),
              profile: user,
            });
          })
          .catch((error: unknown) => done(error));
      },
    ),
  );
  return passport;
}
