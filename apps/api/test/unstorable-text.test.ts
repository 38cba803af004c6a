/**
 * Text PostgreSQL cannot store as sent: NUL (U+0000) and unpaired surrogates. Bound as a parameter, a
 * NUL made the statement fail (a 500); through Sequelize's inline escaping it was stored as the two
 * characters `\0`. Every string in a body, a query or a path must be refused with a 400 naming the
 * field, and nothing stored.
 */
import { raw, sql } from '@messaging-app/shared';
import net from 'node:net';
import type { Response } from 'supertest';
import { API, createGroup, expectError, sendMessage, twoPeopleTalking, type ConversationBody } from './support/api';
import { useTestServer, TEST_PASSWORD, uniqueName, type TestUser } from './support/test-server';

const NUL = '\u0000';

const server = useTestServer();

/** `details` names exactly these fields, and says what is wrong in words. */
function expectRefused(res: Response, fields: string[]): void {
  expectError(res, 400, 'validation_failed', fields);
  expect(Object.keys(res.body.error.details).sort()).toEqual([...fields].sort());
  for (const field of fields) expect(res.body.error.details[field]).toMatch(/NUL|surrogate/);
}

const count = (table: string) =>
  server.running.db.query<{ n: string }>(sql`SELECT count(*) AS n FROM ${raw(table)}`).then(([row]) => Number(row.n));

describe('JSON bodies', () => {
  it('When a registration holds a NUL in the first name, then it answers 400 naming first_name and no user is stored (it was stored as "\\0")', async () => {
    // Arrange
    const username = uniqueName();

    // Act
    const res = await server.http
      .post(`${API}/users/`)
      .send({ username, email: `${username}@example.com`, password: TEST_PASSWORD, first_name: `Al${NUL}ice`, last_name: 'Smith' });

    // Assert
    expectRefused(res, ['first_name']);
    expect(await server.running.db.models.User.count({ where: { username } })).toBe(0);
  });

  it('When the sign-in username holds a NUL, then it answers 400 naming username, not 500', async () => {
    // Arrange
    const user = await server.createUser();

    // Act
    const res = await server.http.post(`${API}/token/`).send({ username: `${user.username}${NUL}`, password: TEST_PASSWORD });

    // Assert
    expectRefused(res, ['username']);
  });

  it('When a message body holds a NUL or an unpaired surrogate, then it answers 400 naming message_body, not 500, and nothing is stored', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const messagesBefore = await count('messages');

    // Act
    const withNul = await server.http
      .post(`${API}/conversations/${conversationId}/messages/`)
      .set('Authorization', alice.auth)
      .send({ message_body: `hi${NUL}there` });
    // JSON's "\ud800" is a lone surrogate: node-postgres would have stored U+FFFD instead.
    const withSurrogate = await server.http
      .post(`${API}/conversations/${conversationId}/messages/`)
      .set('Authorization', alice.auth)
      .set('Content-Type', 'application/json')
      .send('{"message_body": "hi \\ud800 there"}');

    // Assert
    expectRefused(withNul, ['message_body']);
    expectRefused(withSurrogate, ['message_body']);
    expect(await count('messages')).toBe(messagesBefore);
  });

  it('When a group title holds a NUL, then it answers 400 naming title and no conversation is created (it was stored as "\\0")', async () => {
    // Arrange
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversationsBefore = await count('conversations');

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .send({ participant_ids: [bob.userId], kind: 'group', title: `Team${NUL}` });

    // Assert
    expectRefused(res, ['title']);
    expect(await count('conversations')).toBe(conversationsBefore);
  });

  it('When a profile change holds a NUL, then it answers 400 naming the field and the stored profile is unchanged', async () => {
    // Arrange
    const user = await server.createUser({ last_name: 'Mensah' });

    // Act
    const res = await server.http
      .patch(`${API}/users/${user.userId}/`)
      .set('Authorization', user.auth)
      .send({ last_name: `Men${NUL}sah`, first_name: 'Kwame' });

    // Assert
    expectRefused(res, ['last_name']);
    const stored = await server.running.db.models.User.findByPk(user.userId);
    expect({ first: stored?.firstName, last: stored?.lastName }).toEqual({ first: 'Test', last: 'Mensah' });
  });

  it('When NULs sit in nested values, array items and property names, then each is named the way validation names fields', async () => {
    // Arrange
    const [alice, bob] = [await server.createUser(), await server.createUser()];

    // Act
    const res = await server.http
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .send({ participant_ids: [bob.userId, `x${NUL}`], kind: 'group', [`ti${NUL}tle`]: 'x', extra: { deep: [[`a${NUL}`]] } });

    // Assert
    expectRefused(res, ['participant_ids.$1', `ti${NUL}tle`, 'extra.deep.$0.$0']);
  });

  it('When a body is nested thousands of levels deep, then it is still checked (no stack overflow: 400, not 500)', async () => {
    // Arrange
    const depth = 20_000;
    const body = `{"message_body": ${'['.repeat(depth)}"a\\u0000"${']'.repeat(depth)}}`;

    // Act
    const res = await server.http.post(`${API}/token/`).set('Content-Type', 'application/json').send(body);

    // Assert
    expectError(res, 400, 'validation_failed');
    expect(Object.keys(res.body.error.details)).toEqual([`message_body${'.$0'.repeat(depth)}`]);
  });
});

describe('query strings', () => {
  it('When the message search filter holds a NUL, then it answers 400 naming search, not 500', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    await sendMessage(server, alice, conversationId, 'hello');

    // Act
    const res = await server.http.get(`${API}/conversations/${conversationId}/messages/?search=hel%00lo`).set('Authorization', alice.auth);

    // Assert
    expectRefused(res, ['search']);
  });

  it('When staff search users with a NUL, or any query parameter (known or not, name or value) holds one, then it answers 400 naming it', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());

    // Act
    const search = await server.http.get(`${API}/admin/users/?search=a%00b`).set('Authorization', staff.auth);
    const unknownName = await server.http.get(`${API}/users/me/?x%00y=1`).set('Authorization', staff.auth);
    const repeated = await server.http.get(`${API}/admin/users/?search=a&search=b%00`).set('Authorization', staff.auth);

    // Assert
    expectRefused(search, ['search']);
    expectRefused(unknownName, [`x${NUL}y`]);
    expectRefused(repeated, ['search.$1']);
  });
});

describe('path segments', () => {
  let alice: TestUser;
  let conversation: ConversationBody;
  let messageId: string;
  beforeAll(async () => {
    alice = await server.createUser();
    conversation = await createGroup(server, alice, [await server.createUser()]);
    messageId = (await sendMessage(server, alice, conversation.conversation_id, 'react to me')).message_id;
  });

  it('When a path parameter holds %00, then it answers 400 naming the parameter and nothing is stored', async () => {
    // Act
    const emoji = await server.http
      .put(`${API}/conversations/${conversation.conversation_id}/messages/${messageId}/reactions/${encodeURIComponent('👍')}%00/`)
      .set('Authorization', alice.auth);
    const id = await server.http.get(`${API}/conversations/${conversation.conversation_id}%00/`).set('Authorization', alice.auth);

    // Assert
    expectRefused(emoji, ['emoji']);
    expectRefused(id, ['conversation_id']);
    expect(await count('message_reactions')).toBe(0);
  });
});

describe('headers', () => {
  /** Sends a raw request (supertest and fetch refuse to send a NUL in a header at all). */
  function rawRequest(head: string, body: string): Promise<string> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  it('When a header that reaches the domain (Idempotency-Key) holds a NUL, then the request is refused with 400 before it exists, and nothing is stored', async () => {
    // Arrange
    const { alice, conversationId } = await twoPeopleTalking(server);
    const messagesBefore = await count('messages');

    // Act
    const answer = await rawRequest(
      [
        `POST ${API}/conversations/${conversationId}/messages/ HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: ${alice.auth}`,
        'Content-Type: application/json',
        `Idempotency-Key: key${NUL}one`,
        'Connection: close',
      ].join('\r\n'),
      JSON.stringify({ message_body: 'hello' }),
    );

    // Assert: Node's HTTP parser refuses it; the answer is still the API's error shape.
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/Content-Type: application\/json/i);
    expect(JSON.parse(body)).toEqual({ error: { code: 'validation_failed', message: expect.stringMatching(/header/) } });
    expect(await count('messages')).toBe(messagesBefore);
  });
});
