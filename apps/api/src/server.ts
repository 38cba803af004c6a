import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '@messaging-app/shared';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Config } from './config';
import { createLogger } from './logger';
import { drainable } from './shutdown';

export interface RunningServer {
  url: string;
  server: Server;
  db: Database;
  logger: Logger;
  stop(): Promise<void>;
}

/** Opens the database (embedded when no DATABASE_URL), applies migrations, and listens. */
export async function startServer(config: Config, options: { logger?: Logger; db?: Database } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const db =
    options.db ??
    (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolMax: config.dbPoolMax }));
  try {
    const applied = await db.migrate();
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } catch (error) {
    await db.close();
    throw error;
  }

  const { app } = createApp({ config, db, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const shutdown = drainable(server);
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  let stopping: Promise<void> | undefined;
  /** Stops listening, lets requests in flight finish (up to the grace period), then closes the pool. */
  const stop = () => {
    stopping ??= (async () => {
      // Issue 8's readiness check should start failing here, before draining, so a load balancer
      // stops routing to this instance while it finishes what it has.
      await shutdown.drain(config.shutdownGraceSeconds * 1000);
      await db.close();
    })();
    return stopping;
  };
  return { url: `http://${host}:${port}`, server, db, logger, stop };
}
