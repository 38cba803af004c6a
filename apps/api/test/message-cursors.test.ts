import {
  createConversation,
  createUsers,
  expectError,
  MESSAGE_PAGE_KEYS,
  relativeLink,
  seedMessages,
  sendMessage,
  sortedKeys,
  type MessagePageBody,
  urls,
} from './support/api';
import { useTestServer, type TestUser } from './support/test-server';

const server = useTestServer();

const messagesUrl = urls.messages;
const bodiesOf = (page: MessagePageBody) => page.results.map((message) => message.message_body);

async function conversationWith(count: number, at: (i: number) => string = (i) => `2026-03-01T10:00:${String(i).padStart(2, '0')}.000Z`) {
  const [alice, bob] = await createUsers(server, 2);
  const { conversation_id: conversationId } = await createConversation(server, alice, bob);
  const sent = await seedMessages(
    server,
    conversationId,
    Array.from({ length: count }, (_, i) => ({ from: i % 2 ? bob : alice, text: `m${i + 1}`, at: at(i) })),
  );
  return { alice, bob, conversationId, sent };
}

async function get(user: TestUser, url: string): Promise<MessagePageBody> {
  const res = await server.http.get(url).set('Authorization', user.auth);
  expect(res.status).toBe(200);
  return res.body as MessagePageBody;
}

describe('GET /conversations/{conversation_id}/messages/ with cursors', () => {
  it('When walking back from the newest page with next_cursor as before, then every message appears once, newest first, until history ends', async () => {
    // Arrange
    const { alice, conversationId } = await conversationWith(7);

    // Act
    const pages = [await get(alice, `${messagesUrl(conversationId)}?page_size=3`)];
    while (pages.at(-1)!.next_cursor) {
      pages.push(await get(alice, `${messagesUrl(conversationId)}?page_size=3&before=${pages.at(-1)!.next_cursor}`));
    }

    // Assert
    expect(pages.map(bodiesOf)).toEqual([['m7', 'm6', 'm5'], ['m4', 'm3', 'm2'], ['m1']]);
    expect(pages.slice(1).map((page) => page.count)).toEqual([null, null]);
    expect(pages.at(-1)).toMatchObject({ next: null, next_cursor: null });
    for (const page of pages) expect(sortedKeys(page)).toEqual(MESSAGE_PAGE_KEYS);
  });

  it('When following the links of cursor pages, then they carry the cursor, drop page, and keep the filters', async () => {
    // Arrange
    const { alice, conversationId } = await conversationWith(5);

    // Act
    const first = await get(alice, `${messagesUrl(conversationId)}?page_size=2&sender=${alice.username}`);
    const second = await get(alice, `${messagesUrl(conversationId)}?page_size=2&sender=${alice.username}&before=${first.next_cursor}`);
    const back = await get(alice, relativeLink(server, second.previous));

    // Assert
    expect(bodiesOf(first)).toEqual(['m5', 'm3']);
    expect(bodiesOf(second)).toEqual(['m1']);
    expect(second.next).toBeNull();
    expect(second.previous).toContain(`after=${second.prev_cursor}`);
    expect(new URL(second.previous!).searchParams.get('sender')).toBe(alice.username);
    expect(new URL(second.previous!).searchParams.has('before')).toBe(false);
    expect(bodiesOf(back)).toEqual(['m5', 'm3']);
  });

  it('When many messages share one millisecond, then cursor pages still return each exactly once (ties break on the id)', async () => {
    // Arrange
    const { alice, conversationId, sent } = await conversationWith(9, () => '2026-03-01T10:00:00.000Z');

    // Act
    const seen: string[] = [];
    let page = await get(alice, `${messagesUrl(conversationId)}?page_size=2&ordering=sent_at`);
    seen.push(...page.results.map((m) => m.message_id));
    while (page.next) {
      page = await get(alice, relativeLink(server, page.next));
      seen.push(...page.results.map((m) => m.message_id));
    }

    // Assert
    expect(seen).toEqual(sent.map((m) => m.message_id).sort());
  });

  it('When new messages arrive while history is being loaded, then the next older page neither repeats nor skips', async () => {
    // Arrange
    const { alice, bob, conversationId } = await conversationWith(6);
    const first = await get(alice, `${messagesUrl(conversationId)}?page_size=3`);

    // Act: two messages arrive (a page number would now shift by two)
    await sendMessage(server, bob, conversationId, 'new 1');
    await sendMessage(server, bob, conversationId, 'new 2');
    const older = await get(alice, `${messagesUrl(conversationId)}?page_size=3&before=${first.next_cursor}`);

    // Assert
    expect(bodiesOf(first)).toEqual(['m6', 'm5', 'm4']);
    expect(bodiesOf(older)).toEqual(['m3', 'm2', 'm1']);
  });

  it('When catching up with after=prev_cursor, then exactly the messages sent since come back, and the cursor to poll again stays', async () => {
    // Arrange
    const { alice, bob, conversationId } = await conversationWith(3);
    const seen = await get(alice, `${messagesUrl(conversationId)}?page_size=10`);
    for (const text of ['n1', 'n2', 'n3']) await sendMessage(server, bob, conversationId, text);

    // Act
    const caughtUp = await get(alice, `${messagesUrl(conversationId)}?ordering=sent_at&page_size=2&after=${seen.prev_cursor}`);
    const rest = await get(alice, relativeLink(server, caughtUp.next));
    const nothingYet = await get(alice, `${messagesUrl(conversationId)}?ordering=sent_at&after=${rest.next_cursor}`);

    // Assert
    expect(bodiesOf(caughtUp)).toEqual(['n1', 'n2']);
    expect(bodiesOf(rest)).toEqual(['n3']);
    expect(rest.next).toBeNull();
    expect(rest.next_cursor).not.toBeNull();
    expect(nothingYet).toMatchObject({ results: [], next: null, next_cursor: rest.next_cursor, count: null });
    expect(nothingYet.previous).not.toBeNull();
  });

  it('When after is used with the default newest-first order, then the nearest newer messages come back, newest first', async () => {
    // Arrange
    const { alice, conversationId, sent } = await conversationWith(6);
    const oldestTwo = await get(alice, `${messagesUrl(conversationId)}?ordering=sent_at&page_size=2`);

    // Act
    const res = await get(alice, `${messagesUrl(conversationId)}?page_size=2&after=${oldestTwo.next_cursor}`);

    // Assert
    expect(sent.map((m) => m.message_body)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(bodiesOf(res)).toEqual(['m4', 'm3']);
    expect(res.previous).not.toBeNull();
    expect(res.next).not.toBeNull();
  });

  it('When before points at the oldest message, then the page is empty, with nothing further back but a way forward', async () => {
    // Arrange
    const { alice, conversationId } = await conversationWith(2);
    const oldest = await get(alice, `${messagesUrl(conversationId)}?ordering=sent_at&page_size=1`);

    // Act
    const res = await get(alice, `${messagesUrl(conversationId)}?before=${oldest.next_cursor}`);

    // Assert
    expect(bodiesOf(oldest)).toEqual(['m1']);
    expect(oldest.prev_cursor).toBeNull();
    expect(res).toMatchObject({ results: [], next: null, next_cursor: null, prev_cursor: oldest.next_cursor, count: null });
    expect(bodiesOf(await get(alice, relativeLink(server, res.previous)))).toEqual(['m2']);
  });

  it('When a cursor page is deep in a long history, then it answers just that slice', async () => {
    // Arrange
    const { alice, conversationId } = await conversationWith(30, (i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
    const all = await get(alice, `${messagesUrl(conversationId)}?page_size=100&ordering=sent_at`);
    const cursorAt = (await get(alice, `${messagesUrl(conversationId)}?page_size=10&ordering=sent_at`)).next_cursor;

    // Act
    const res = await get(alice, `${messagesUrl(conversationId)}?page_size=5&after=${cursorAt}&ordering=sent_at`);

    // Assert
    expect(bodiesOf(res)).toEqual(bodiesOf(all).slice(10, 15));
  });

  it.each([
    ['before', 'not-a-cursor'],
    ['after', 'bm90LWEtY3Vyc29y'],
    ['before', Buffer.from('1700000000000.not-a-uuid').toString('base64url')],
    ['after', Buffer.from('99999999999999999.00000000-0000-4000-8000-000000000000').toString('base64url')],
  ])('When %s is not a cursor from this API (%s), then it answers 400 naming it', async (parameter, value) => {
    // Arrange
    const { alice, conversationId } = await conversationWith(1);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?${parameter}=${value}`).set('Authorization', alice.auth);

    // Assert
    expectError(res, 400, 'validation_failed', [parameter]);
  });

  it('When both before and after are given, or a cursor with page, then it answers 400 naming the extra parameter', async () => {
    // Arrange
    const { alice, conversationId } = await conversationWith(3);
    const { next_cursor: cursor, prev_cursor: other } = await get(alice, `${messagesUrl(conversationId)}?page_size=1`);

    // Act
    const both = await server.http.get(`${messagesUrl(conversationId)}?before=${cursor}&after=${other}`).set('Authorization', alice.auth);
    const withPage = await server.http.get(`${messagesUrl(conversationId)}?before=${cursor}&page=1`).set('Authorization', alice.auth);

    // Assert
    expectError(both, 400, 'validation_failed', ['after']);
    expectError(withPage, 400, 'validation_failed', ['page']);
  });

  it('When a non-participant uses a cursor, then it answers 404', async () => {
    // Arrange
    const { alice, conversationId } = await conversationWith(2);
    const { next_cursor: cursor } = await get(alice, `${messagesUrl(conversationId)}?page_size=1`);
    const [stranger] = await createUsers(server, 1);

    // Act
    const res = await server.http.get(`${messagesUrl(conversationId)}?before=${cursor}`).set('Authorization', stranger.auth);

    // Assert
    expectError(res, 404, 'not_found');
  });
});
