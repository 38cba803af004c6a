/**
 * What the command-line tools share: configuration, a migrated database that is always closed
 * again, and the exit-code contract (0 done, 1 failed with a one-line message on stderr).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase, type Database } from '@messaging-app/shared';
import type { Caller } from '../modules/users';
import { loadConfig, type Config } from '../platform/config';
import { AppError } from '../platform/errors/app-error';

type Env = Record<string, string | undefined>;

/** A failure the person running the command can act on; printed as-is, without a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The CLIs sign no tokens, so they get a throw-away JWT secret: a production shell without
 * JWT_SECRET can still seed or create a superuser, and development runs leave no secret file behind.
 * Nor do they build links, so PUBLIC_URL is not asked of them either.
 */
export function loadCliConfig(env: Env): Config {
  return loadConfig(env, { jwtSecret: randomBytes(48).toString('base64'), publicUrl: undefined });
}

/**
 * Who the CLIs act as when they call the services: staff, because whoever can run them already
 * controls the server. The nil UUID matches no real user, so "someone else's account" rules apply.
 */
export const CLI_CALLER: Caller = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'command-line',
  role: 'admin',
  isStaff: true,
};

/** Where the data lives, for messages; never prints a connection string (it may hold a password). */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded PGlite in ${path.resolve(config.pgliteDataDir)}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/** Opens the database the API would use, brings its schema up to date, runs `work`, and closes it. */
export async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  // With the embedded database, opening it fails with a clear message while the API holds the folder.
  const db = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolMax: 2 });
  try {
    await db.migrate(SILENT_MIGRATIONS);
    return await work(db);
  } finally {
    await db.close();
  }
}

// Umzug logs every migration to the console by default; the CLIs' output should be their own report.
const quiet = () => undefined;
const SILENT_MIGRATIONS = { info: quiet, warn: quiet, error: quiet, debug: quiet };

/** One line, whatever was thrown: ours and the API's errors carry a message meant for people. */
export function describeFailure(error: unknown): string {
  if (error instanceof CliError || error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] || 'unknown error';
}

/**
 * Runs a command's main function: exit code 0 when it resolves, 1 with `name: message` on stderr
 * when it throws. Sets process.exitCode rather than calling process.exit so buffered output is flushed.
 */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${describeFailure(error)}\n`);
      process.exitCode = 1;
    },
  );
}
