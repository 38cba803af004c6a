import request from 'supertest';
import { API, expectError } from './support/api';
import { captureLogs } from './support/logs';
import { startTestServer, useTestServer, type TestServer } from './support/test-server';

const ALLOWED = 'https://app.example.com';

describe('CORS (CORS_ORIGINS=https://app.example.com)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { CORS_ORIGINS: `${ALLOWED},http://localhost:5173` });
  }, 120_000);
  afterAll(() => server.stop());

  it('When an allowed origin calls, then the answer allows it and exposes the request id, rate-limit and idempotent-replay headers', async () => {
    // Act
    const res = await server.http.get('/healthz').set('Origin', ALLOWED);

    // Assert
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-expose-headers']).toBe('X-Request-Id,Retry-After,RateLimit,RateLimit-Policy,Idempotent-Replayed');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('When an allowed origin sends a preflight, then it is answered 204 with the methods and the Authorization header allowed', async () => {
    // Act
    const res = await server.http
      .options(`${API}/conversations/`)
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

    // Assert
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('authorization,content-type');
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('When another origin calls, then no CORS header allows it', async () => {
    // Act
    const res = await server.http.get('/healthz').set('Origin', 'https://evil.example.net');

    // Assert
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS when no origins are configured (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(() => server.stop());

  it('When a browser origin calls, then no CORS header is sent at all', async () => {
    // Act
    const res = await server.http.get('/healthz').set('Origin', ALLOWED);

    // Assert
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toBeUndefined();
  });

  it("When any response is sent, then helmet's security headers are on it and nothing names the framework", async () => {
    // Act
    const res = await server.http.get(`${API}/users/me/`);

    // Assert
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

/**
 * A query the database refuses (here: a table dropped under the running server, as after a botched
 * migration) must come back as the generic 500, with the detail only in the log.
 */
describe('unexpected failures', () => {
  const logs = captureLogs();
  const server = useTestServer({}, {}, { logger: logs.logger });
  const lines = logs.lines;

  it('When a query fails inside the database, then the answer is a generic 500 without SQL or stack, and the log has the cause', async () => {
    // Arrange
    const http = request(server.url);
    const register = async (username: string) => {
      await http
        .post(`${API}/users/`)
        .send({ username, email: `${username}@example.com`, password: 'long-enough-pass', first_name: 'F', last_name: 'L' })
        .expect(201);
      const signIn = await http.post(`${API}/token/`).send({ username, password: 'long-enough-pass' }).expect(200);
      return { userId: signIn.body.user.user_id as string, auth: `Bearer ${signIn.body.access as string}` };
    };
    const [alice, bob] = [await register('fault_alice'), await register('fault_bob')];
    const conversation = await http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .send({ participant_ids: [bob.userId] })
      .expect(201);
    const messages = `${API}/conversations/${conversation.body.conversation_id as string}/messages/`;
    await http.post(messages).set('Authorization', alice.auth).send({ message_body: 'before the fault' }).expect(201);
    await server.running.db.sequelize.query('ALTER TABLE messages RENAME TO messages_gone');

    // Act
    const res = await http.get(messages).set('Authorization', alice.auth);

    // Assert
    expectError(res, 500, 'internal_error');
    expect(res.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    for (const leak of ['messages', 'SELECT', 'relation', 'Sequelize', '.ts:', '.js:', '    at ']) expect(res.text).not.toContain(leak);
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'unhandled error');
    expect(logged.err.message).toMatch(/relation "messages" does not exist/);
    expect(logged.req.id).toBe(res.headers['x-request-id']);
  });
});
