import type { Express, Request } from 'express';

const PUBLIC_URL = Symbol('publicUrl');

/** Sets where this app's absolute links start (PUBLIC_URL); the composition root calls it once per app. */
export function configureLinks(app: Express, publicUrl: string | undefined): void {
  (app.locals as Record<symbol, unknown>)[PUBLIC_URL] = publicUrl;
}

/**
 * Where absolute links start: PUBLIC_URL (required in production). Without it, in development and
 * test, the request's own scheme and host, which X-Forwarded-Proto/-Host may set only when TRUST_PROXY
 * says the proxy in front is trusted (express's req.protocol and req.host).
 */
export function publicBaseUrl(req: Request): string {
  const publicUrl = (req.app.locals as Record<symbol, string | undefined>)[PUBLIC_URL];
  return publicUrl ?? `${req.protocol}://${req.host ?? 'localhost'}`;
}

/** The absolute URL of this request with some query parameters set and others removed. */
export function requestUrlWith(req: Request, set: Record<string, string>, remove: string[] = []): string {
  // Appended, not resolved: a path prefix in PUBLIC_URL is kept, and a path starting with // cannot
  // turn into another host.
  const url = new URL(`${publicBaseUrl(req)}${req.originalUrl}`);
  for (const name of remove) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
}
