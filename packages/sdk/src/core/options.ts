import type { FetchAPI } from '../generated/runtime';

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
