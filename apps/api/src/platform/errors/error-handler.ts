import { ValidateError } from '@tsoa/runtime';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, type ErrorCode, ERROR_STATUS } from './app-error';
import type { ErrorBody } from './error-body';

function body(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details && Object.keys(details).length > 0 ? { code, message, details } : { code, message } };
}

/**
 * tsoa reports `requestBody.foo` / `body.foo` for a body's fields and `query.foo` for those of a
 * `@Queries() query` object (every controller names it so); clients know each as `foo`.
 */
function validationDetails(fields: ValidateError['fields']): Record<string, string> {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const name = key.replace(/^(requestBody|body|query)\.?/, '') || 'body';
    details[name] = value.message;
  }
  return details;
}

/** Errors raised by express's body parser carry `type` and a 4xx `status`. */
function bodyParserError(err: unknown): { code: ErrorCode; message: string } | undefined {
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.parse.failed') return { code: 'invalid_json', message: 'The request body is not valid JSON.' };
  if (type === 'entity.too.large') return { code: 'payload_too_large', message: 'The request body is too large.' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { code: 'unsupported_media_type', message: 'The request body encoding is not supported.' };
  }
  return undefined;
}

const CONNECTION_ERRORS = new Set([
  'SequelizeConnectionError',
  'SequelizeConnectionRefusedError',
  'SequelizeConnectionAcquireTimeoutError',
  'SequelizeHostNotReachableError',
  'SequelizeConnectionTimedOutError',
]);

/**
 * SQLSTATEs that mean the server went away or will not take us right now, not that the query was
 * wrong: connection exceptions (class 08), operator intervention (57P01 admin shutdown, 57P02 crash
 * shutdown, 57P03 cannot connect now) and too many connections.
 */
const UNAVAILABLE_SQLSTATES = /^(08\w{3}|57P0[123]|53300)$/;

/** The database is down or restarting: a 503 the client can retry, not a bug. */
function isDatabaseUnavailable(err: unknown): boolean {
  const error = err as DriverError | undefined;
  // Sequelize wraps driver errors (parent/original); a failed ROLLBACK on a dropped connection can also
  // surface as node-postgres's own Error, unwrapped. Any of them saying "the server is gone" counts.
  return [error, error?.parent, error?.original].some((candidate) => {
    if (!candidate) return false;
    if (typeof candidate.name === 'string' && CONNECTION_ERRORS.has(candidate.name)) return true;
    if (typeof candidate.code === 'string' && (UNAVAILABLE_SQLSTATES.test(candidate.code) || SOCKET_ERRORS.has(candidate.code)))
      return true;
    // node-postgres reports a connection dropped mid-query without a SQLSTATE.
    return typeof candidate.message === 'string' && /Connection terminated|connection is closed|not queryable/i.test(candidate.message);
  });
}

interface DriverError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  parent?: DriverError;
  original?: DriverError;
}

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(body('not_found', `No route matches ${req.method} ${req.path}.`));
};

/**
 * The one place errors become HTTP responses. Client-caused failures get their 4xx; anything
 * unexpected is logged with its stack and answered with a generic 500 that leaks nothing.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);

  if (err instanceof ValidateError) {
    res.status(400).json(body('validation_failed', 'The request is invalid.', validationDetails(err.fields)));
    return;
  }
  if (err instanceof AppError) {
    if (err.headers) res.set(err.headers);
    res.status(err.status).json(body(err.code, err.message, err.details));
    return;
  }
  // Before the status checks below: tsoa's authentication middleware stamps status 401 on whatever
  // the user lookup threw, so a database outage during authentication would otherwise read as 401.
  if (isDatabaseUnavailable(err)) {
    req.log?.error({ err }, 'database unavailable');
    res.set('Retry-After', '5');
    res.status(503).json(body('service_unavailable', 'The service is temporarily unavailable. Try again shortly.'));
    return;
  }
  const parserError = bodyParserError(err);
  if (parserError) {
    res.status(ERROR_STATUS[parserError.code]).json(body(parserError.code, parserError.message));
    return;
  }
  // Authentication rejections from tsoa's middleware arrive as Errors carrying a status.
  const status = (err as { status?: unknown })?.status;
  if (status === 401 || status === 403) {
    const code: ErrorCode = status === 401 ? 'unauthorized' : 'forbidden';
    res.status(status).json(body(code, (err as Error).message));
    return;
  }
  // Express and its body parser reject what they cannot decode (a corrupt gzip body, a path that is
  // not valid percent-encoding) with a bare 400: the client's mistake, not a 500.
  if (status === 400) {
    res.status(400).json(body('validation_failed', 'The request could not be decoded (malformed body encoding or URL).'));
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json(body('internal_error', 'An unexpected error occurred.'));
};
