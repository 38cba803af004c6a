/**
 * Request ids and request logs (pino-http). Every response carries `X-Request-Id` and every
 * request has `req.log`, a logger bound to it, for whatever it logs on the way (errors).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { routeTemplate } from './route-template';

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** Reuses a caller's request id (so traces line up across services) when it is sane. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** What a request's log lines say of it: enough to trace it, nothing that could hold a credential. */
function requestFields(req: { id: unknown; method?: string; url?: string }) {
  return { id: req.id, method: req.method, url: req.url };
}

/** Known only once the request is answered: who made it and which route took it. */
function outcomeFields(req: IncomingMessage, res: ServerResponse) {
  return { userId: (req as Request).user?.userId, route: routeTemplate(req as Request, res as Response) };
}

export function requestLogging(logger: Logger): RequestHandler {
  if (!logger.isLevelEnabled('info')) {
    // pino-http logs every request at `info`, so above it it would only make a child logger per
    // request (serialising its bindings) that nothing uses unless the request fails: a tenth of
    // users/me's CPU in the benchmark. Here the child is made only when something logs.
    return (req, res, next) => {
      const id = requestId(req, res);
      (req as { id?: unknown }).id = id;
      Object.defineProperty(req, 'log', {
        configurable: true,
        enumerable: false,
        get(this: Request) {
          const log = logger.child({ req: requestFields(this) });
          Object.defineProperty(this, 'log', { value: log, configurable: true, writable: true, enumerable: false });
          return log;
        },
      });
      next();
    };
  }
  return pinoHttp({
    logger,
    genReqId: requestId,
    // Added to the completion line only (customProps would be evaluated, and a child logger made,
    // at the start of every request as well).
    customSuccessObject: (req, res, fields: Record<string, unknown>) => ({ ...outcomeFields(req, res), ...fields }),
    customErrorObject: (req, res, _error, fields: Record<string, unknown>) => ({ ...outcomeFields(req, res), ...fields }),
    serializers: {
      req: requestFields,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
