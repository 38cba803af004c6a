import { loadConfig, startServer, type RunningServer } from '@messaging-app/api';
import { createScratchDatabase } from '@messaging-app/shared';
import { MessagingClient, type ClientOptions, type User } from '../../src';

/** The address a fetch call was given, whatever form it took. */
export function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

export const PASSWORD = 'correct-horse-battery';

/** With DATABASE_URL set (CI's PostgreSQL run), the server gets a fresh database of its own; else in-memory PGlite. */
async function createIsolatedDatabase(): Promise<{ url?: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { drop: () => Promise.resolve() };
  return createScratchDatabase(adminUrl, 'messaging_sdk_test');
}

export interface ApiServer {
  url: string;
  running: RunningServer;
  /** A client for a new, registered user (who is not signed in yet: the client does that lazily). */
  newUserClient(options?: Partial<ClientOptions>): Promise<{ client: MessagingClient; user: User; username: string }>;
  /** Makes a registered user staff, straight in the database (the API has no way to make the first one). */
  makeStaff(userId: string): Promise<void>;
  stop(): Promise<void>;
}

let counter = 0;
export function uniqueName(prefix = 'sdk'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** These suites register, sign in and send at machine speed from one address: limits that never trip. */
const GENEROUS_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000/1m',
  RATE_LIMIT_SIGN_IN_PER_IP: '100000/1m',
  RATE_LIMIT_REGISTRATIONS_PER_IP: '100000/1m',
  RATE_LIMIT_MESSAGES_PER_USER: '100000/1m',
};

/** Starts the real API (real HTTP on an ephemeral port, real database) for one test file. */
export async function startApiServer(env: Record<string, string> = {}): Promise<ApiServer> {
  const database = await createIsolatedDatabase();
  // The SDK talks to /api/v1 only: the web admin panel (ESM AdminJS, which jest could only load with
  // --experimental-vm-modules) is left out; the API's own suites cover it.
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      ADMIN_PANEL: 'false',
      ...GENEROUS_RATE_LIMITS,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
    { port: 0, host: '127.0.0.1', pgliteDataDir: 'memory://' },
  );
  const running = await startServer(config);

  return {
    url: running.url,
    running,
    async newUserClient(options = {}) {
      const username = uniqueName();
      const user = await new MessagingClient({ baseUrl: running.url, fetch: options.fetch }).users.register({
        username,
        email: `${username}@example.com`,
        password: PASSWORD,
        firstName: 'Test',
        lastName: 'User',
      });
      const client = new MessagingClient({ baseUrl: running.url, username, password: PASSWORD, ...options });
      return { client, user, username };
    },
    async makeStaff(userId) {
      await running.db.models.User.update({ isStaff: true }, { where: { userId } });
    },
    async stop() {
      await running.stop();
      await database.drop();
    },
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The response status, or undefined while in flight or when fetch rejected. */
  status?: number;
}

/** A fetch that records every request it forwards and the status it got, for asserting on what the SDK did. */
export function recordingFetch(): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      const request: RecordedRequest = { method: init?.method ?? 'GET', url: urlOf(input), headers: new Headers(init?.headers) };
      requests.push(request);
      const response = await fetch(input, init);
      request.status = response.status;
      return response;
    },
  };
}
