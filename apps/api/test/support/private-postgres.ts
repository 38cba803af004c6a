/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, its own port), so a test can
 * stop and restart the database for real without disturbing the suites running beside it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './processes';

/** The newest installed server binaries (Debian keeps them in /usr/lib/postgresql/<major>/bin), or PG_BINDIR. */
function findBinDir(): string | undefined {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(root, majors[0], 'bin') : undefined;
}

const BIN_DIR = findBinDir();

/**
 * Tests that stop a database need PostgreSQL's server binaries. CI has them and sets
 * REQUIRE_POSTGRES=1, so there a missing install fails the run instead of skipping.
 */
export const postgresAvailable = BIN_DIR !== undefined;
if (!postgresAvailable && process.env.REQUIRE_POSTGRES === '1') {
  throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found (apt-get install postgresql, or set PG_BINDIR)');
}
export const describeWithPostgres = postgresAvailable ? describe : describe.skip;

export interface PrivatePostgres {
  url: string;
  /** Fast shutdown, as an operator or an orchestrator does it: sessions are terminated. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** PostgreSQL refuses to run as root: run its programs as the postgres user then. Asynchronous, so requests keep flowing meanwhile. */
async function run(program: string, args: string[]): Promise<void> {
  const binary = path.join(BIN_DIR!, program);
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  await promisify(execFile)(command, commandArgs);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(path.join(tmpdir(), 'messaging-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, uid);
  }
  const data = path.join(root, 'data');
  const port = await freePort();
  await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let running = false;
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', 'start']);
      running = true;
    },
    async stop() {
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
