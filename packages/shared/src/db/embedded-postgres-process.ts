/**
 * Child-process entry for spawnEmbeddedPostgres: owns the PGlite instance and its socket server.
 * It exits when told to (SIGTERM/SIGINT) or when its parent goes away, so no orphan keeps the
 * data folder locked.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its data folder: a second process would open it and the two would corrupt
 * each other's writes. This lock file names the owning process; one left by a crashed process (its
 * pid no longer alive) is taken over. Returns the release function.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'messaging-app.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(lockFile, 'utf8').trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `the data folder ${path.resolve(dataDir)} is in use by process ${owner}: only one process may open it (stop the API first)`,
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => {
    try {
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

/**
 * pg_trgm and btree_gin back message search (migration message-search-and-counts); PGlite ships them
 * as contrib extensions. Required by their package subpaths, which Node resolves but this package's
 * TypeScript module resolution (node10) cannot see.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
const { btree_gin } = require('@electric-sql/pglite/contrib/btree_gin') as { btree_gin: Extension };
/* eslint-enable @typescript-eslint/no-require-imports */

async function main(): Promise<void> {
  const dataDir = process.env.EMBEDDED_PG_DATA_DIR ?? 'memory://';
  const unlock = dataDir === 'memory://' ? () => undefined : lockDataDir(dataDir);
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm, btree_gin } });
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
    unlock();
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
