import type { Express, Request } from 'express';

/**
 * Who the request's bearer token belongs to (rejects with a 401-carrying error when the token is bad).
 * The auth module provides it; the composition root installs it per app, so the routes' security
 * check (tsoa's authentication module) and the few endpoints where signing in is optional use one
 * and the same check.
 */
export type Authenticator = (request: Request) => Promise<Express.User>;

const AUTHENTICATOR = Symbol('authenticator');

export function installAuthenticator(app: Express, authenticate: Authenticator): void {
  (app.locals as Record<symbol, unknown>)[AUTHENTICATOR] = authenticate;
}

/** The caller behind the request's bearer token (see Authenticator). */
export function authenticate(request: Request): Promise<Express.User> {
  const authenticator = (request.app.locals as Record<symbol, Authenticator | undefined>)[AUTHENTICATOR];
  if (!authenticator) return Promise.reject(new Error('No authenticator installed on this app'));
  return authenticator(request);
}

/**
 * For endpoints open to everyone where a signed-in caller may do more (staff registering staff):
 * no Authorization header → anonymous; a header with a bad token → 401, never silently anonymous.
 */
export async function optionalCaller(request: Request): Promise<Express.User | undefined> {
  if (!request.headers.authorization) return undefined;
  return authenticate(request);
}
