import { ApiPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/options';
import type { ApiResponse, InitOverrideFunction } from '../generated/runtime';
import { REQUEST_OPTION_KEYS, type KnownKeys } from './input';
import type { Call } from './transport';

/** One call of a generated `…Raw` method, which answers the response as well as the value. */
export type RawOperation<T> = (init: InitOverrideFunction) => Promise<ApiResponse<T>>;

/**
 * How resources make a call: `name` (e.g. `messages.send`) is what errors about the arguments name;
 * `input` is the argument object and the keys it may have. The options and the input are checked
 * before anything is sent (signing in included), so a key the SDK does not know is never dropped.
 */
export type Caller = <T>(
  name: string,
  operation: RawOperation<T>,
  options?: RequestOptions,
  input?: [value: unknown, keys: KnownKeys],
) => ApiPromise<T>;

/** Wraps a transport `Call` (one kind of authentication) into a Caller. */
export function callerOf(call: Call): Caller {
  return (name, operation, options, input) => {
    try {
      input?.[1].check(name, input[0]);
      REQUEST_OPTION_KEYS.check(name, options);
    } catch (error) {
      return ApiPromise.rejected(error);
    }
    // The body is read inside the attempt, so its timeout and retries cover it too.
    return new ApiPromise(
      call(async (init) => {
        const raw = await operation(init);
        return { data: await raw.value(), response: raw.raw };
      }, options),
    );
  };
}

/** The same response with its value passed through `convert`. */
export function mapResponse<T, U>(response: ApiResponse<T>, convert: (value: T) => U): ApiResponse<U> {
  return { raw: response.raw, value: async () => convert(await response.value()) };
}
