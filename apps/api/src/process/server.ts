import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { openDatabase, type Database } from '@messaging-app/shared';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp, createMetricsApp, type App } from '../app/create-app';
import type { Config } from '../platform/config';
import { createLogger } from '../platform/observability/logger';
import { metricsExposure } from '../platform/observability/metrics';
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

/** What Node itself answers to requests its parser refuses, besides a plain 400. */
const PARSER_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * Requests Node's HTTP parser refuses before express sees them (a NUL or another byte HTTP forbids in a
 * header, a malformed request line) are answered in the API's one error shape, not a bare
 * "400 Bad Request". Oversized headers and timeouts keep Node's own status; a reset socket is just closed.
 */
function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const status = error.code !== undefined ? PARSER_STATUS[error.code] : undefined;
    if (status) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const body = JSON.stringify({
      error: {
        code: 'validation_failed',
        message:
          'The request could not be parsed as HTTP (a header holds a byte HTTP does not allow, such as NUL, or the request line is malformed).',
      },
    });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function listen(app: Express, port: number, host: string): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({ server, url: `http://${reachableHost}:${address.port}` });
    });
    server.once('error', reject);
    answerUnparsableRequests(server);
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
    options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolMax: config.dbPoolMax }));
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
