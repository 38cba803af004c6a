import type { FetchAPI } from '../generated/runtime';
import type { MessagingError } from './errors';

export interface Credentials {
  username: string;
  password: string;
}

export interface Tokens {
  access: string;
  refresh: string;
}

/** Per-call knobs; each overrides the client-wide setting of the same name for one call. */
export interface RequestOptions {
  /** Milliseconds before one attempt gives up with a TimeoutError (default 60 000). */
  timeout?: number;
  /**
   * Retries after a transient failure (default 2). Only requests that cannot take effect twice are
   * retried: GET, PUT and DELETE, and the creating POSTs, which always carry an Idempotency-Key.
   */
  maxRetries?: number;
  /** Extra headers. `{ 'Idempotency-Key': key }` replaces the key `messages.send` and `conversations.create` generate. */
  headers?: Record<string, string>;
  /** Cancels the call, including any backoff wait; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What `onRetry` is told before the client waits and tries a call again. */
export interface RetryInfo {
  /** Which retry this is about to be: 1 for the first. */
  attempt: number;
  /** How long the client will wait first, in milliseconds: the server's `Retry-After` when it sent one. */
  delayMs: number;
  /** The failed attempt's HTTP status (429 over a rate limit); undefined when no answer came (connection lost, timeout). */
  status?: number;
  /** The failed attempt's error: RateLimitError, ServerError, ConnectionError, TimeoutError… */
  error: MessagingError;
  /** The request that will be sent again. */
  request: { method: string; url: string };
}

interface CommonClientOptions {
  /** The server's origin, e.g. `https://chat.example.com` (default `http://localhost:3000`). `/api/v1` is added. */
  baseUrl?: string;
  /**
   * Called with every new token pair (sign-in and each refresh) and awaited before the call goes on:
   * persist it here, because refresh tokens rotate and the previous one stops working.
   */
  onTokens?: (tokens: Tokens) => void | Promise<void>;
  /** A `fetch` to use instead of the global one (for tests, proxies, instrumentation). */
  fetch?: FetchAPI;
  /** Client-wide default; see RequestOptions.timeout. */
  timeout?: number;
  /** Client-wide default; see RequestOptions.maxRetries. */
  maxRetries?: number;
  /**
   * Called, and awaited, before every wait for a retry (a 429 over a rate limit, a 5xx, a lost
   * connection), so an app can show "sending…", log the wait, or decide not to wait: returning `false`
   * ends the call at once with the error instead. Without it the client waits silently.
   */
  onRetry?: (retry: RetryInfo) => void | boolean | Promise<void | boolean>;
}

export interface PasswordClientOptions extends CommonClientOptions, Credentials {
  accessToken?: string;
  refreshToken?: string;
}

export interface TokenClientOptions extends CommonClientOptions {
  username?: undefined;
  password?: undefined;
  accessToken?: string;
  refreshToken?: string;
}

/**
 * Either credentials (the client signs in by itself, and again whenever its refresh token dies) or
 * saved tokens (e.g. from `onTokens`), or neither for a client that only registers and signs in explicitly.
 */
export type ClientOptions = PasswordClientOptions | TokenClientOptions;
