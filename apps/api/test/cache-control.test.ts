/**
 * `Cache-Control: no-store` on every answer that is someone's data or credentials: every operation
 * under /api/v1 (all of them are authenticated, or hand out tokens, or register an account), errors
 * included, and the event stream. Without it a shared cache or a browser's disk cache could keep a
 * token pair or a profile.
 */
import type { IncomingMessage } from 'node:http';
import { loadSpec } from '../src/platform/http/openapi-spec';
import { API, twoPeopleTalking, UNKNOWN_ID } from './support/api';
import { openSse } from './support/sse';
import { useTestServer, TEST_PASSWORD, type TestUser } from './support/test-server';

/** no-store, possibly with more (the event stream adds no-transform). */
const NO_STORE = expect.stringMatching(/^no-store(,|$)/);

const SPEC = loadSpec();

/** Every operation of the contract, placeholders filled with ids that exist nowhere. */
function everyOperation(): Array<{ method: string; path: string }> {
  return Object.entries(SPEC.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method,
      path: `${API}${path.replace('{emoji}', encodeURIComponent('👍')).replace(/\{[^}]+\}/g, UNKNOWN_ID)}/`,
    })),
  );
}

const server = useTestServer();

function call(method: string, path: string, user?: TestUser) {
  const request = server.http[method as 'get'](path);
  if (user) request.set('Authorization', user.auth);
  // The event stream answers a signed-in caller with a stream that stays open; closed after its headers.
  if (path.endsWith('/events/') && user) {
    request.buffer(false).parse((res, done) => {
      (res as unknown as IncomingMessage).destroy();
      done(null, null);
    });
  }
  return method === 'get' || method === 'delete' ? request : request.send({});
}

describe('Cache-Control: no-store', () => {
  it('When any operation is called anonymously (401, 400 or otherwise), then the answer says no-store', async () => {
    const operations = everyOperation();
    expect(operations.length).toBeGreaterThan(30);
    for (const { method, path } of operations) {
      // Act
      const res = await call(method, path);

      // Assert
      expect([method, path, res.headers['cache-control']]).toEqual([method, path, NO_STORE]);
    }
  });

  it('When any operation is called by a signed-in user (200, 404, 400…), then the answer says no-store', async () => {
    // Arrange
    const user = await server.createUser();

    for (const { method, path } of everyOperation()) {
      // Act
      const res = await call(method, path, user);

      // Assert
      expect([method, path, res.headers['cache-control']]).toEqual([method, path, NO_STORE]);
    }
  });

  it('When tokens are handed out or checked (sign-in, refresh, verify, logout), then success and failure alike say no-store', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const answers = {
      signIn: await server.http.post(`${API}/token/`).send({ username: user.username, password: TEST_PASSWORD }),
      wrongPassword: await server.http.post(`${API}/token/`).send({ username: user.username, password: 'not-the-password' }),
      badJson: await server.http.post(`${API}/token/`).set('Content-Type', 'application/json').send('{"username":'),
      refresh: await server.http.post(`${API}/token/refresh/`).send({ refresh: user.refresh }),
      verify: await server.http.post(`${API}/token/verify/`).send({ token: user.access }),
      verifyGarbage: await server.http.post(`${API}/token/verify/`).send({ token: 'garbage' }),
    };
    const logout = await server.http.post(`${API}/token/logout/`).send({ refresh: answers.refresh.body.refresh as string });

    // Assert
    expect(Object.fromEntries(Object.entries(answers).map(([name, res]) => [name, [res.status, res.headers['cache-control']]]))).toEqual({
      signIn: [200, 'no-store'],
      wrongPassword: [401, 'no-store'],
      badJson: [400, 'no-store'],
      refresh: [200, 'no-store'],
      verify: [200, 'no-store'],
      verifyGarbage: [401, 'no-store'],
    });
    expect([logout.status, logout.headers['cache-control']]).toEqual([204, 'no-store']);
  });

  it('When a participant reads messages or opens the event stream, then those answers say no-store too', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);

    // Act
    const messages = await server.http.get(`${API}/conversations/${conversationId}/messages/`).set('Authorization', alice.auth).expect(200);
    const stream = await openSse(server.url, `${API}/events/`, { Authorization: alice.auth });
    stream.close();

    // Assert
    expect(messages.headers['cache-control']).toBe('no-store');
    expect(stream.status).toBe(200);
    expect(stream.headers['cache-control']).toMatch(/^no-store\b/);
  });

  it('When the public spec or a route that does not exist under /api/v1 is asked for, then the spec stays cacheable and the 404 is not stored', async () => {
    const spec = await server.http.get(`${API}/openapi.json`).expect(200);
    const missing = await server.http.get(`${API}/nothing-here/`).expect(404);

    expect(spec.headers['cache-control']).toBeUndefined();
    expect(missing.headers['cache-control']).toBe('no-store');
  });
});
