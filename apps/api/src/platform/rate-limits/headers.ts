import { createHash } from 'node:crypto';
import type { RateLimitReport } from './types';

/** Whole seconds until `resetAt`, at least 1 while it is ahead (a client must not retry at once). */
function secondsUntil(resetAt: Date, now: number): number {
  return Math.max(0, Math.ceil((resetAt.getTime() - now) / 1000));
}

/** The partition key express-rate-limit reports for the same key, so every limit's headers look alike. */
function partitionKey(key: string): string {
  return Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64');
}

/**
 * The IETF RateLimit and RateLimit-Policy headers (draft 8), one list item per window:
 * `RateLimit: "messagesPerUser-5s"; r=9; t=5, "messagesPerUser-1m"; r=59; t=60` (remaining, seconds to reset).
 */
export function rateLimitHeaders(report: RateLimitReport, now = Date.now()): Record<string, string> {
  const pk = partitionKey(report.key);
  return {
    RateLimit: report.windows
      .map(({ window, remaining, resetAt }) => `"${window.name}"; r=${remaining}; t=${secondsUntil(resetAt, now)}`)
      .join(', '),
    'RateLimit-Policy': report.windows
      .map(({ window }) => `"${window.name}"; q=${window.limit}; w=${window.windowSeconds}; pk=:${pk}:`)
      .join(', '),
  };
}

/** Seconds until every one of these (full) windows has room again. */
export function retryAfterSeconds(full: RateLimitReport['windows'], now = Date.now()): number {
  return Math.max(1, ...full.map(({ resetAt }) => secondsUntil(resetAt, now)));
}
