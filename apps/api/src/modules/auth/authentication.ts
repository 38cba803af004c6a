/**
 * tsoa's authentication module (tsoa.json): `@Security('jwt')` routes call expressAuthentication,
 * and what it resolves becomes `request.user`. The check itself is the app's authenticator
 * (createAuthenticator below, installed per app by the composition root).
 */
import type { Request } from 'express';
import { AppError } from '../../platform/errors/app-error';
import { authenticate, type Authenticator } from '../../platform/http/authenticator';
import type { Caller } from '../users';
import type { PassportInstance } from './passport';

export const SECURITY_JWT = 'jwt';

/** Checks the request's bearer token with passport-jwt and the account and session behind it. */
export function createAuthenticator(passport: PassportInstance): Authenticator {
  return (request) =>
    new Promise<Caller>((resolve, reject) => {
      // A custom callback, so passport never writes a response of its own.
      const check = passport.authenticate('jwt', { session: false }, (err: unknown, user: Caller | false) => {
        // A failure looking the user up (the database is down) is not the caller's fault: tsoa would
        // stamp 401 on an error without a status, so it gets 500 here (the handler turns an outage into 503).
        if (err) return reject(Object.assign(err as Error, { status: 500 }));
        if (!user) {
          const missing = !request.headers.authorization;
          const message = missing
            ? 'Authentication credentials were not provided.'
            : 'The access token is invalid, expired or signed out, or its user is inactive.';
          return reject(new AppError('unauthorized', message));
        }
        resolve(user);
      }) as (req: Request, res: undefined, next: () => void) => void;
      check(request, undefined, () => undefined);
    });
}

export function expressAuthentication(request: Request, securityName: string): Promise<Caller> {
  if (securityName !== SECURITY_JWT) {
    return Promise.reject(new AppError('unauthorized', `Unknown security scheme "${securityName}".`));
  }
  return authenticate(request);
}
