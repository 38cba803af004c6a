import type { Logger } from 'pino';
import request from 'supertest';
import { loadConfig, type Config } from '../../src/platform/config';
import { startServer, type RunningServer } from '../../src/process/server';
import { guardAgainstLeaks } from './leak-guard';
import { createIsolatedDatabase } from './test-database';

export const TEST_PASSWORD = 'correct-horse-battery';
/** A second password for tests that change one; the leak guard watches for it too. */
export const NEW_TEST_PASSWORD = 'new-staple-password-42';

export interface TestUser {
  userId: string;
  username: string;
  email: string;
  password: string;
  access: string;
  refresh: string;
  /** `Authorization` header value for this user. */
  auth: string;
}

export interface SignInBody {
  access: string;
  refresh: string;
  user: { user_id: string };
}

export interface TestServer {
  url: string;
  running: RunningServer;
  config: Config;
  /** A supertest agent bound to the running server (a real HTTP connection, not an in-process app). */
  http: ReturnType<typeof request>;
  /** Registers a user through the API and signs them in. */
  createUser(
    overrides?: Partial<{ username: string; email: string; password: string; first_name: string; last_name: string }>,
  ): Promise<TestUser>;
  /** Signs in through POST /token/ (expects 200). */
  signIn(username: string, password?: string): Promise<SignInBody>;
  /** Makes an existing user staff, straight in the database (there is no API for the first staff user). */
  makeStaff(user: TestUser): Promise<TestUser>;
  /**
   * Every response so far that carried a password, a password hash or a password-named field
   * (outside `error.details`). Files assert it stays empty after each test.
   */
  leaks: string[];
  /**
   * Stops this server (keeping its data: the PGlite folder, or the PostgreSQL database) and starts
   * a new one on the same data with the same configuration (so the same JWT secret).
   */
  restart(): Promise<TestServer>;
  stop(): Promise<void>;
}

let counter = 0;
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/**
 * Suites register many users, sign in and send messages at machine speed from one address: limits
 * high enough never to trip, but still counted in the database on every request. The rate-limit
 * suite passes low ones.
 */
export const GENEROUS_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000/1m',
  RATE_LIMIT_SIGN_IN_PER_IP: '100000/1m',
  RATE_LIMIT_REGISTRATIONS_PER_IP: '100000/1m',
  RATE_LIMIT_MESSAGES_PER_USER: '100000/1m',
};

/**
 * Starts the real server (real database, real HTTP on an ephemeral port) for one test file. The web
 * admin panel (AdminJS, slow to load under jest's ESM loader) is off unless a suite asks for it with
 * `{ ADMIN_PANEL: 'true' }`; the /api/v1 routes are the same either way.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestServer> {
  const database = await createIsolatedDatabase();
  const config = loadConfig(
    { NODE_ENV: 'test', ADMIN_PANEL: 'false', ...GENEROUS_RATE_LIMITS, ...(database.url ? { DATABASE_URL: database.url } : {}), ...env },
    { port: 0, host: '127.0.0.1', pgliteDataDir: 'memory://', ...overrides },
  );
  return launch(config, database.drop, options.logger);
}

/**
 * The usual preamble of a suite, in one line: a server for the whole file (started before its
 * tests, stopped after them), and after every test, a check that no response leaked a password.
 * The returned object stands for the server once it is up.
 */
export function useTestServer(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): TestServer {
  let server: TestServer | undefined;
  // Generous: starting a database and a server takes seconds on a loaded machine.
  beforeAll(async () => {
    server = await startTestServer(overrides, env, options);
  }, 120_000);
  afterAll(() => server?.stop());
  afterEach(() => expect(server?.leaks).toEqual([]));
  return new Proxy({} as TestServer, {
    get(_target, property) {
      if (!server) throw new Error('The test server is not up yet: use it inside a test or a hook, not at the top level of the file.');
      return Reflect.get(server, property) as unknown;
    },
  });
}

async function launch(config: Config, dropDatabase: () => Promise<void>, logger?: Logger): Promise<TestServer> {
  const running = await startServer(config, { logger });
  const leaks: string[] = [];
  const http = guardAgainstLeaks(request(running.url), leaks, [TEST_PASSWORD, NEW_TEST_PASSWORD]);

  const signIn = async (username: string, password = TEST_PASSWORD) => {
    const res = await http.post('/api/v1/token/').send({ username, password }).expect(200);
    return res.body as SignInBody;
  };

  return {
    url: running.url,
    running,
    config,
    http,
    leaks,
    signIn,
    async createUser(fields = {}) {
      const username = fields.username ?? uniqueName();
      const password = fields.password ?? TEST_PASSWORD;
      const email = fields.email ?? `${username}@example.com`;
      await http
        .post('/api/v1/users/')
        .send({ username, email, password, first_name: fields.first_name ?? 'Test', last_name: fields.last_name ?? 'User' })
        .expect(201);
      const tokens = await signIn(username, password);
      return {
        userId: tokens.user.user_id,
        username,
        email,
        password,
        access: tokens.access,
        refresh: tokens.refresh,
        auth: `Bearer ${tokens.access}`,
      };
    },
    async makeStaff(user) {
      await running.db.models.User.update({ isStaff: true }, { where: { userId: user.userId } });
      return user;
    },
    async restart() {
      await running.stop();
      return launch(config, dropDatabase, logger);
    },
    async stop() {
      await running.stop();
      await dropDatabase();
    },
  };
}
