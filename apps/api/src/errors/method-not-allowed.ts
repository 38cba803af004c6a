import type { RequestHandler } from 'express';
import { AppError } from './app-error';

interface SpecPaths {
  paths: Record<string, Record<string, unknown>>;
}

/**
 * A known path with a method the contract does not define gets 405 with an `Allow` header, not the
 * 404 meant for paths that do not exist. The routes come from the spec, so they cannot drift.
 */
export function methodNotAllowed(spec: SpecPaths, prefix: string): RequestHandler {
  const routes = Object.entries(spec.paths).map(([route, methods]) => {
    const allowed = Object.keys(methods).map((method) => method.toUpperCase());
    if (allowed.includes('GET')) allowed.push('HEAD');
    return {
      pattern: new RegExp(`^${prefix}${route.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      allow: [...allowed, 'OPTIONS'].join(', '),
    };
  });
  return (req, res, next) => {
    const route = routes.find(({ pattern }) => pattern.test(req.path));
    if (!route) return next();
    res.set('Allow', route.allow);
    next(new AppError('method_not_allowed', `${req.method} is not allowed on ${req.path}. Allowed: ${route.allow}.`));
  };
}
