import { InvalidInputError } from '../core/errors';
import type { RequestOptions } from '../core/options';

/**
 * Every key of T mapped to `true`. A literal checked against it (`satisfies EveryKey<T>`) must name
 * each key of T and nothing else, so a key list cannot drift from the type it describes: a field
 * added to the spec (or an option added to RequestOptions) fails the build until it is listed.
 */
export type EveryKey<T> = { [K in keyof Required<T>]: true };

/** The keys an input object may have. The generated serialisers copy only these and drop the rest silently. */
export class KnownKeys {
  readonly keys: readonly string[];

  constructor(
    keys: Record<string, true>,
    /** What the keys are called in messages: "key" for request fields, "option" for options. */
    private readonly noun = 'key',
  ) {
    this.keys = Object.keys(keys);
  }

  /**
   * Throws InvalidInputError when `value` has a key not listed here (undefined and null pass: every
   * such argument is optional or checked by type). For a key that is a listed one in another spelling,
   * the API's snake_case (`message_body`) or other capitals (`baseURL`), it names the right one.
   */
  check(operation: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidInputError(operation, { [this.noun === 'key' ? 'input' : 'options']: `must be an object, not ${describe(value)}.` });
    }
    const unknown = Object.keys(value).filter((key) => !this.keys.includes(key));
    if (unknown.length === 0) return;
    throw new InvalidInputError(operation, Object.fromEntries(unknown.map((key) => [key, this.problemWith(key)])));
  }

  private problemWith(key: string): string {
    const meant = this.keys.find((known) => squashed(known) === squashed(key));
    if (meant !== undefined) {
      const why = key.includes('_') ? ' (the SDK spells keys in camelCase; the API’s snake_case names are for raw HTTP)' : '';
      return `unknown ${this.noun}; did you mean ${meant}?${why}`;
    }
    return `unknown ${this.noun}; the ${this.noun}s are ${this.keys.join(', ')}.`;
  }
}

/** The same name in any spelling: snake_case, camelCase, kebab-case, any capitals. */
function squashed(key: string): string {
  return key.replace(/[_-]/g, '').toLowerCase();
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return `the ${typeof value} ${String(value)}`;
}

/** The per-call options every method takes last. */
export const REQUEST_OPTION_KEYS = new KnownKeys(
  { timeout: true, maxRetries: true, headers: true, signal: true } satisfies EveryKey<RequestOptions>,
  'option',
);

/**
 * A date-time parameter given as a `Date` (sent as its ISO 8601 instant) or as a string (sent as is,
 * so an ISO date such as `2024-05-01` keeps the API's whole-day meaning).
 */
export function dateParam(operation: string, name: string, value: string | Date | undefined): string | undefined {
  if (!(value instanceof Date)) return value;
  if (Number.isNaN(value.getTime())) throw new InvalidInputError(operation, { [name]: 'is an invalid Date.' });
  return value.toISOString();
}
