/** The closed set of error codes clients can branch on; each maps to exactly one HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An operational failure the client caused or can act on. Anything else thrown is a bug (500). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  /** Headers the answer carries, e.g. Retry-After and RateLimit on a 429. */
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, headers?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const unauthorized = (message = 'Authentication credentials were not provided or are invalid.') =>
  new AppError('unauthorized', message);
export const validationFailed = (message: string, details?: Record<string, unknown>) => new AppError('validation_failed', message, details);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError('conflict', message, details);
