import type { RequestHandler } from 'express';
import { AppError } from './app-error';

interface SpecPaths {
  paths: Record<string, Record<string, unknown>>;
}

interface SpecRoute {
  pattern: RegExp;
  methods: Set<string>;
  allow: string;
  /** Literal paths (/users/me) take precedence over templated ones (/users/{user_id}). */
  placeholders: number;
}

function routesOf(spec: SpecPaths, prefix: string): SpecRoute[] {
  return Object.entries(spec.paths)
    .map(([route, operations]) => {
      const methods = new Set(Object.keys(operations).map((method) => method.toUpperCase()));
      if (methods.has('GET')) methods.add('HEAD');
      return {
        pattern: new RegExp(`^${prefix}${route.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
        methods,
        allow: [...methods, 'OPTIONS'].join(', '),
        placeholders: (route.match(/\{/g) ?? []).length,
      };
    })
    .sort((a, b) => a.placeholders - b.placeholders);
}

/**
 * A known path with a method the contract does not define gets 405 with an `Allow` header, not the
 * 404 meant for paths that do not exist; OPTIONS gets 204 with the same `Allow`. It runs before the
 * routes and matches the most specific spec path, so PATCH /users/me is a 405 rather than a PATCH of
 * a user whose id is "me". The routes come from the spec, so they cannot drift.
 */
export function methodNotAllowed(spec: SpecPaths, prefix: string): RequestHandler {
  const routes = routesOf(spec, prefix);
  return (req, res, next) => {
    const route = routes.find(({ pattern }) => pattern.test(req.path));
    if (!route || route.methods.has(req.method)) return next();
    res.set('Allow', route.allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next(new AppError('method_not_allowed', `${req.method} is not allowed on ${req.path}. Allowed: ${route.allow}.`));
  };
}
