import { randomBytes } from 'node:crypto';
import { openDatabase, QueryTypes, type Database } from '@messaging-app/shared';
import request from 'supertest';
import { loadConfig } from '../src/platform/config';
import { startServer, type RunningServer } from '../src/process/server';
import { API, createConversation, expectError, sleep } from './support/api';
import { assertBuilt, launchHealthy, stop, type ServerProcess } from './support/processes';
import { createIsolatedDatabase } from './support/test-database';
import { GENEROUS_RATE_LIMITS, startTestServer, TEST_PASSWORD, uniqueName, type TestServer, type TestUser } from './support/test-server';

/** Starting a server with its embedded database can be slow on a busy machine. */
const SERVER_START_TIMEOUT = 120_000;

/** A server whose limits are all generous except the ones given. */
function startWithLimits(limits: Record<string, string>): Promise<TestServer> {
  return startTestServer({}, { ...GENEROUS_RATE_LIMITS, ...limits });
}

function sendAs(server: TestServer, user: TestUser, conversationId: string, text: string) {
  return server.http.post(`${API}/conversations/${conversationId}/messages/`).set('Authorization', user.auth).send({ message_body: text });
}

function signInAttempt(server: TestServer, username: string, password: string) {
  return server.http.post(`${API}/token/`).send({ username, password });
}

async function messageCount(db: Database, conversationId: string): Promise<number> {
  return db.models.Message.count({ where: { conversationId } });
}

/** Seconds in `Retry-After`: present, whole, and within the window. */
function expectRetryAfter(res: request.Response, windowSeconds: number): void {
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

/**
 * Limits keyed by user or account share a server. One server at a time per file: the shared
 * package's models are bound to the database opened last in a process.
 */
describe('limits per user and per account', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startWithLimits({ RATE_LIMIT_MESSAGES_PER_USER: '3/1m', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '3/15m' });
  }, SERVER_START_TIMEOUT);
  afterAll(() => server?.stop());
  afterEach(() => expect(server.leaks).toEqual([]));

  describe('message sends per user (RATE_LIMIT_MESSAGES_PER_USER=3/1m)', () => {
    it('When a user sends more than the limit, then the extra send answers 429 with Retry-After and RateLimit headers, and is not stored', async () => {
      // Arrange
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const { conversation_id: conversationId } = await createConversation(server, alice, bob);

      // Act
      const accepted = [];
      for (let i = 0; i < 3; i += 1) accepted.push(await sendAs(server, alice, conversationId, `message ${i}`));
      const refused = await sendAs(server, alice, conversationId, 'one too many');

      // Assert
      expect(accepted.map((res) => res.status)).toEqual([201, 201, 201]);
      expect(accepted.map((res) => res.headers.ratelimit)).toEqual([
        '"messagesPerUser"; r=2; t=60',
        expect.stringMatching(/^"messagesPerUser"; r=1; t=(59|60)$/),
        expect.stringMatching(/^"messagesPerUser"; r=0; t=(59|60)$/),
      ]);
      expect(accepted[0].headers['ratelimit-policy']).toMatch(/^"messagesPerUser"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/);
      expectError(refused, 429, 'rate_limited');
      expect(refused.body.error.message).toMatch(/Too many messages/);
      expectRetryAfter(refused, 60);
      expect(refused.headers.ratelimit).toMatch(/^"messagesPerUser"; r=0; t=\d+$/);
      expect(await messageCount(server.running.db, conversationId)).toBe(3);
    });

    it('When one user is limited, then another user in the same conversation can still send', async () => {
      // Arrange
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const { conversation_id: conversationId } = await createConversation(server, alice, bob);
      for (let i = 0; i < 3; i += 1) await sendAs(server, alice, conversationId, `alice ${i}`).expect(201);
      await sendAs(server, alice, conversationId, 'alice again').expect(429);

      // Act
      const res = await sendAs(server, bob, conversationId, 'bob is fine');

      // Assert
      expect(res.status).toBe(201);
      expect(res.headers.ratelimit).toBe('"messagesPerUser"; r=2; t=60');
      expect(await messageCount(server.running.db, conversationId)).toBe(4);
    });

    it('When sends fail validation, then they do not use up the allowance', async () => {
      // Arrange
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const { conversation_id: conversationId } = await createConversation(server, alice, bob);
      for (let i = 0; i < 5; i += 1) await sendAs(server, alice, conversationId, '   ').expect(400);

      // Act
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await sendAs(server, alice, conversationId, `real ${i}`)).status);

      // Assert
      expect(statuses).toEqual([201, 201, 201]);
      expect(await messageCount(server.running.db, conversationId)).toBe(3);
    });

    it('When a user is over the limit, then an invalid send still answers 400, a stranger\u2019s conversation 404, a reused key 409 and a replay its first answer', async () => {
      // Arrange
      const [alice, bob, carol, dave] = [
        await server.createUser(),
        await server.createUser(),
        await server.createUser(),
        await server.createUser(),
      ];
      const { conversation_id: conversationId } = await createConversation(server, alice, bob);
      const { conversation_id: strangers } = await createConversation(server, carol, dave);
      const first = await sendAs(server, alice, conversationId, 'first').set('Idempotency-Key', 'over-the-limit-1').expect(201);
      for (let i = 0; i < 2; i += 1) await sendAs(server, alice, conversationId, `more ${i}`).expect(201);
      expectError(await sendAs(server, alice, conversationId, 'one too many'), 429, 'rate_limited');

      // Act
      const empty = await sendAs(server, alice, conversationId, '  ');
      const notTooLong = await sendAs(server, alice, conversationId, 'x'.repeat(4001));
      const notMine = await sendAs(server, alice, strangers, 'let me in');
      const reused = await sendAs(server, alice, conversationId, 'something else').set('Idempotency-Key', 'over-the-limit-1');
      const replayed = await sendAs(server, alice, conversationId, 'first').set('Idempotency-Key', 'over-the-limit-1');

      // Assert
      expectError(empty, 400, 'validation_failed', ['message_body']);
      expectError(notTooLong, 400, 'validation_failed');
      expectError(notMine, 404, 'not_found');
      expectError(reused, 409, 'conflict');
      expect(replayed.status).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body.message_id).toBe(first.body.message_id);
      expect(await messageCount(server.running.db, conversationId)).toBe(3);
    });

    it('When sends are refused (400, 404, 409) or replayed, even all at once, then only the messages stored count', async () => {
      // Arrange
      const [alice, bob, carol, dave] = [
        await server.createUser(),
        await server.createUser(),
        await server.createUser(),
        await server.createUser(),
      ];
      const { conversation_id: conversationId } = await createConversation(server, alice, bob);
      const { conversation_id: strangers } = await createConversation(server, carol, dave);
      await sendAs(server, alice, conversationId, 'kept').set('Idempotency-Key', 'refused-or-replayed-1').expect(201);

      // Act: twelve that must not count, side by side, then as many real sends as the limit leaves.
      const refused = await Promise.all([
        ...Array.from({ length: 3 }, () => sendAs(server, alice, conversationId, ' \n ')),
        ...Array.from({ length: 3 }, () => sendAs(server, alice, strangers, 'not my conversation')),
        ...Array.from({ length: 3 }, () =>
          sendAs(server, alice, conversationId, 'changed').set('Idempotency-Key', 'refused-or-replayed-1'),
        ),
        ...Array.from({ length: 3 }, () => sendAs(server, alice, conversationId, 'kept').set('Idempotency-Key', 'refused-or-replayed-1')),
      ]);
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await sendAs(server, alice, conversationId, `real ${i}`)).status);

      // Assert
      expect(refused.map((res) => res.status)).toEqual([400, 400, 400, 404, 404, 404, 409, 409, 409, 201, 201, 201]);
      expect(statuses).toEqual([201, 201, 429]);
      expect(await messageCount(server.running.db, conversationId)).toBe(3);
    });

    it('When a user sends, then the count lives in the rate_limit_hits table, keyed by limiter and user', async () => {
      // Arrange
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const { conversation_id: conversationId } = await createConversation(server, alice, bob);

      // Act
      for (let i = 0; i < 3; i += 1) await sendAs(server, alice, conversationId, `m ${i}`).expect(201);

      // Assert
      const rows = await server.running.db.sequelize.query<{ hits: number }>('SELECT hits FROM rate_limit_hits WHERE key = :key', {
        replacements: { key: `messagesPerUser:${alice.userId}` },
        type: QueryTypes.SELECT,
      });
      expect(rows).toEqual([{ hits: 3 }]);
    });
  });

  describe('sign-in attempts per account (RATE_LIMIT_SIGN_IN_PER_ACCOUNT=3/15m)', () => {
    it('When a password is guessed wrong too often, then even the right password answers 429 and issues no token', async () => {
      // Arrange
      const victim = await server.createUser();
      const tokensBefore = await server.running.db.models.RefreshToken.count({ where: { userId: victim.userId } });
      // Usernames are case-insensitive, so every spelling counts against the same account.
      const guesses = [victim.username, victim.username.toUpperCase(), victim.username];
      for (const username of guesses) await signInAttempt(server, username, 'wrong-guess-123').expect(401);

      // Act
      const res = await signInAttempt(server, victim.username, TEST_PASSWORD);

      // Assert
      expectError(res, 429, 'rate_limited');
      expect(res.body.error.message).toMatch(/this account/);
      expectRetryAfter(res, 15 * 60);
      // Both sign-in limits apply, so both report (a list, as the RateLimit header allows).
      expect(res.headers.ratelimit).toMatch(/^"signInPerIp"; r=\d+; t=\d+, "signInPerAccount"; r=0; t=\d+$/);
      expect(await server.running.db.models.RefreshToken.count({ where: { userId: victim.userId } })).toBe(tokensBefore);
    });

    it('When one account is locked, then other accounts still sign in from the same address', async () => {
      // Arrange
      const [victim, other] = [await server.createUser(), await server.createUser()];
      for (let i = 0; i < 4; i += 1) await signInAttempt(server, victim.username, 'wrong-guess-123');

      // Act
      const res = await signInAttempt(server, other.username, TEST_PASSWORD);

      // Assert
      expect(res.status).toBe(200);
      expect(res.body.user.user_id).toBe(other.userId);
    });

    it('When sign-ins succeed, then they do not count', async () => {
      // Arrange
      const user = await server.createUser();

      // Act
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await signInAttempt(server, user.username, TEST_PASSWORD)).status);

      // Assert
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    });

    it('When the username does not exist, then guessing it is limited the same way (nothing tells accounts apart)', async () => {
      // Arrange
      const ghost = uniqueName('ghost');

      // Act
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await signInAttempt(server, ghost, 'wrong-guess-123')).status);

      // Assert
      expect(statuses).toEqual([401, 401, 401, 429]);
    });
  });
});

describe('message limits by default (no RATE_LIMIT_MESSAGES_PER_USER: 10/5s,60/1m)', () => {
  let server: TestServer;
  beforeAll(async () => {
    // An empty value means unset: the profile's default applies.
    server = await startWithLimits({ RATE_LIMIT_MESSAGES_PER_USER: '' });
  }, SERVER_START_TIMEOUT);
  afterAll(() => server?.stop());

  it('When a fast typist sends ten lines at once, pauses, and ten more, then nothing is refused; an eleventh line in the same 5 s is', async () => {
    // Arrange: faster than anyone types (machine speed), in two bursts.
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const { conversation_id: conversationId } = await createConversation(server, alice, bob);
    const burst = async (label: string) => {
      const statuses = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await sendAs(server, alice, conversationId, `${label} ${i}`)).status);
      return statuses;
    };
    const first = await burst('first');
    const tooFast = await sendAs(server, alice, conversationId, 'an eleventh line in five seconds');

    // Act
    await sleep(Number(tooFast.headers['retry-after']) * 1000 + 100);
    const second = await burst('second');

    // Assert
    expect(first).toEqual(Array(10).fill(201));
    expectError(tooFast, 429, 'rate_limited');
    expectRetryAfter(tooFast, 5);
    // The refused line is not counted: the minute's window has 50 of 60 left.
    expect(tooFast.headers.ratelimit).toMatch(/^"messagesPerUser-5s"; r=0; t=\d, "messagesPerUser-1m"; r=50; t=\d+$/);
    expect(second).toEqual(Array(10).fill(201));
    expect(await messageCount(server.running.db, conversationId)).toBe(20);
  }, 30_000);
});

describe('message windows together (RATE_LIMIT_MESSAGES_PER_USER=2/2s,3/1m)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startWithLimits({ RATE_LIMIT_MESSAGES_PER_USER: '3/1m,2/2s' });
  }, SERVER_START_TIMEOUT);
  afterAll(() => server?.stop());

  it('When the burst window is full, then the send waits for it; when the sustained one is, then for that one', async () => {
    // Arrange
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const { conversation_id: conversationId } = await createConversation(server, alice, bob);
    const accepted = [await sendAs(server, alice, conversationId, 'one'), await sendAs(server, alice, conversationId, 'two')];
    const burstFull = await sendAs(server, alice, conversationId, 'three, too soon');
    await sleep(Number(burstFull.headers['retry-after']) * 1000 + 100);

    // Act
    const third = await sendAs(server, alice, conversationId, 'three');
    const sustainedFull = await sendAs(server, alice, conversationId, 'four');

    // Assert: both windows reported, shortest first; each refusal waits for the window that is full.
    expect(accepted.map((res) => res.status)).toEqual([201, 201]);
    expect(accepted[0].headers.ratelimit).toMatch(/^"messagesPerUser-2s"; r=1; t=[12], "messagesPerUser-1m"; r=2; t=(59|60)$/);
    expect(accepted[0].headers['ratelimit-policy']).toMatch(
      /^"messagesPerUser-2s"; q=2; w=2; pk=:[A-Za-z0-9+/=]+:, "messagesPerUser-1m"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/,
    );
    expectError(burstFull, 429, 'rate_limited');
    expectRetryAfter(burstFull, 2);
    expect(burstFull.headers.ratelimit).toMatch(/^"messagesPerUser-2s"; r=0; t=\d, "messagesPerUser-1m"; r=1; t=\d+$/);
    expect(third.status).toBe(201);
    expectError(sustainedFull, 429, 'rate_limited');
    expect(Number(sustainedFull.headers['retry-after'])).toBeGreaterThan(2);
    expectRetryAfter(sustainedFull, 60);
    expect(sustainedFull.headers.ratelimit).toMatch(/^"messagesPerUser-2s"; r=1; t=\d, "messagesPerUser-1m"; r=0; t=\d+$/);
    expect(await messageCount(server.running.db, conversationId)).toBe(3);
  });
});

describe('message window (RATE_LIMIT_MESSAGES_PER_USER=1/2s)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startWithLimits({ RATE_LIMIT_MESSAGES_PER_USER: '1/2s' });
  }, SERVER_START_TIMEOUT);
  afterAll(() => server?.stop());

  it('When the window has passed, then the user may send again', async () => {
    // Arrange
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const { conversation_id: conversationId } = await createConversation(server, alice, bob);
    await sendAs(server, alice, conversationId, 'first').expect(201);
    const refused = await sendAs(server, alice, conversationId, 'too soon');
    expectError(refused, 429, 'rate_limited');

    // Act
    await sleep(Number(refused.headers['retry-after']) * 1000 + 100);
    const res = await sendAs(server, alice, conversationId, 'later');

    // Assert
    expect(res.status).toBe(201);
    expect(await messageCount(server.running.db, conversationId)).toBe(2);
  });
});

/**
 * Address-keyed limits, behind a trusted proxy (TRUST_PROXY=loopback), so each test comes from an
 * address of its own (X-Forwarded-For) and the harness's own calls from 127.0.0.1 are not counted.
 */
describe('limits per client address (RATE_LIMIT_SIGN_IN_PER_IP=3/15m, RATE_LIMIT_REGISTRATIONS_PER_IP=2/1h)', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startWithLimits({
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_SIGN_IN_PER_IP: '3/15m',
      RATE_LIMIT_REGISTRATIONS_PER_IP: '2/1h',
    });
  }, SERVER_START_TIMEOUT);
  afterAll(() => proxied?.stop());

  it('When one address fails against many accounts (password spraying), then it is refused for every account', async () => {
    // Arrange
    const attacker = '203.0.113.7';
    const real = await proxied.createUser();
    for (const username of [uniqueName('spray'), uniqueName('spray'), uniqueName('spray')]) {
      await proxied.http
        .post(`${API}/token/`)
        .set('X-Forwarded-For', attacker)
        .send({ username, password: 'spray-password-1' })
        .expect(401);
    }

    // Act
    const res = await proxied.http
      .post(`${API}/token/`)
      .set('X-Forwarded-For', attacker)
      .send({ username: real.username, password: TEST_PASSWORD });
    const elsewhere = await proxied.http
      .post(`${API}/token/`)
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ username: real.username, password: TEST_PASSWORD });

    // Assert
    expectError(res, 429, 'rate_limited');
    expect(res.body.error.message).toMatch(/this address/);
    expect(res.headers.ratelimit).toMatch(/^"signInPerIp"; r=0; t=\d+$/);
    expect(res.headers['ratelimit-policy']).toMatch(/^"signInPerIp"; q=3; w=900; pk=:[A-Za-z0-9+/=]+:$/);
    expect(elsewhere.status).toBe(200);
  });

  it('When one address registers more than the limit, then the extra registration answers 429 and creates no user', async () => {
    // Arrange
    const address = '203.0.113.8';
    const register = (username: string) =>
      proxied.http
        .post(`${API}/users/`)
        .set('X-Forwarded-For', address)
        .send({ username, email: `${username}@example.com`, password: TEST_PASSWORD, first_name: 'R', last_name: 'L' });
    await register(uniqueName('reg')).expect(201);
    await register(uniqueName('reg')).expect(201);
    const third = uniqueName('reg');

    // Act
    const res = await register(third);

    // Assert
    expectError(res, 429, 'rate_limited');
    expectRetryAfter(res, 3600);
    expect(res.headers.ratelimit).toMatch(/^"registrationsPerIp"; r=0; t=\d+$/);
    expect(await proxied.running.db.models.User.count({ where: { username: third } })).toBe(0);
  });
});

/**
 * Two API instances on one database. On PostgreSQL they are two real processes (dist/main.js); the
 * embedded database belongs to one process, so there the two servers share one process and one
 * database handle, each with its own app and limiters (still nothing shared but the database).
 */
interface TwoInstances {
  urls: [string, string];
  db: Database;
  stop(): Promise<void>;
}

async function startTwoProcesses(limits: Record<string, string>): Promise<TwoInstances> {
  assertBuilt();
  const database = await createIsolatedDatabase();
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url!,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...GENEROUS_RATE_LIMITS,
    ...limits,
  };
  // One after the other: the first applies the migrations.
  const first = await launchHealthy(env);
  const processes: ServerProcess[] = [first];
  try {
    const second = await launchHealthy(env);
    processes.push(second);
    const db = await openDatabase({ databaseUrl: database.url, poolMax: 2 });
    return {
      urls: [first.url, second.url],
      db,
      async stop() {
        await Promise.all(processes.map(stop));
        await db.close();
        await database.drop();
      },
    };
  } catch (error) {
    await Promise.all(processes.map(stop));
    await database.drop();
    throw error;
  }
}

async function startTwoServersOnOneEmbeddedDatabase(limits: Record<string, string>): Promise<TwoInstances> {
  const db = await openDatabase({ pgliteDataDir: 'memory://' });
  const config = loadConfig(
    { NODE_ENV: 'test', ...GENEROUS_RATE_LIMITS, ...limits },
    { port: 0, host: '127.0.0.1', pgliteDataDir: 'memory://' },
  );
  const servers: RunningServer[] = [await startServer(config, { db }), await startServer(config, { db })];
  return {
    urls: [servers[0].url, servers[1].url],
    db,
    async stop() {
      // Each server stops listening; the database they share is closed once, after both.
      await Promise.all(
        servers.map(
          (running) =>
            new Promise((resolve) => {
              running.server.close(resolve);
              running.server.closeIdleConnections();
            }),
        ),
      );
      await db.close();
    },
  };
}

describe('limits shared between API instances', () => {
  let instances: TwoInstances;
  beforeAll(async () => {
    const limits = { RATE_LIMIT_MESSAGES_PER_USER: '4/1m' };
    instances = process.env.DATABASE_URL ? await startTwoProcesses(limits) : await startTwoServersOnOneEmbeddedDatabase(limits);
  }, SERVER_START_TIMEOUT);
  afterAll(() => instances?.stop());

  it('When a user spreads sends over two instances, then together they allow the limit once, not once each', async () => {
    // Arrange: register and sign in on the first instance; the second accepts the same token.
    const [one, two] = instances.urls.map((url) => request(url));
    const users = [];
    for (const name of [uniqueName('a'), uniqueName('b')]) {
      await one
        .post(`${API}/users/`)
        .send({ username: name, email: `${name}@example.com`, password: TEST_PASSWORD, first_name: 'T', last_name: 'U' })
        .expect(201);
      const signIn = await one.post(`${API}/token/`).send({ username: name, password: TEST_PASSWORD }).expect(200);
      users.push({ id: signIn.body.user.user_id as string, auth: `Bearer ${signIn.body.access as string}` });
    }
    const [alice, bob] = users;
    const created = await one
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .send({ participant_ids: [bob.id] })
      .expect(201);
    const path = `${API}/conversations/${created.body.conversation_id as string}/messages/`;

    // Act: alternate instances, six sends.
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      const instance = i % 2 === 0 ? one : two;
      statuses.push(
        (
          await instance
            .post(path)
            .set('Authorization', alice.auth)
            .send({ message_body: `hop ${i}` })
        ).status,
      );
    }

    // Assert
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await instances.db.models.Message.count({ where: { conversationId: created.body.conversation_id } })).toBe(4);
  });
});
