import { ApiError, AuthenticationError, connectionError, toSdkError, type MessagingError } from '../core/errors';
import type { RequestOptions, RetryInfo } from '../core/options';
import { querystring, type FetchAPI, type InitOverrideFunction, type RequestOpts } from '../generated/runtime';
import { isReplayable, isTransient, retryDelayMs, sleep } from './retry';
import type { Authorizer } from './session';

/**
 * One call of a generated API method. It must pass `init` on as the method's `initOverrides`: that is
 * how each attempt gets its headers, bearer token and abort signal.
 */
export type Operation<T> = (init: InitOverrideFunction) => Promise<T>;

export interface CallOptions extends RequestOptions {
  /** Who the call is made as; none for the token endpoints. */
  auth?: Authorizer;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown; replayable: boolean; request?: RetryInfo['request'] };

export interface TransportSettings {
  timeout: number;
  maxRetries: number;
  /** The API root the generated paths are relative to (for `onRetry`'s request URL). */
  basePath: string;
  onRetry?: (retry: RetryInfo) => void | boolean | Promise<void | boolean>;
}

/** Runs generated calls with auth, a timeout per attempt, retries of transient failures, and typed errors. */
export class Transport {
  constructor(private readonly defaults: TransportSettings) {}

  async run<T>(operation: Operation<T>, options: CallOptions = {}): Promise<T> {
    const { auth, signal } = options;
    const maxRetries = options.maxRetries ?? this.defaults.maxRetries;
    let token = await auth?.accessToken();
    let renewed = false;
    for (let retries = 0; ;) {
      const attempt = await this.attempt(operation, token, options);
      if (attempt.ok) return attempt.value;
      const { error } = attempt;

      // A 401 means the server did nothing, so one replay with fresh tokens is safe for any method.
      if (error instanceof AuthenticationError && auth && token !== undefined && !renewed) {
        renewed = true;
        token = await auth.renew(token);
        continue;
      }
      if (retries < maxRetries && attempt.replayable && isTransient(error)) {
        const delayMs = retryDelayMs(error, retries);
        if ((await this.announceRetry(retries + 1, delayMs, error as MessagingError, attempt.request)) === false) throw error;
        await sleep(delayMs, signal);
        retries += 1;
        continue;
      }
      throw error;
    }
  }

  /** Tells `onRetry` (if any) about the wait ahead; `false` from it means: do not retry. */
  private async announceRetry(attempt: number, delayMs: number, error: MessagingError, request: RetryInfo['request'] | undefined) {
    if (!this.defaults.onRetry) return undefined;
    const status = error instanceof ApiError ? error.status : undefined;
    return this.defaults.onRetry({ attempt, delayMs, status, error, request: request ?? { method: 'GET', url: this.defaults.basePath } });
  }

  /** The URL the generated runtime requests for `context` (the same concatenation it does). */
  private urlOf(context: RequestOpts): string {
    const query = context.query && Object.keys(context.query).length > 0 ? `?${querystring(context.query)}` : '';
    return `${this.defaults.basePath}${context.path}${query}`;
  }

  private async attempt<T>(operation: Operation<T>, token: string | undefined, options: RequestOptions): Promise<Attempt<T>> {
    const { headers, signal, timeout = this.defaults.timeout } = options;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const forwardAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) forwardAbort();
    signal?.addEventListener('abort', forwardAbort, { once: true });

    let replayable = false;
    let request: RetryInfo['request'] | undefined;
    const init: InitOverrideFunction = ({ init: generated, context }) => {
      const merged = { ...generated.headers, ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
      replayable = isReplayable(context.method, merged);
      request = { method: context.method, url: this.urlOf(context) };
      return Promise.resolve({ headers: merged, signal: controller.signal });
    };

    try {
      return { ok: true, value: await operation(init) };
    } catch (error) {
      // The caller cancelled: report their reason as is, and do not retry.
      if (signal?.aborted) throw signal.reason;
      return { ok: false, error: await toSdkError(error, { timedOut }), replayable, request };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }
}

/**
 * The fetch handed to the generated runtime. It turns a rejection into a ConnectionError right where it
 * happens: the runtime only wraps rejections that are `instanceof Error` in this realm, so a TypeError
 * from another realm (a test sandbox, an iframe's fetch) would otherwise slip through unrecognised.
 */
export function guardedFetch(custom?: FetchAPI): FetchAPI {
  return async (input, init) => {
    try {
      return await (custom ?? globalThis.fetch)(input, init);
    } catch (error) {
      // An abort is our timeout or the caller's cancel; the transport tells those apart.
      if (init?.signal?.aborted) throw error;
      throw connectionError(error);
    }
  };
}

/** A way of running operations bound to one kind of authentication; what the resources are given. */
export type Call = <T>(operation: Operation<T>, options?: RequestOptions) => Promise<T>;
