import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '@messaging-app/shared';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Config } from './config';
import { AppError } from './errors/app-error';
import { errorHandler, notFoundHandler } from './errors/error-handler';
import { methodNotAllowed } from './errors/method-not-allowed';
import { RegisterRoutes } from './generated/routes';
import { createServices, type Services } from './services';

export const API_PREFIX = '/api/v1';
export const SPEC_PATH = path.resolve(__dirname, '..', '..', '..', 'openapi', 'openapi.json');

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
}

/**
 * Browsers on the configured origins may call the API (bearer tokens, never cookies, so no
 * credentials mode) and read the headers a client needs: the request id and the rate-limit state.
 * With no origins configured, no CORS headers are sent at all.
 */
function corsOptions(config: Config): cors.CorsOptions {
  return {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  };
}

export function createApp({ config, db, logger }: { config: Config; db: Database; logger: Logger }): { app: Express; services: Services } {
  const app = express();
  const services = createServices(config, db);
  app.locals.services = services;
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');

  app.use(
    pinoHttp({
      logger,
      // Reuse a caller's request id (so traces line up across services) when it is sane.
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (req) => ({ userId: (req as express.Request).user?.userId }),
      // One compact line per request: enough to trace it, nothing that could hold a credential.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet());
  app.use(cors(corsOptions(config)));
  // A body in any other format would be silently ignored by the JSON parser; say so instead.
  app.use((req, _res, next) => {
    const hasContent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasContent && req.is(['application/json', 'application/*+json']) === false) {
      return next(new AppError('unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.'));
    }
    next();
  });
  app.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const spec = loadSpec();
  app.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(spec);
  });
  app.use(
    '/api/docs',
    swaggerUi.serveFiles(spec),
    swaggerUi.setup(spec, { customSiteTitle: 'Messaging API', swaggerOptions: { persistAuthorization: true } }),
  );

  app.use(methodNotAllowed(spec, API_PREFIX));
  const router = express.Router();
  RegisterRoutes(router);
  app.use(API_PREFIX, router);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, services };
}
