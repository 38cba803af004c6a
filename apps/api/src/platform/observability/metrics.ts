/**
 * Prometheus metrics (prom-client). Each app gets its own registry rather than prom-client's global
 * one, so several apps (tests) can live in one process without clashing metric names.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '@messaging-app/shared';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config';
import { AppError } from '../errors/app-error';
import { routeTemplate } from './route-template';

/**
 * What the domain reports. Services receive this interface, not prom-client, so they stay
 * decoupled from the metrics library (and CLIs pass `noDomainMetrics`).
 */
export interface DomainMetrics {
  messageSent(): void;
  /**
   * For the realtime endpoints (server-sent events, WebSockets): call when a stream opens, and call
   * the returned function once when it closes.
   */
  eventStreamOpened(): () => void;
}

export const noDomainMetrics: DomainMetrics = {
  messageSent: () => undefined,
  eventStreamOpened: () => () => undefined,
};

export interface Metrics extends DomainMetrics {
  registry: Registry;
  /** Counts and times every request, labelled by method, route template and status. */
  httpMiddleware: RequestHandler;
}

/** Buckets in seconds: most API calls take milliseconds; sign-ins (argon2) take tens of them. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(db: Pick<Database, 'poolStats'>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered.', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response.',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const messagesSent = new Counter({ name: 'messages_sent_total', help: 'Messages sent.', registers: [registry] });
  const eventStreams = new Gauge({ name: 'event_streams_open', help: 'Realtime event streams open now.', registers: [registry] });
  registerPoolGauges(registry, db);

  // prom-client hashes a label set on every call; the set of (method, route, status) is small and
  // fixed by the routes, so each one's series are looked up once and kept.
  const series = new Map<string, { count(): void; observe(seconds: number): void }>();
  const seriesOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (!found) {
      const labels = { method, route, status: String(status) };
      const counted = requests.labels(labels);
      const timed = duration.labels(labels);
      found = { count: () => counted.inc(), observe: (seconds) => timed.observe(seconds) };
      series.set(key, found);
    }
    return found;
  };

  return {
    registry,
    httpMiddleware: (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const answered = seriesOf(req.method, routeTemplate(req, res), res.statusCode);
        answered.count();
        answered.observe(Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    messageSent: () => messagesSent.inc(),
    eventStreamOpened: () => {
      eventStreams.inc();
      let open = true;
      return () => {
        if (open) eventStreams.dec();
        open = false;
      };
    },
  };
}

/** Read from the pool at scrape time, so they are never stale. */
function registerPoolGauges(registry: Registry, db: Pick<Database, 'poolStats'>): void {
  const gauges = [
    ['db_pool_connections_open', 'Database connections open (in use plus idle).', 'open'],
    ['db_pool_connections_idle', 'Database connections open and idle.', 'idle'],
    ['db_pool_connections_in_use', 'Database connections running a query or transaction.', 'inUse'],
    ['db_pool_requests_waiting', 'Queries waiting for a free database connection.', 'waiting'],
    ['db_pool_connections_max', 'Most database connections the pool may open.', 'max'],
  ] as const;
  for (const [name, help, stat] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(db.poolStats()[stat]);
      },
    });
  }
}

/**
 * Where /metrics is served: on the API's own port (with METRICS_TOKEN, or open outside production),
 * on a separate listener (METRICS_PORT), or nowhere: production never exposes it unprotected.
 */
export type MetricsExposure = 'api-port' | 'metrics-port' | 'disabled';

export function metricsExposure(config: Pick<Config, 'nodeEnv' | 'metricsToken' | 'metricsPort'>): MetricsExposure {
  if (config.metricsPort !== undefined) return 'metrics-port';
  if (config.metricsToken !== undefined || config.nodeEnv !== 'production') return 'api-port';
  return 'disabled';
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** GET /metrics in Prometheus' text format, behind `Authorization: Bearer <METRICS_TOKEN>` when one is set. */
export function metricsEndpoint(registry: Registry, token: string | undefined): RequestHandler {
  return async (req, res, next) => {
    if (token !== undefined && !tokenMatches(req.headers.authorization, token)) {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      return next(new AppError('unauthorized', 'The metrics endpoint needs the METRICS_TOKEN as a bearer token.'));
    }
    try {
      const body = await registry.metrics();
      res.set('Content-Type', registry.contentType).send(body);
    } catch (error) {
      next(error);
    }
  };
}
