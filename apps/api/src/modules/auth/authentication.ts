/**
 * tsoa's authentication module: `@Security('jwt')` routes call expressAuthentication, and what it
 * resolves becomes `request.user`.
 */
import type { Request, Response } from 'express';
import { AppError } from '../../platform/errors/app-error';
import { servicesOf } from '../../app/composition-root';
import type { AuthUser } from './auth-user';

export const SECURITY_JWT = 'jwt';

function authenticateWithPassport(request: Request, response: Response | undefined): Promise<AuthUser> {
  const { passport } = servicesOf(request);
  return new Promise((resolve, reject) => {
    // A custom callback, so passport never writes a response of its own.
    passport.authenticate('jwt', { session: false }, (err: unknown, user: AuthUser | false) => {
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
    })(request, response, () => undefined);
  });
}

export function expressAuthentication(
  request: Request,
  securityName: string,
  _scopes?: string[],
  response?: Response,
): Promise<AuthUser> {
  if (securityName !== SECURITY_JWT) {
    return Promise.reject(new AppError('unauthorized', `Unknown security scheme "${securityName}".`));
  }
  return authenticateWithPassport(request, response);
}

/**
 * For endpoints open to everyone where a signed-in caller may do more (staff registering staff):
 * no Authorization header → anonymous; a header with a bad token → 401, never silently anonymous.
 */
export async function optionalCaller(request: Request): Promise<AuthUser | undefined> {
  if (!request.headers.authorization) return undefined;
  return authenticateWithPassport(request, undefined);
}
