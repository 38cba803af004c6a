import type { RequestOptions } from '../core/options';

const HEADER = 'idempotency-key';

/**
 * The Idempotency-Key for one create call: the caller's own (from `options.headers`, any spelling), or
 * a fresh random one. Either way it is sent once, as the operation's header parameter, and stays the
 * same on every retry of the call, which is what makes those retries safe.
 */
export function idempotencyKeyFor(options: RequestOptions | undefined): { key: string; options: RequestOptions | undefined } {
  const headers = options?.headers ?? {};
  const name = Object.keys(headers).find((header) => header.toLowerCase() === HEADER);
  if (name === undefined) return { key: globalThis.crypto.randomUUID(), options };
  const { [name]: key, ...others } = headers;
  return { key, options: { ...options, headers: others } };
}
