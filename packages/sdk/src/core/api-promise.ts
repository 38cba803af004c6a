/** The parsed result of a call together with the HTTP response it came from. */
export interface WithResponse<T> {
  data: T;
  /** The response of the attempt that succeeded (its body is already read into `data`). */
  response: Response;
  /** The response's `X-Request-Id`: quote it when reporting a problem, or to find the call in the API's logs. */
  requestId: string | undefined;
  /**
   * True when the API answered from its idempotency store (`Idempotent-Replayed: true`): an earlier
   * request with the same Idempotency-Key already did this, and this is its answer again.
   */
  idempotentReplayed: boolean;
}

/** What an operation hands back before its metadata is read off the response. */
export interface RawResult<T> {
  data: T;
  response: Response;
}

export function withResponseOf<T>({ data, response }: RawResult<T>): WithResponse<T> {
  return {
    data,
    response,
    requestId: response.headers.get('x-request-id') ?? undefined,
    idempotentReplayed: response.headers.get('idempotent-replayed')?.trim().toLowerCase() === 'true',
  };
}

/**
 * What every single-request method returns: a Promise of the result (the request is already on its
 * way), which can also give the HTTP response behind it:
 *
 * ```ts
 * const message = await client.messages.send(id, { messageBody: 'hi' });
 * const { data, requestId, idempotentReplayed } = await client.messages.send(id, { messageBody: 'hi' }).withResponse();
 * ```
 */
export class ApiPromise<T> extends Promise<T> {
  // Promise's own methods must never build an ApiPromise (its constructor takes no executor).
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  private readonly result: Promise<RawResult<T>>;
  // Made on first use, so a caller who only asks for withResponse() does not leave a second
  // promise behind that rejects unhandled when the call fails.
  private dataPromise?: Promise<T>;

  constructor(result: Promise<RawResult<T>>) {
    // The base promise is never used: then/catch/finally answer from `result`.
    super((resolve) => resolve(undefined as T));
    this.result = result;
  }

  /** A call that failed before it was sent (e.g. an unknown key in its input). */
  static rejected<T>(error: unknown): ApiPromise<T> {
    // The error as it was raised (an InvalidInputError), passed on unchanged.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return new ApiPromise<T>(Promise.reject(error));
  }

  /** The result with the response it came from: `{ data, response, requestId, idempotentReplayed }`. */
  withResponse(): Promise<WithResponse<T>> {
    return this.result.then(withResponseOf);
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.data().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.data().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.data().finally(onfinally);
  }

  private data(): Promise<T> {
    this.dataPromise ??= this.result.then(({ data }) => data);
    return this.dataPromise;
  }
}
