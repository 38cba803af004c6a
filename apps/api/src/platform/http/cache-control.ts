import type { RequestHandler } from 'express';

/**
 * For answers that are someone's data or credentials, errors included: no browser or shared cache may
 * keep a copy (a token in a proxy's cache, a profile in a shared computer's disk cache).
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
