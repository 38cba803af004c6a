import { ValidateError } from '@tsoa/runtime';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, type ErrorCode, ERROR_STATUS } from './app-error';
import type { ErrorBody } from './error-body';

function body(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details && Object.keys(details).length > 0 ? { code, message, details } : { code, message } };
}

/** tsoa reports `requestBody.foo` / `body.foo`; clients know the field as `foo`. */
function validationDetails(fields: ValidateError['fields']): Record<string, string> {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const name = key.replace(/^(requestBody|body)\.?/, '') || 'body';
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

function isDatabaseUnavailable(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return (
    name === 'SequelizeConnectionError' ||
    name === 'SequelizeConnectionRefusedError' ||
    name === 'SequelizeConnectionAcquireTimeoutError' ||
    name === 'SequelizeHostNotReachableError' ||
    name === 'SequelizeConnectionTimedOutError'
  );
}

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
    res.status(err.status).json(body(err.code, err.message, err.details));
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
  if (isDatabaseUnavailable(err)) {
    req.log?.error({ err }, 'database unavailable');
    res.set('Retry-After', '5');
    res.status(503).json(body('service_unavailable', 'The service is temporarily unavailable. Try again shortly.'));
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json(body('internal_error', 'An unexpected error occurred.'));
};
