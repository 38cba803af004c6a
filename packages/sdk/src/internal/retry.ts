import { ApiError, ConnectionError, parseRetryAfter } from '../core/errors';

const INITIAL_DELAY_SECONDS = 0.5;
const MAX_DELAY_SECONDS = 8;
/** A longer `Retry-After` than this is not worth blocking the caller for; fall back to our own backoff. */
const MAX_RETRY_AFTER_SECONDS = 60;

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Replaying a request must not be able to do something twice: safe for idempotent methods, and for
 * a POST whose caller vouched for it with an `Idempotency-Key`.
 */
export function isReplayable(method: string, headers: Record<string, string>): boolean {
  if (IDEMPOTENT_METHODS.has(method.toUpperCase())) return true;
  return Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
}

/** Failures that may go away on their own: no answer at all (timeouts included), 408, 429 and 5xx. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  if (!(error instanceof ApiError)) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * How long to wait before retry number `retry` (0-based): the server's `Retry-After` when it gave a
 * sensible one, otherwise exponential backoff from 0.5s to 8s, less up to 25% random jitter so that
 * clients failing together do not retry in lockstep.
 */
export function retryDelayMs(error: unknown, retry: number): number {
  // 429s carry it, and so do the API's 503s.
  const retryAfter = error instanceof ApiError && error.headers ? parseRetryAfter(error.headers) : undefined;
  if (retryAfter !== undefined && retryAfter <= MAX_RETRY_AFTER_SECONDS) return retryAfter * 1000;

  const backoff = Math.min(INITIAL_DELAY_SECONDS * 2 ** retry, MAX_DELAY_SECONDS);
  const jitter = 1 - Math.random() * 0.25;
  return backoff * jitter * 1000;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts, so a caller's cancel is not held up by a backoff. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // The abort's own reason (an AbortError, or what the caller gave), as fetch rejects with it.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
