import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
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

  const shutdown = (signal: string) => {
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
