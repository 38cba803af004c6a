/**
 * Starts the server under test as a child process of its own (never two at once), waits until it
 * answers, and reads its peak resident memory before stopping it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ServerKind = 'ours' | 'baseline';

export const ENTRY_POINTS: Record<ServerKind, string> = {
  ours: path.join(path.dirname(require.resolve('@messaging-app/api/package.json')), 'dist', 'main.js'),
  baseline: path.join(__dirname, 'baseline', 'server.js'),
};

export interface ServerSettings {
  databaseUrl: string;
  port: number;
  jwtSecret: string;
  /** Write a V8 CPU profile of each server process into this folder. */
  cpuProfDir?: string;
  /** API processes for ours (WEB_CONCURRENCY); 1 unless the process comparison asks for more. The baseline is always one. */
  workers?: number;
  /** Leave out the admin panel (ADMIN_PANEL=false): the smoke run's many short-lived servers start faster without its bundling. */
  noAdminPanel?: boolean;
}

export interface RunningServer {
  kind: ServerKind;
  url: string;
  /** Peak resident set size so far (VmHWM), in bytes; undefined where /proc is not available. */
  peakRssBytes(): number | undefined;
  /** CPU seconds (user + system) the process has used so far; undefined where /proc is not available. */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

/** A port that was free a moment ago; both servers use it, so their pagination links are identical. */
export { freePort } from '@messaging-app/shared';

/** The process and its descendants (a cluster's primary and workers). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Gone, or no /proc.
    }
  }
  return pids;
}

/** The sum over a process tree, undefined when nothing could be read. */
function sumOver(pid: number, read: (pid: number) => number | undefined): number | undefined {
  const values = processTree(pid)
    .map(read)
    .filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

function readPeakRss(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Linux reports CPU times in USER_HZ ticks, which is 100 on every architecture Node runs on. */
const USER_HZ = 100;

function readCpuSeconds(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces; fields after it are space-separated, utime and stime 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return undefined;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  child.once('exit', () => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The server exited with code ${child.exitCode} before it answered ${url}/healthz`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * A cluster answers as soon as its first worker listens; the others fork after that. Waits until
 * they all exist, then long enough for them to listen (they log that at info, which the benchmark
 * turns off), so the measured run is not partly one process.
 */
async function allWorkersStarted(child: ChildProcess, workers: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processTree(child.pid as number).length < workers + 1) {
    if (Date.now() > deadline) throw new Error(`The API did not start ${workers} workers within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, WORKER_SETTLE_MS));
}

const WORKER_SETTLE_MS = 4000;

export async function startServer(kind: ServerKind, settings: ServerSettings): Promise<RunningServer> {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(settings.port),
    DATABASE_URL: settings.databaseUrl,
    JWT_SECRET: settings.jwtSecret,
    // Required in production; the address the load is sent to, so links read as the baseline's do.
    PUBLIC_URL: `http://127.0.0.1:${settings.port}`,
    LOG_LEVEL: 'warn',
    // Rate limits stay on, so ours pays their counters, but high enough that the scenarios measure
    // what they are named after: the defaults answer 429 after five sends a minute, and 32 sign-ins in
    // flight from one address outrun the per-address counter before successes are taken off it.
    RATE_LIMIT_MESSAGES_PER_USER: '100000000/1m',
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000000/1m',
    RATE_LIMIT_SIGN_IN_PER_IP: '100000000/1m',
    ...(settings.noAdminPanel ? { ADMIN_PANEL: 'false' } : {}),
    // Production defaults to one process per core; the comparison with the baseline is one against one.
    WEB_CONCURRENCY: String(settings.workers ?? 1),
    LOG_PRETTY: 'false',
  };
  const nodeArgs = settings.cpuProfDir
    ? ['--cpu-prof', '--cpu-prof-dir', settings.cpuProfDir, '--cpu-prof-name', `${kind}-${Date.now()}.cpuprofile`]
    : [];
  // node itself, not npm: the pid sampled for memory must be the server's.
  const child = spawn(process.execPath, [...nodeArgs, ENTRY_POINTS[kind]], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${settings.port}`;
  try {
    await waitUntilHealthy(url, child);
    if ((settings.workers ?? 1) > 1) await allWorkersStarted(child, settings.workers ?? 1);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    kind,
    url,
    // Summed over the cluster's workers when there are several.
    peakRssBytes: () => sumOver(child.pid as number, readPeakRss),
    cpuSeconds: () => sumOver(child.pid as number, readCpuSeconds),
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    },
  };
}
