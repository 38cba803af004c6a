/**
 * PostgreSQL stops under a running API (dist/main.js in its own process) and comes back: the API must
 * answer 503 in the error shape meanwhile, quickly, without crashing, and recover by itself.
 */
import { openDatabase, type Database } from '@messaging-app/shared';
import request from 'supertest';
import { API, expectError, sleep } from './support/api';
import { describeWithPostgres, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { assertBuilt, launchHealthy, registerOver, stop, type ProcessUser, type ServerProcess } from './support/processes';
import { GENEROUS_RATE_LIMITS, TEST_PASSWORD, uniqueName } from './support/test-server';

/** Sends the requests one after the other, keyed as given. */
async function callAll<K extends string>(requests: Record<K, PromiseLike<request.Response>>): Promise<Record<K, request.Response>> {
  const responses = {} as Record<K, request.Response>;
  for (const [key, pending] of Object.entries(requests) as Array<[K, PromiseLike<request.Response>]>) responses[key] = await pending;
  return responses;
}

describeWithPostgres('database outage', () => {
  let postgres: PrivatePostgres;
  let api: ServerProcess & { url: string };
  let http: ReturnType<typeof request>;
  let alice: ProcessUser;
  let bob: ProcessUser;
  let messagesPath: string;

  /** A failed request most likely means the server died: fail with what it printed (its stack). */
  async function orServerOutput<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      await sleep(200);
      throw new Error(`${(error as Error).message}\n--- server (exit code ${api.child.exitCode}) ---\n${api.output()}`);
    }
  }

  /** Reads the database directly (a connection of the test's own), once PostgreSQL is up. */
  async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({ databaseUrl: postgres.url, poolMax: 1 });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    assertBuilt();
    postgres = await startPrivatePostgres();
    api = await launchHealthy({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url,
      JWT_SECRET: 'outage-test-secret-'.padEnd(40, 'x'),
      ...GENEROUS_RATE_LIMITS,
    });
    http = request(api.url);
    [alice, bob] = [await registerOver(api.url, 'outage'), await registerOver(api.url, 'outage')];
    const conversation = await http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .send({ participant_ids: [bob.userId] })
      .expect(201);
    messagesPath = `${API}/conversations/${conversation.body.conversation_id as string}/messages/`;
  }, 120_000);
  afterAll(async () => {
    if (api) await stop(api);
    await postgres?.destroy();
  });

  it('When PostgreSQL stops and starts again, then calls answer 503 meanwhile, nothing crashes, and the API recovers without a restart', async () => {
    // Arrange: traffic before the outage, and requests in flight when it starts.
    const before = await http.post(messagesPath).set('Authorization', alice.auth).send({ message_body: 'before the outage' }).expect(201);
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0
        ? http.get(messagesPath).set('Authorization', bob.auth)
        : http
            .post(messagesPath)
            .set('Authorization', alice.auth)
            .send({ message_body: `in flight ${i}` })
      ).then((res) => res),
    );

    // Act 1: stop the database under load.
    await sleep(20);
    await postgres.stop();
    const inFlightResults = await orServerOutput(Promise.all(inFlight));
    const started = Date.now();
    const during = await orServerOutput(
      callAll({
        me: http.get(`${API}/users/me/`).set('Authorization', alice.auth),
        list: http.get(messagesPath).set('Authorization', bob.auth),
        send: http.post(messagesPath).set('Authorization', alice.auth).send({ message_body: 'during the outage' }),
        signIn: http.post(`${API}/token/`).send({ username: 'nobody', password: TEST_PASSWORD }),
        register: http.post(`${API}/users/`).send({
          username: uniqueName('x'),
          email: `${uniqueName('x')}@example.com`,
          password: TEST_PASSWORD,
          first_name: 'A',
          last_name: 'B',
        }),
      }),
    );
    const outageSeconds = (Date.now() - started) / 1000;
    const liveness = await http.get('/healthz');
    const readinessStarted = Date.now();
    const readinessDuring = await http.get('/readyz');
    const readinessSeconds = (Date.now() - readinessStarted) / 1000;

    // Assert 1: in-flight requests finished one way or the other; during the outage, 503s, fast.
    for (const res of inFlightResults) expect([200, 201, 503]).toContain(res.status);
    for (const res of Object.values(during)) {
      expectError(res, 503, 'service_unavailable');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Sequelize|terminat/i);
    }
    expect(outageSeconds).toBeLessThan(10);
    // Alive (no restart wanted) but not ready (take it out of the load balancer), within the probe's bound.
    expect(liveness.status).toBe(200);
    expectError(readinessDuring, 503, 'service_unavailable');
    expect(readinessDuring.body.error.message).toMatch(/database/i);
    expect(readinessSeconds).toBeLessThan(5);
    expect(api.child.exitCode).toBeNull();

    // Act 2: the database comes back; no restart of the API.
    await postgres.start();
    let recovered = await http.get(`${API}/users/me/`).set('Authorization', alice.auth);
    for (let attempt = 0; recovered.status !== 200 && attempt < 50; attempt += 1) {
      await sleep(200);
      recovered = await http.get(`${API}/users/me/`).set('Authorization', alice.auth);
    }
    const after = await http.post(messagesPath).set('Authorization', alice.auth).send({ message_body: 'after the outage' });
    const readinessAfter = await http.get('/readyz');

    // Assert 2: it works again, and the database holds exactly what was acknowledged.
    expect(recovered.status).toBe(200);
    expect(after.status).toBe(201);
    expect(readinessAfter.status).toBe(200);
    expect(readinessAfter.body).toEqual({ status: 'ready' });
    const acknowledged = [before, ...inFlightResults.filter((res) => res.status === 201), after].map(
      (res) => res.body.message_id as string,
    );
    const stored = await withDatabase((db) => db.models.Message.findAll({ attributes: ['messageId', 'messageBody'], raw: true }));
    expect(stored.map((row) => row.messageId).sort()).toEqual(acknowledged.sort());
    expect(stored.map((row) => row.messageBody)).not.toContain('during the outage');
    expect(api.child.exitCode).toBeNull();
    expect(api.output()).not.toMatch(/uncaught|unhandled rejection/i);
  }, 120_000);
});
