import type { Express, Request, RequestHandler } from 'express';
import { rateLimit as expressRateLimit, type Options } from 'express-rate-limit';
import type { RateLimit, RateLimits } from '../config';
import { AppError } from '../errors/app-error';
import { DatabaseRateLimitStore } from './database-store';
import type { RateLimitHitsRepository } from './rate-limit-hits.repository';

/** The limits checked per request, before the handler (messages are limited in the send itself: see policy.ts). */
export type RateLimiterName = Exclude<keyof RateLimits, 'messagesPerUser'>;
export type RateLimiters = Record<RateLimiterName, RequestHandler>;

interface LimiterPolicy {
  /** What the 429 says, so the client knows which limit it hit. */
  message: string;
  keyGenerator?: Options['keyGenerator'];
  /** Requests this limiter does not apply to (the key is missing: validation answers those). */
  skip?: Options['skip'];
  /** Count only failed sign-ins: a user who signs in often is not an attacker. */
  skipSuccessfulRequests?: boolean;
}

const usernameOf = (request: Request): unknown => (request.body as { username?: unknown } | undefined)?.username;

const POLICIES: Record<RateLimiterName, LimiterPolicy> = {
  signInPerAccount: {
    message: 'Too many failed sign-ins for this account. Try again later.',
    keyGenerator: (request) => String(usernameOf(request)).toLowerCase(),
    skip: (request) => typeof usernameOf(request) !== 'string',
    skipSuccessfulRequests: true,
  },
  signInPerIp: {
    message: 'Too many failed sign-ins from this address. Try again later.',
    skipSuccessfulRequests: true,
  },
  registrationsPerIp: {
    message: 'Too many registrations from this address. Try again later.',
  },
};

const unlimited: RequestHandler = (_request, _response, next) => next();

function createLimiter(name: RateLimiterName, setting: RateLimit, hits: RateLimitHitsRepository): RequestHandler {
  const policy = POLICIES[name];
  return expressRateLimit({
    windowMs: setting.windowSeconds * 1000,
    limit: setting.limit,
    // IETF RateLimit / RateLimit-Policy headers, named after the limit; Retry-After on a 429.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: name,
    store: new DatabaseRateLimitStore(hits, `${name}:`),
    ...(policy.keyGenerator ? { keyGenerator: policy.keyGenerator } : {}),
    ...(policy.skip ? { skip: policy.skip } : {}),
    skipSuccessfulRequests: policy.skipSuccessfulRequests ?? false,
    // The error handler writes every error body, 429 included. A store failure (the database is
    // down) is passed on too, and answered 503 like any other request that needs the database.
    handler: (_request, _response, next) => next(new AppError('rate_limited', policy.message)),
  });
}

/** One limiter per kind of request, all counting in the database; a limit set to `off` lets everything through. */
export function createRateLimiters(limits: RateLimits, hits: RateLimitHitsRepository): RateLimiters {
  const entries = (Object.keys(POLICIES) as RateLimiterName[]).map((name) => {
    const setting = limits[name];
    return [name, setting ? createLimiter(name, setting, hits) : unlimited] as const;
  });
  return Object.fromEntries(entries) as RateLimiters;
}

const RATE_LIMITERS = Symbol('rateLimiters');

/** Gives an app its limiters (the composition root calls it once per app). */
export function installRateLimiters(app: Express, limiters: RateLimiters): void {
  (app.locals as Record<symbol, unknown>)[RATE_LIMITERS] = limiters;
}

/**
 * For tsoa's `@Middlewares`: decorators are evaluated once per process, but limiters belong to an
 * app (its configuration and database), so this finds the app's limiter per request.
 */
export function rateLimit(name: RateLimiterName): RequestHandler {
  return (request, response, next) => {
    const limiters = (request.app.locals as Record<symbol, RateLimiters>)[RATE_LIMITERS];
    limiters[name](request, response, next);
  };
}
