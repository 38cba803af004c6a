/** The real entry point, as `npm start` runs it: the built dist/main.js in its own process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEST_PASSWORD, uniqueName } from './test-server';

export const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'main.js');

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx turbo run build)`);
}

import { freePort } from '@messaging-app/shared';

export { freePort };

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function launch(env: Record<string, string>): ServerProcess {
  // Only what the server needs: no DATABASE_URL leaks in from a CI run against PostgreSQL.
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_PRETTY: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitForHealth(baseUrl: string, started: ServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`server exited early:\n${started.output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${started.output()}`);
}

/** Starts dist/main.js on a free port and waits until it answers. */
export async function launchHealthy(env: Record<string, string>): Promise<ServerProcess & { url: string }> {
  const port = await freePort();
  const started = launch({ ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, started);
  return { ...started, url };
}

export async function stop(started: ServerProcess): Promise<number | null> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
  return started.exited;
}

export interface ProcessUser {
  userId: string;
  /** `Authorization` header value. */
  auth: string;
  /** The sign-in's refresh token. */
  refresh: string;
}

/** Registers a new user on a server started as its own process (by URL) and signs them in. */
export async function registerOver(baseUrl: string, prefix: string): Promise<ProcessUser> {
  const username = uniqueName(prefix);
  const post = async (path: string, body: unknown, status: number) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  await post('/users/', { username, email: `${username}@example.com`, password: TEST_PASSWORD, first_name: 'P', last_name: 'R' }, 201);
  const tokens = await post('/token/', { username, password: TEST_PASSWORD }, 200);
  return {
    userId: (tokens.user as { user_id: string }).user_id,
    auth: `Bearer ${tokens.access as string}`,
    refresh: tokens.refresh as string,
  };
}
