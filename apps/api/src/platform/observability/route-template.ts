import type { Request, RequestHandler, Response } from 'express';

/** The label of requests that no route and no mounted area (API, docs, admin panel) served. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Put in front of a mounted router: remembers where it is mounted (`/api/v1`). Express resets
 * `req.baseUrl` when an error leaves that router, so by the time the response is logged the mount
 * would otherwise be lost.
 */
export const rememberMountPath: RequestHandler = (req, res, next) => {
  res.locals.mountPath = req.baseUrl;
  next();
};

/**
 * The route template that served the request (`/api/v1/conversations/:conversation_id`), never the
 * raw URL, so ids do not turn every request into a new metrics label. A mounted area without routes
 * of its own (Swagger UI's files) is `<mount>/*`; anything else is `unmatched`.
 */
export function routeTemplate(req: Request, res: Response): string {
  const mount = typeof res.locals.mountPath === 'string' ? res.locals.mountPath : '';
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${mount}${route === '/' && mount ? '' : route}` || '/';
  return mount ? `${mount}/*` : UNMATCHED_ROUTE;
}
