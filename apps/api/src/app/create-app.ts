import path from 'node:path';
import type { Database } from '@messaging-app/shared';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { ADMIN_PANEL_PATH, createAdminPanel } from '../modules/admin';
import type { Config } from '../platform/config';
import { noStore } from '../platform/http/cache-control';
import { countStringLengthsInCodePoints } from '../platform/http/string-lengths';
import { refuseUnstorableText } from '../platform/http/text-input';
import { AppError } from '../platform/errors/app-error';
import { errorHandler, notFoundHandler } from '../platform/errors/error-handler';
import { methodNotAllowed } from '../platform/errors/method-not-allowed';
import { RegisterRoutes } from '../generated/routes';
import { createMetrics, metricsEndpoint, metricsExposure, type Metrics } from '../platform/observability/metrics';
import { readinessEndpoint } from '../platform/observability/readiness';
import { requestLogging } from '../platform/observability/request-logging';
import { rememberMountPath } from '../platform/observability/route-template';
import { installAuthenticator } from '../platform/http/authenticator';
import { installControllers } from '../platform/http/controllers';
import { configureLinks } from '../platform/http/links';
import { loadSpec } from '../platform/http/openapi-spec';
import { installRateLimiters } from '../platform/rate-limits/rate-limiters';
import { compose, type Composition } from './composition-root';

export const API_PREFIX = '/api/v1';
/** The demo page's static files (served as they are: no build step). */
export const DEMO_DIR = path.resolve(__dirname, '..', '..', 'public', 'demo');

/**
 * The SDK's browser build, which the demo page runs: the `@messaging-app/sdk/browser` entry of the SDK,
 * an optional peer of the API (its own tests start the API, so it cannot be a dependency). Undefined
 * when the SDK is not installed or not built; the demo then has no client and says so.
 */
export function sdkBrowserDir(): string | undefined {
  try {
    return path.dirname(require.resolve('@messaging-app/sdk/browser'));
  } catch {
    return undefined;
  }
}

/**
 * Browsers on the configured origins may call the API (bearer tokens, never cookies, so no
 * credentials mode) and read the headers a client needs: the request id, the rate-limit state, and
 * whether an idempotent POST was replayed (the SDK's withResponse() reports it).
 * With no origins configured, no CORS headers are sent at all.
 */
function corsOptions(config: Config): cors.CorsOptions {
  return {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed'],
    maxAge: 600,
  };
}

/**
 * Every answer under /api/v1 is someone's data or credentials (tokens, profiles, messages), or an
 * error about their account. Set before anything can fail (the body parser included), so errors carry
 * it too. The spec alone is public and cacheable.
 */
const noStoreButTheSpec: RequestHandler = (req, res, next) => (req.path === '/openapi.json' ? next() : noStore(req, res, next));

export interface App {
  app: Express;
  services: Composition;
  metrics: Metrics;
  /** Releases what the app holds besides the database (the admin panel's session clean-up timer). */
  close(): void;
  /**
   * Ends the realtime event streams (they would otherwise hold a graceful shutdown for its whole grace
   * period) and the change listeners' connections; requests still draining authenticate from the database.
   */
  closeStreams(): Promise<void>;
}

/** Async because the admin panel's library (AdminJS) is ESM and loads with a dynamic import. */
export async function createApp({ config, db, logger }: { config: Config; db: Database; logger: Logger }): Promise<App> {
  countStringLengthsInCodePoints();
  const app = express();
  const metrics = createMetrics(db);
  const services = compose(config, db, metrics, logger);
  await services.events.start();
  services.accountStates.start();
  installControllers(app, services.controllers);
  installAuthenticator(app, services.authenticator);
  installRateLimiters(app, services.rateLimiters);
  configureLinks(app, config.publicUrl);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');

  app.use(metrics.httpMiddleware);
  app.use(requestLogging(logger));
  // The staff panel brings its own security headers, session and form parsing, so it goes before the API's.
  const panel = config.adminPanel
    ? createAdminPanel({ config, db, admin: services.admin, rateLimiters: services.rateLimiters, logger })
    : undefined;
  if (panel) app.use(ADMIN_PANEL_PATH, rememberMountPath, panel.router);

  app.use(helmet());
  app.use(cors(corsOptions(config)));
  app.use(API_PREFIX, noStoreButTheSpec);
  // A body in any other format would be silently ignored by the JSON parser; say so instead.
  app.use((req, _res, next) => {
    const hasContent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasContent && req.is(['application/json', 'application/*+json']) === false) {
      return next(new AppError('unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.'));
    }
    next();
  });
  app.use(express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }));
  const spec = loadSpec();
  app.use(refuseUnstorableText(spec, API_PREFIX));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', readinessEndpoint(db));
  if (metricsExposure(config) === 'api-port') app.get('/metrics', metricsEndpoint(metrics.registry, config.metricsToken));

  app.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(spec);
  });
  app.use(
    '/api/docs',
    rememberMountPath,
    swaggerUi.serveFiles(spec),
    swaggerUi.setup(spec, { customSiteTitle: 'Messaging API', swaggerOptions: { persistAuthorization: true } }),
  );

  const sdkDir = config.demoPage ? sdkBrowserDir() : undefined;
  if (config.demoPage) {
    if (sdkDir) app.use('/demo/sdk', express.static(sdkDir, { fallthrough: true }));
    app.use('/demo', express.static(DEMO_DIR));
  }

  app.use(methodNotAllowed(spec, API_PREFIX));
  const router = express.Router();
  RegisterRoutes(router);
  app.use(API_PREFIX, rememberMountPath, router);

  app.use(notFoundHandler);
  app.use(errorHandler);
  const closeStreams = async () => {
    await Promise.all([services.events.close(), services.accountStates.close()]);
  };
  return { app, services, metrics, close: () => panel?.close(), closeStreams };
}

/** /metrics alone, for METRICS_PORT: a listener that can stay private to the monitoring network. */
export function createMetricsApp(metrics: Metrics, token: string | undefined): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsEndpoint(metrics.registry, token));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
