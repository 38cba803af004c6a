import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** A PostgreSQL-compatible server backed by PGlite (WASM Postgres), reachable over TCP. */
export interface EmbeddedPostgres {
  /** `postgres://` connection string for node-postgres / Sequelize. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data, or `memory://` for a throw-away database. */
  dataDir: string;
  /** TCP port; 0 lets the OS pick a free one. */
  port?: number;
  host?: string;
  /**
   * PGlite runs one backend; pglite-socket multiplexes connections onto it but interleaved
   * extended-protocol batches from two busy connections can clobber each other. The app keeps its
   * pool at one connection; the spare slots are for a psql session or a migration tool.
   */
  maxConnections?: number;
}

const CHILD_ENTRY = path.join(__dirname, 'embedded-postgres-process.js');

/**
 * Starts PGlite plus its socket server in a child process, so WASM query execution never blocks
 * the API's event loop, and resolves once the server has answered a real query.
 */
export function spawnEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir !== 'memory://') mkdirSync(options.dataDir, { recursive: true });
  const child = fork(CHILD_ENTRY, [], {
    execArgv: [],
    env: {
      ...process.env,
      EMBEDDED_PG_DATA_DIR: options.dataDir,
      EMBEDDED_PG_PORT: String(options.port ?? 0),
      EMBEDDED_PG_HOST: options.host ?? '127.0.0.1',
      EMBEDDED_PG_MAX_CONNECTIONS: String(options.maxConnections ?? 4),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`Embedded PostgreSQL (PGlite) exited before it was ready (exit code ${code})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (message: { type: string; url?: string; error?: string }) => {
      if (message.type === 'error') {
        child.off('exit', onExit);
        reject(new Error(`Embedded PostgreSQL (PGlite) failed to start: ${message.error}`));
        return;
      }
      if (message.type !== 'ready' || !message.url) return;
      child.off('exit', onExit);
      // The parent must be able to exit while the child still runs; stop() ends it explicitly.
      child.unref();
      child.channel?.unref();
      resolve({
        url: message.url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.ref();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
