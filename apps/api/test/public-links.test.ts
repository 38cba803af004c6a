/**
 * Absolute links (the `next`/`previous` of every list, cursor links included) must not follow the
 * request's Host header: `Host: evil.example` made them point there, for any cache or client that
 * follows them. With PUBLIC_URL they start with it whatever the request says; without it (development
 * and test only) they follow the request, and X-Forwarded-* only when TRUST_PROXY trusts the proxy.
 */
import { loadSpec } from '../src/platform/http/openapi-spec';
import { API, createGroup, createUsers, sendMessage, type PageBody } from './support/api';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

const SPEC = loadSpec() as unknown as {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
};

/** Every list operation in the contract: its 200 answer is one of the *Page envelopes. */
function listOperationsInSpec(): string[] {
  return Object.entries(SPEC.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => /Page$/.test(operation.responses?.['200']?.content?.['application/json']?.schema?.$ref ?? ''))
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}

interface Lists {
  staff: TestUser;
  /** Spec operation → a concrete URL (page_size=1) whose answer has a next page. */
  urls: Record<string, string>;
  conversationId: string;
}

/** Data enough for a second page on every list: two users, two conversations, replies, edits. */
async function listsWithTwoPages(server: TestServer): Promise<Lists> {
  const [staff, other] = await createUsers(server, 2);
  await server.makeStaff(staff);
  await createGroup(server, staff, [other]);
  const group = await createGroup(server, staff, [other]);
  const conversationId = group.conversation_id;
  const top = await sendMessage(server, staff, conversationId, 'top');
  await sendMessage(server, staff, conversationId, 'reply one', top.message_id);
  await sendMessage(server, staff, conversationId, 'reply two', top.message_id);
  for (const text of ['first edit', 'second edit']) {
    await server.http
      .patch(`${API}/conversations/${conversationId}/messages/${top.message_id}/`)
      .set('Authorization', staff.auth)
      .send({ message_body: text })
      .expect(200);
  }
  const message = `/conversations/${conversationId}/messages/${top.message_id}`;
  return {
    staff,
    conversationId,
    urls: {
      'GET /users': '/users/?page_size=1',
      'GET /conversations': '/conversations/?page_size=1',
      'GET /conversations/{conversation_id}/messages': `/conversations/${conversationId}/messages/?page_size=1`,
      'GET /conversations/{conversation_id}/messages/{message_id}/history': `${message}/history/?page_size=1`,
      'GET /conversations/{conversation_id}/messages/{message_id}/replies': `${message}/replies/?page_size=1`,
      'GET /admin/users': '/admin/users/?page_size=1',
      'GET /admin/conversations': '/admin/conversations/?page_size=1',
    },
  };
}

describe('links with PUBLIC_URL=https://chat.example.com/messaging/', () => {
  let server: TestServer;
  let lists: Lists;
  beforeAll(async () => {
    server = await startTestServer({}, { PUBLIC_URL: 'https://chat.example.com/messaging/', TRUST_PROXY: '1' });
    lists = await listsWithTwoPages(server);
  }, 120_000);
  afterAll(() => server.stop());

  it('When a request says Host: evil.example (and X-Forwarded-Host, X-Forwarded-Proto), then every list’s next and previous start with PUBLIC_URL', async () => {
    // The table covers every list operation of the contract.
    expect(Object.keys(lists.urls).sort()).toEqual(listOperationsInSpec().sort());

    for (const [operation, url] of Object.entries(lists.urls)) {
      // Act
      const first = await server.http
        .get(`${API}${url}`)
        .set('Authorization', lists.staff.auth)
        .set('Host', 'evil.example')
        .set('X-Forwarded-Host', 'evil.example')
        .set('X-Forwarded-Proto', 'http');
      const second = await server.http.get(`${API}${url}&page=2`).set('Authorization', lists.staff.auth).set('Host', 'evil.example');

      // Assert: the public base, with its path prefix, then the request's own path and query.
      expect([operation, first.status, second.status]).toEqual([operation, 200, 200]);
      const { next } = first.body as PageBody<unknown>;
      const { previous } = second.body as PageBody<unknown>;
      expect([operation, next]).toEqual([operation, `https://chat.example.com/messaging${API}${url}&page=2`]);
      expect([operation, previous]).toEqual([operation, `https://chat.example.com/messaging${API}${url}&page=1`]);
    }
  });

  it('When messages are read by cursor with a forged Host, then the before/after links start with PUBLIC_URL too', async () => {
    // Arrange
    const messages = `${API}/conversations/${lists.conversationId}/messages/`;
    const first = await server.http.get(`${messages}?page_size=1`).set('Authorization', lists.staff.auth).expect(200);

    // Act
    const res = await server.http
      .get(`${messages}?page_size=1&before=${first.body.next_cursor as string}`)
      .set('Authorization', lists.staff.auth)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .expect(200);

    // Assert
    expect(res.body.previous).toMatch(
      new RegExp(`^https://chat\\.example\\.com/messaging${API}/conversations/${lists.conversationId}/messages/\\?page_size=1&after=`),
    );
  });
});

describe('links without PUBLIC_URL (development and test)', () => {
  let server: TestServer;
  let lists: Lists;
  beforeAll(async () => {
    server = await startTestServer();
    lists = await listsWithTwoPages(server);
  }, 120_000);
  afterAll(() => server.stop());

  it('When no proxy is trusted, then X-Forwarded-Host and X-Forwarded-Proto are ignored and links follow the connection', async () => {
    // Act
    const res = await server.http
      .get(`${API}/conversations/?page_size=1`)
      .set('Authorization', lists.staff.auth)
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);

    // Assert
    expect(res.body.next).toBe(`${server.url}${API}/conversations/?page_size=1&page=2`);
  });
});

describe('links without PUBLIC_URL behind a trusted proxy (TRUST_PROXY=1)', () => {
  let server: TestServer;
  let lists: Lists;
  beforeAll(async () => {
    server = await startTestServer({}, { TRUST_PROXY: '1' });
    lists = await listsWithTwoPages(server);
  }, 120_000);
  afterAll(() => server.stop());

  it('When the proxy says X-Forwarded-Proto: https and X-Forwarded-Host, then links use them', async () => {
    // Act
    const res = await server.http
      .get(`${API}/conversations/?page_size=1`)
      .set('Authorization', lists.staff.auth)
      .set('X-Forwarded-Host', 'chat.example.org')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);

    // Assert
    expect(res.body.next).toBe(`https://chat.example.org${API}/conversations/?page_size=1&page=2`);
  });
});
