import type { Transaction } from '@messaging-app/shared';
import type { RateLimit } from '../config';
import { AppError } from '../errors/app-error';
import { rateLimitHeaders, retryAfterSeconds } from './headers';
import type { RateLimiter } from './limiter';
import type { RateLimitPolicy, RateLimitReport } from './types';

export type { RateLimitPolicy, RateLimitReport, RateWindow, WindowCount } from './types';

/** `5s`, `1m`, `15m`, `1h`, `1d`, `90s`: a window as people write it. */
function windowLabel(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * The policy for configured limits, or undefined when the limit is off. A single window is named after
 * the policy (`"messagesPerUser"`); several are told apart by their length (`"messagesPerUser-5s"`).
 */
export function ratePolicy(name: string, limits: RateLimit[] | null, message: string): RateLimitPolicy | undefined {
  if (!limits || limits.length === 0) return undefined;
  const windows = limits.map((limit) => ({
    name: limits.length === 1 ? name : `${name}-${windowLabel(limit.windowSeconds)}`,
    limit: limit.limit,
    windowSeconds: limit.windowSeconds,
  }));
  return { name, windows, message };
}

/**
 * Counts one hit of `key` against `policy` in `transaction`, after the request has been validated and
 * authorised: the hit counts only if the transaction commits. Over any window it throws 429
 * `rate_limited` (with Retry-After and the RateLimit headers); the transaction then rolls back, so a
 * refused request is not counted either. Otherwise answers where the key stands, for the headers.
 */
export async function enforceRateLimit(
  { policy, limiter }: { policy: RateLimitPolicy; limiter: RateLimiter },
  key: string,
  transaction: Transaction,
): Promise<RateLimitReport> {
  const counts = await limiter.hit(policy, key, transaction);
  const exceeded = counts.some((count) => count.hits > count.window.limit);
  const report: RateLimitReport = {
    policy,
    key,
    windows: counts.map(({ window, hits, resetAt }) => ({
      window,
      // A refused hit is rolled back: the windows with room keep it.
      remaining: Math.max(0, window.limit - (exceeded && hits <= window.limit ? hits - 1 : hits)),
      resetAt,
    })),
  };
  if (exceeded) {
    const full = report.windows.filter((_, index) => counts[index].hits > counts[index].window.limit);
    throw new AppError('rate_limited', policy.message, undefined, {
      ...rateLimitHeaders(report),
      'Retry-After': String(retryAfterSeconds(full)),
    });
  }
  return report;
}
