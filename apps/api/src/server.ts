import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '@messaging-app/shared';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp, createMetricsApp, type App } from './app';
import type { Config } from './config';
import { createLogger } from './logger';
import { metricsExposure } from './observability/metrics';
import { drainable } from './shutdown';

export interface RunningServer {
  url: string;
  /** Where /metrics is served when METRICS_PORT gives it a listener of its own. */
  metricsUrl?: string;
  server: Server;
  db: Database;
  logger: Logger;
  stop(): Promise<void>;
}

function listen(app: Express, port: number, host: string): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({ server, url: `http://${reachableHost}:${address.port}` });
    });
    server.once('error', reject);
  });
}

function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Opens the database (embedded when no DATABASE_URL), applies migrations, and listens. */
export async function startServer(config: Config, options: { logger?: Logger; db?: Database } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const db =
    options.db ??
    (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolMax: config.dbPoolMax }));
  let app: App | undefined;
  let main: { server: Server; url: string } | undefined;
  let metrics: { server: Server; url: string } | undefined;
  try {
    const applied = await db.migrate();
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    app = await createApp({ config, db, logger });
    main = await listen(app.app, config.port, config.host);
    const exposure = metricsExposure(config);
    if (exposure === 'metrics-port') {
      metrics = await listen(createMetricsApp(app.metrics, config.metricsToken), config.metricsPort ?? 0, config.host);
    } else if (exposure === 'disabled') {
      logger.warn('/metrics is off: in production it needs METRICS_TOKEN, or METRICS_PORT for a listener of its own');
    }
  } catch (error) {
    await close(main?.server);
    await app?.closeStreams();
    app?.close();
    await db.close();
    throw error;
  }

  const running = { app, main };
  const shutdown = drainable(main.server);
  let stopping: Promise<void> | undefined;
  /** Stops listening, lets requests in flight finish (up to the grace period), then closes the pool. */
  const stop = () => {
    stopping ??= (async () => {
      await running.app.closeStreams();
      await Promise.all([shutdown.drain(config.shutdownGraceSeconds * 1000), close(metrics?.server)]);
      running.app.close();
      await db.close();
    })();
    return stopping;
  };
  return { url: main.url, metricsUrl: metrics?.url, server: main.server, db, logger, stop };
}
