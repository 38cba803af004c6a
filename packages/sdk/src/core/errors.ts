import { FetchError, ResponseError } from '../generated/runtime';

/** What the API documents for every failure: `{ "error": { "code", "message", "details"? } }`. */
export interface ApiErrorFields {
  status: number;
  code: string;
  message: string;
  /** As the API sent them: keyed by the API's snake_case field names. */
  details?: Record<string, unknown>;
  requestId?: string;
  /** The response body as received: parsed JSON when it was JSON, otherwise the text. */
  body?: unknown;
  headers?: Headers;
}

/** The base of every error the SDK throws, so `catch (e) { if (e instanceof MessagingError) … }` catches them all. */
export class MessagingError extends Error {
  override name = 'MessagingError';
}

/** The API answered with a non-2xx status. Subclasses narrow it by status. */
export class ApiError extends MessagingError {
  override name = 'ApiError';
  readonly status: number;
  /** The API's machine-readable code, e.g. `validation_failed` or `not_found`. */
  readonly code: string;
  /**
   * What was wrong with which input, keyed by the SDK's names (`messageBody`, `participantIds[0]`), the
   * names you passed; `rawDetails` has the API's own keys (`message_body`, `participant_ids.$0`).
   */
  readonly details?: Record<string, unknown>;
  /** `details` exactly as the API sent them, keyed by its snake_case wire names. */
  readonly rawDetails?: Record<string, unknown>;
  /** The `X-Request-Id` of the failed response: quote it when reporting a problem. */
  readonly requestId?: string;
  readonly body?: unknown;
  readonly headers?: Headers;

  constructor(fields: ApiErrorFields) {
    super(fields.message);
    this.status = fields.status;
    this.code = fields.code;
    this.rawDetails = fields.details;
    this.details = fields.details === undefined ? undefined : detailsInSdkCasing(fields.details);
    this.requestId = fields.requestId;
    this.body = fields.body;
    this.headers = fields.headers;
  }
}

/** 400 or 422: the request was malformed or failed validation; `details` names the fields. */
export class ValidationError extends ApiError {
  override name = 'ValidationError';
}

/** 401: missing, invalid or expired credentials, after the SDK already tried to refresh them. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}

/** 403 */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}

/** 404 (also a page past the end of a list). */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}

/** 409, e.g. a username or email that is taken. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}

/** 429 */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  /** Seconds the server asked us to wait (`Retry-After`), when it said. */
  readonly retryAfter?: number;

  constructor(fields: ApiErrorFields) {
    super(fields);
    this.retryAfter = fields.headers ? parseRetryAfter(fields.headers) : undefined;
  }
}

/** 5xx */
export class ServerError extends ApiError {
  override name = 'ServerError';
}

/** The request never got an HTTP answer: DNS, refused connection, reset, CORS, offline. */
export class ConnectionError extends MessagingError {
  override name = 'ConnectionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No answer within the request's `timeout`. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

/**
 * An argument the SDK cannot send as given (a key it does not know, an invalid Date), found before
 * anything is sent. TypeScript catches most of these at compile time; this is for plain JavaScript,
 * and for objects built at run time.
 */
export class InvalidInputError extends MessagingError {
  override name = 'InvalidInputError';
  /** The method that was called, e.g. `messages.send`. */
  readonly operation: string;
  /** What is wrong with each key, by the name the caller used (e.g. `{ colour: 'Unknown key …' }`). */
  readonly details: Record<string, string>;

  constructor(operation: string, details: Record<string, string>) {
    const problems = Object.entries(details).map(([key, problem]) => `${key}: ${problem}`);
    super(`Invalid input to ${operation}, so nothing was sent. ${problems.join(' ')}`);
    this.operation = operation;
    this.details = details;
  }
}

type ApiErrorClass = new (fields: ApiErrorFields) => ApiError;

function classForStatus(status: number): ApiErrorClass {
  if (status === 400 || status === 422) return ValidationError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return ApiError;
}

/** `Retry-After` is either delay-seconds or an HTTP date; answers seconds from now. */
export function parseRetryAfter(headers: Headers): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

async function readBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  } catch {
    // The body can be gone (aborted or already read); status and headers are still worth reporting.
    return undefined;
  }
}

function errorFieldsOf(body: unknown): { code?: string; message?: string; details?: Record<string, unknown> } {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message, details } = error as Record<string, unknown>;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
    details: typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
  };
}

/** `participant_ids.$0` (the API's name of a field, or of an item in an array field) → `participantIds[0]`. */
function sdkFieldName(apiName: string): string {
  return apiName
    .split('.')
    .map((segment) =>
      /^\$\d+$/.test(segment) ? `[${segment.slice(1)}]` : segment.replace(/_+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
    )
    .join('.')
    .replace(/\.\[/g, '[');
}

function detailsInSdkCasing(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [sdkFieldName(key), value]));
}

/**
 * The API's message followed by what its details say, field by field in the SDK's names, so the
 * whole story reaches `error.message` (and every log line that prints it): "The request is invalid."
 * alone does not say that `messageBody` is too long. A detail the message already says is left out.
 */
function messageWithDetails(message: string, details: Record<string, unknown> | undefined): string {
  if (!details) return message;
  const said = Object.entries(details)
    .map(([field, value]) => [field, typeof value === 'string' ? value.trim() : JSON.stringify(value)] as const)
    .filter(([, text]) => text && !message.includes(text))
    .map(([field, text]) => `${sdkFieldName(field)}: ${/[.!?]$/.test(text) ? text : `${text}.`}`);
  return said.length === 0 ? message : `${message} ${said.join(' ')}`;
}

/** Builds the typed error for an HTTP error response, whatever shape its body has. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const body = await readBody(response);
  const fields = errorFieldsOf(body);
  const ErrorClass = classForStatus(response.status);
  const apiMessage =
    fields.message ?? `Request failed with status ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  return new ErrorClass({
    status: response.status,
    code: fields.code ?? `http_${response.status}`,
    message: messageWithDetails(apiMessage, fields.details),
    details: fields.details,
    requestId: response.headers.get('x-request-id') ?? undefined,
    body,
    headers: response.headers,
  });
}

/** The error for a `fetch` that rejected without an HTTP answer. */
export function connectionError(cause: unknown): ConnectionError {
  return new ConnectionError(`Could not reach the API: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
}

/**
 * The one place where failures of the generated client become SDK errors: typescript-fetch throws
 * `ResponseError` for non-2xx answers and `FetchError` when `fetch` itself rejected. `timedOut` says
 * our timer aborted the attempt (which can also surface as an AbortError while reading a body).
 * Anything else (a missing required parameter, a bug) is passed through untouched.
 */
export async function toSdkError(error: unknown, { timedOut }: { timedOut: boolean }): Promise<unknown> {
  if (error instanceof ResponseError) return apiErrorFromResponse(error.response);
  const cause = error instanceof FetchError ? error.cause : error;
  if (timedOut) return new TimeoutError('The request timed out.', { cause });
  if (cause instanceof MessagingError) return cause;
  return error instanceof FetchError ? connectionError(cause) : error;
}
