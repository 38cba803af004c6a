import { gzipSync } from 'node:zlib';
import { API, createConversation, createUsers, expectError, sendMessage, UNKNOWN_ID } from './support/api';
import { useTestServer, TEST_PASSWORD, type TestUser } from './support/test-server';

const server = useTestServer();

type Method = 'get' | 'post' | 'patch' | 'delete';
const ID = UNKNOWN_ID;

/** Every endpoint that needs a bearer token, by contract. */
const PROTECTED: Array<[Method, string]> = [
  ['get', '/users/me'],
  ['get', '/users'],
  ['get', `/users/${ID}`],
  ['patch', `/users/${ID}`],
  ['get', '/conversations'],
  ['post', '/conversations'],
  ['get', `/conversations/${ID}`],
  ['get', `/conversations/${ID}/messages`],
  ['post', `/conversations/${ID}/messages`],
  ['get', `/conversations/${ID}/messages/${ID}`],
  ['patch', `/conversations/${ID}/messages/${ID}`],
  ['delete', `/conversations/${ID}/messages/${ID}`],
];
const withBothSlashForms = PROTECTED.flatMap(([method, path]): Array<[Method, string]> => [
  [method, `${path}/`],
  [method, path],
]);

/** Every endpoint that reads a JSON body, with a caller where one is needed. */
async function jsonEndpoints(): Promise<Array<{ name: string; method: Method; path: string; auth?: string }>> {
  const [alice, bob] = await createUsers(server, 2);
  const conversation = await createConversation(server, alice, bob);
  const message = await sendMessage(server, alice, conversation.conversation_id, 'hello');
  const messages = `/conversations/${conversation.conversation_id}/messages/`;
  return [
    { name: 'POST /token/', method: 'post', path: '/token/' },
    { name: 'POST /token/refresh/', method: 'post', path: '/token/refresh/' },
    { name: 'POST /token/logout/', method: 'post', path: '/token/logout/' },
    { name: 'POST /token/verify/', method: 'post', path: '/token/verify/' },
    { name: 'POST /users/', method: 'post', path: '/users/' },
    { name: 'PATCH /users/{id}/', method: 'patch', path: `/users/${alice.userId}/`, auth: alice.auth },
    { name: 'POST /conversations/', method: 'post', path: '/conversations/', auth: alice.auth },
    { name: 'POST /conversations/{id}/messages/', method: 'post', path: messages, auth: alice.auth },
    { name: 'PATCH /conversations/{id}/messages/{id}/', method: 'patch', path: `${messages}${message.message_id}/`, auth: alice.auth },
  ];
}

function send(method: Method, path: string, auth?: string) {
  const req = server.http[method](`${API}${path}`);
  return auth ? req.set('Authorization', auth) : req;
}

describe('Authentication on protected endpoints', () => {
  it.each(withBothSlashForms)('When nobody is signed in, then %s %s answers 401', async (method, path) => {
    // Act
    const res = await send(method, path).send({});

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  it.each(withBothSlashForms)('When the bearer token is garbage, then %s %s answers 401', async (method, path) => {
    // Act
    const res = await send(method, path, 'Bearer not.a.token').send({});

    // Assert
    expectError(res, 401, 'unauthorized');
  });

  describe('with a real user', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await server.createUser();
    });

    it.each(PROTECTED)('When a refresh token is used as the bearer token, then %s %s answers 401', async (method, path) => {
      // Act
      const res = await send(method, `${path}/`, `Bearer ${user.refresh}`).send({});

      // Assert
      expectError(res, 401, 'unauthorized');
    });
  });
});

describe('Request bodies', () => {
  it('When the JSON is malformed, then every body-reading endpoint answers 400 invalid_json and changes nothing', async () => {
    // Arrange
    const endpoints = await jsonEndpoints();
    const before = await server.running.db.models.Message.count();

    for (const endpoint of endpoints) {
      // Act
      const res = await send(endpoint.method, endpoint.path, endpoint.auth)
        .set('Content-Type', 'application/json')
        .send('{"message_body": "hi",');

      // Assert
      expect([endpoint.name, res.status]).toEqual([endpoint.name, 400]);
      expectError(res, 400, 'invalid_json');
    }
    expect(await server.running.db.models.Message.count()).toBe(before);
  });

  it('When the JSON body is a bare null, then it answers 400 invalid_json', async () => {
    // Act
    const res = await server.http.post(`${API}/token/`).set('Content-Type', 'application/json').send('null');

    // Assert
    expectError(res, 400, 'invalid_json');
  });

  it('When the JSON body is an array instead of an object, then every body-reading endpoint answers 400 naming body', async () => {
    // Arrange
    const endpoints = await jsonEndpoints();

    for (const endpoint of endpoints) {
      // Act
      const res = await send(endpoint.method, endpoint.path, endpoint.auth).send([{ message_body: 'hi' }]);

      // Assert
      expect([endpoint.name, res.status]).toEqual([endpoint.name, 400]);
      expectError(res, 400, 'validation_failed', ['body']);
    }
  });

  it('When there is no body at all, then it answers 400 naming body', async () => {
    // Act
    const res = await server.http.post(`${API}/token/`);

    // Assert
    expectError(res, 400, 'validation_failed', ['body']);
  });

  it('When the body is not JSON (text/plain), then it answers 415 unsupported_media_type', async () => {
    // Act
    const res = await server.http
      .post(`${API}/token/`)
      .set('Content-Type', 'text/plain')
      .send(`{"username":"a","password":"${TEST_PASSWORD}"}`);

    // Assert
    expectError(res, 415, 'unsupported_media_type');
  });

  it('When the body is larger than the limit, then it answers 413 payload_too_large', async () => {
    // Arrange
    const [alice, bob] = await createUsers(server, 2);
    const conversation = await createConversation(server, alice, bob);

    // Act
    const res = await server.http
      .post(`${API}/conversations/${conversation.conversation_id}/messages/`)
      .set('Authorization', alice.auth)
      .send({ message_body: 'x'.repeat(200 * 1024) });

    // Assert
    expectError(res, 413, 'payload_too_large');
    expect(await server.running.db.models.Message.count({ where: { conversationId: conversation.conversation_id } })).toBe(0);
  });

  it('When the charset is not supported, then it answers 415 unsupported_media_type', async () => {
    // Act
    const res = await server.http
      .post(`${API}/token/`)
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"username":"a","password":"b"}');

    // Assert
    expectError(res, 415, 'unsupported_media_type');
  });

  it('When the content encoding is not supported, then it answers 415 unsupported_media_type', async () => {
    // Act
    const res = await server.http
      .post(`${API}/token/`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{"username":"a","password":"b"}');

    // Assert
    expectError(res, 415, 'unsupported_media_type');
  });

  it('When a gzip body is valid, then it is read; when it is corrupt, then it answers 400, not 500', async () => {
    // Arrange: raw bytes through fetch, since superagent would re-serialise a Buffer sent as JSON
    const user = await server.createUser();
    const json = JSON.stringify({ username: user.username, password: TEST_PASSWORD });
    const post = (body: Buffer | string) =>
      fetch(`${server.url}${API}/token/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body,
      });

    // Act
    const valid = await post(gzipSync(json));
    const corrupt = await post(json);

    // Assert
    expect(valid.status).toBe(200);
    expect(((await valid.json()) as { user: { user_id: string } }).user.user_id).toBe(user.userId);
    expect(corrupt.status).toBe(400);
    expect(await corrupt.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
  });
});

describe('Unknown routes and malformed URLs', () => {
  it.each(['/api/v1/nope', '/api/v1/nope/', '/api/v1/users/me/extra/', '/api/v2/users/', '/api/v1/conversations/x/y/z/w/'])(
    'When %s is requested, then it answers 404 in the error shape',
    async (path) => {
      // Act
      const res = await server.http.get(path);

      // Assert
      expectError(res, 404, 'not_found');
    },
  );

  it('When a path id is not valid percent-encoding, then it answers 400, not 500', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.get(`${API}/users/%E0%A4%A/`).set('Authorization', user.auth);

    // Assert
    expectError(res, 400, 'validation_failed');
  });

  it('When a known path is called with an undefined method, then it answers 405 with Allow', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.delete(`${API}/users/${user.userId}/`).set('Authorization', user.auth);

    // Assert
    expectError(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toContain('PATCH');
    expect(await server.running.db.models.User.findByPk(user.userId)).not.toBeNull();
  });

  it('When a method is defined only on the templated path (PATCH /users/me), then the literal path wins: 405, and no user named "me" is looked up', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.patch(`${API}/users/me/`).set('Authorization', user.auth).send({ first_name: 'Changed' });

    // Assert
    expectError(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect((await server.running.db.models.User.findByPk(user.userId))?.firstName).toBe('Test');
  });

  it('When OPTIONS is sent to a known path, then it answers 204 with the methods the contract defines there', async () => {
    // Act
    const literal = await server.http.options(`${API}/users/me/`);
    const templated = await server.http.options(`${API}/conversations/${ID}/messages/${ID}/`);

    // Assert
    expect([literal.status, literal.headers.allow]).toEqual([204, 'GET, HEAD, OPTIONS']);
    expect([templated.status, templated.headers.allow]).toEqual([204, 'GET, PATCH, DELETE, HEAD, OPTIONS']);
  });
});
