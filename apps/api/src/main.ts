import cluster from 'node:cluster';
import { runPrimary } from './process/cluster';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/observability/logger';
import { startServer } from './process/server';

async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isPrimary && config.webConcurrency > 1) {
    const logger = createLogger(config);
    if (config.databaseUrl) {
      runPrimary(config.webConcurrency, logger);
      return;
    }
    // One PGlite backend behind one socket: a second process would be a second writer.
    logger.warn(
      { webConcurrency: config.webConcurrency },
      `running one process, not ${config.webConcurrency}: WEB_CONCURRENCY needs DATABASE_URL (PostgreSQL); the embedded database serves one process only`,
    );
  }
  const running = await startServer(config);
  const { logger } = running;
  logger.info(
    {
      url: running.url,
      database: running.db.kind === 'pglite' ? `embedded PGlite (${config.pgliteDataDir})` : 'PostgreSQL (DATABASE_URL)',
      jwtSecret: config.jwtSecretSource,
      docs: `${running.url}/api/docs`,
    },
    `messaging API listening on ${running.url} (Swagger UI: ${running.url}/api/docs)`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    // Ctrl-C reaches every process of a cluster, and the primary forwards a SIGTERM too: drain once.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  // Requests' failures reach the error handler; a rejection nobody handled comes from background
  // work, such as the connection pool discarding connections a stopped database broke. Log it and
  // keep serving: dying would turn a database outage the API rides out into an API outage.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Failed to start the messaging API:', error);
  }
  process.exit(1);
});
