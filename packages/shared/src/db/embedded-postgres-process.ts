/**
 * Child-process entry for spawnEmbeddedPostgres: owns the PGlite instance and its socket server.
 * It exits when told to (SIGTERM/SIGINT) or when its parent goes away, so no orphan keeps the
 * data folder locked.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

async function main(): Promise<void> {
  const dataDir = process.env.EMBEDDED_PG_DATA_DIR ?? 'memory://';
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    port: Number(process.env.EMBEDDED_PG_PORT ?? 0),
    host: process.env.EMBEDDED_PG_HOST ?? '127.0.0.1',
    maxConnections: Number(process.env.EMBEDDED_PG_MAX_CONNECTIONS ?? 4),
  });
  await server.start();
  await db.query('SELECT 1');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);

  const [host, port] = server.getServerConn().split(':');
  process.send?.({ type: 'ready', url: `postgres://postgres:postgres@${host}:${port}/postgres` });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
