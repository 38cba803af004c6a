/**
 * GET /api/v1/events: the realtime stream (server-sent events), through real HTTP against the real
 * server and database: authentication, every event type with the REST shapes, membership, resume
 * without gaps or duplicates, limits, slow clients and shutdown.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TokenSigner } from '../src/modules/auth/tokens';
import {
  API,
  createGroup,
  createUsers,
  expectError,
  sendMessage,
  sleep,
  type ConversationBody,
  type MessageBody,
  urls,
} from './support/api';
import { openSse, type SseClient } from './support/sse';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

let server: TestServer;
const open: SseClient[] = [];

beforeAll(async () => {
  server = await startTestServer(
    {},
    { EVENTS_HEARTBEAT_INTERVAL: '1', EVENTS_MAX_STREAMS_PER_USER: '3', EVENTS_MAX_BUFFER_BYTES: '16384', EVENTS_POLL_INTERVAL: '2' },
  );
}, 60_000);
afterEach(() => {
  open.splice(0).forEach((client) => client.close());
  expect(server.leaks).toEqual([]);
});
afterAll(() => server.stop());

async function stream(user: TestUser, options: { since?: string; lastEventId?: string } = {}): Promise<SseClient> {
  const query = options.since === undefined ? '' : `?since=${options.since}`;
  const client = await openSse(server.url, `${API}/events${query}`, {
    Authorization: user.auth,
    ...(options.lastEventId === undefined ? {} : { 'Last-Event-ID': options.lastEventId }),
  });
  open.push(client);
  if (client.status === 200) await client.waitFor((frame) => frame.event === 'ready');
  return client;
}

const ofType = (type: string) => (frame: { event: string }) => frame.event === type;
const dataOf = (frame: { data: string }) =>
  JSON.parse(frame.data) as { id: string; type: string; conversation_id: string; created_at: string; data: Record<string, unknown> };
const messagePath = urls.message;

async function openStreamCount(): Promise<number> {
  const res = await server.http.get('/metrics').expect(200);
  return Number(/^event_streams_open (\d+)/m.exec(res.text)?.[1]);
}

describe('authentication', () => {
  it('When no token is sent, then 401 in the error body and no stream', async () => {
    const res = await server.http.get(`${API}/events`);
    expectError(res, 401, 'unauthorized');
  });

  it('When since or Last-Event-ID is not an event id, then 400 naming it', async () => {
    const [alice] = await createUsers(server, 1);
    expectError(await server.http.get(`${API}/events?since=abc`).set('Authorization', alice.auth), 400, 'validation_failed', ['since']);
    expectError(
      await server.http.get(`${API}/events`).set('Authorization', alice.auth).set('Last-Event-ID', '-1'),
      400,
      'validation_failed',
    );
  });

  it('When the token expires while the stream is open, then the stream ends with token_expired', async () => {
    const [alice] = await createUsers(server, 1);
    const { sid } = jwt.decode(alice.access) as { sid: string };
    const shortLived = new TokenSigner({ secret: server.config.jwtSecret, accessTokenTtlSeconds: 2, refreshTokenTtlSeconds: 60 }).signPair({
      userId: alice.userId,
      sessionId: sid,
      refreshTokenId: randomUUID(),
      issuedAt: new Date(),
    }).access;
    const client = await stream({ ...alice, auth: `Bearer ${shortLived}` });

    const last = await client.waitFor(ofType('error'), 5_000);
    await client.ended;

    expect(JSON.parse(last.data)).toMatchObject({ reason: 'token_expired' });
  });

  it('When the account is deactivated while the stream is open, then the stream ends with user_inactive', async () => {
    const [alice, staff] = await createUsers(server, 2);
    await server.makeStaff(staff);
    const client = await stream(alice);

    await server.http.post(`${API}/admin/users/${alice.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);

    expect(JSON.parse((await client.waitFor(ofType('error'), 5_000)).data)).toMatchObject({ reason: 'user_inactive' });
    await client.ended;
  });
});

describe('event types', () => {
  it('When things happen in a conversation, then each participant receives each event once, in order, with the REST shapes', async () => {
    // Arrange
    const [alice, bob, carol] = await createUsers(server, 3);
    const bobs = await stream(bob);

    // Act: one of each kind of change
    const conversation = await createGroup(server, alice, [bob], 'Weekend');
    const id = conversation.conversation_id;
    const message = await sendMessage(server, alice, id, 'Hike on Saturday?');
    await server.http.patch(messagePath(message)).set('Authorization', alice.auth).send({ message_body: 'Hike on Sunday?' }).expect(200);
    await server.http
      .put(`${messagePath(message)}reactions/${encodeURIComponent('👍')}/`)
      .set('Authorization', bob.auth)
      .expect(200);
    await server.http
      .delete(`${messagePath(message)}reactions/${encodeURIComponent('👍')}/`)
      .set('Authorization', bob.auth)
      .expect(204);
    await server.http.post(`${API}/conversations/${id}/read/`).set('Authorization', bob.auth).send({}).expect(200);
    await server.http
      .post(`${API}/conversations/${id}/participants/`)
      .set('Authorization', alice.auth)
      .send({ user_ids: [carol.userId] })
      .expect(200);
    await server.http.delete(`${API}/conversations/${id}/participants/${carol.userId}/`).set('Authorization', alice.auth).expect(204);
    await server.http.delete(messagePath(message)).set('Authorization', alice.auth).expect(204);

    // Assert
    await bobs.waitFor(ofType('message.deleted'));
    const events = bobs.events();
    expect(events.map((event) => event.type)).toEqual([
      'conversation.created',
      'message.created',
      'message.updated',
      'reaction.added',
      'reaction.removed',
      'read.updated',
      'participant.added',
      'participant.removed',
      'message.deleted',
    ]);
    const ids = events.map((event) => BigInt(event.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(['conversation_id', 'created_at', 'data', 'id', 'type']);
      expect(event.conversation_id).toBe(id);
      expect(new Date(event.created_at).toISOString()).toBe(event.created_at);
    }
    const asBob = await server.http.get(`${API}/conversations/${id}/`).set('Authorization', bob.auth).expect(200);
    const created = events[0].data.conversation as ConversationBody;
    expect({ ...created, participants: created.participants.length }).toEqual({
      ...(asBob.body as ConversationBody),
      participants: 2,
      last_message: null,
      unread_count: 0,
      last_read_message_id: null,
    });
    expect(events[1].data).toEqual({ message });
    expect(events[2].data.message).toMatchObject({ message_id: message.message_id, message_body: 'Hike on Sunday?' });
    expect(events[3].data).toEqual({ message_id: message.message_id, user_id: bob.userId, emoji: '👍' });
    expect(events[4].data).toEqual({ message_id: message.message_id, user_id: bob.userId, emoji: '👍' });
    expect(events[5].data).toEqual({ user_id: bob.userId, last_read_message_id: message.message_id });
    expect(events[6].data).toEqual({
      participants: [{ user_id: carol.userId, username: carol.username, first_name: 'Test', last_name: 'User' }],
    });
    expect(events[7].data).toEqual({ user_id: carol.userId });
    expect(events[8].data).toEqual({ message_id: message.message_id });
  });

  it('When a message with reactions is edited, then each receiver sees reacted_by_me from their own point of view', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const id = (await createGroup(server, alice, [bob])).conversation_id;
    const message = await sendMessage(server, alice, id, 'Pizza?');
    await server.http
      .put(`${messagePath(message)}reactions/${encodeURIComponent('🍕')}/`)
      .set('Authorization', bob.auth)
      .expect(200);
    const [alices, bobs] = [await stream(alice), await stream(bob)];

    await server.http.patch(messagePath(message)).set('Authorization', alice.auth).send({ message_body: 'Pizza tonight?' }).expect(200);

    const [forAlice, forBob] = [
      dataOf(await alices.waitFor(ofType('message.updated'))),
      dataOf(await bobs.waitFor(ofType('message.updated'))),
    ];
    expect(forAlice.id).toBe(forBob.id);
    const asBob = await server.http.get(messagePath(message)).set('Authorization', bob.auth).expect(200);
    expect(forBob.data.message).toEqual(asBob.body);
    expect((forAlice.data.message as MessageBody).reactions).toEqual([{ emoji: '🍕', count: 1, reacted_by_me: false }]);
    expect((forBob.data.message as MessageBody).reactions).toEqual([{ emoji: '🍕', count: 1, reacted_by_me: true }]);
  });
});

describe('who receives what', () => {
  it('When someone is not in a conversation, then they receive none of its events', async () => {
    const [alice, bob, eve] = await createUsers(server, 3);
    const eves = await stream(eve);
    const bobs = await stream(bob);

    const id = (await createGroup(server, alice, [bob])).conversation_id;
    await sendMessage(server, alice, id, 'Just us');
    await bobs.waitFor(ofType('message.created'));
    await sleep(200);

    expect(eves.events()).toEqual([]);
  });

  it('When someone is removed, then they receive their removal and nothing after it, live or on replay', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const id = (await createGroup(server, alice, [bob, carol])).conversation_id;
    const carols = await stream(carol);
    const start = carols.frames[0].id!;

    await sendMessage(server, alice, id, 'Before');
    await server.http.delete(`${API}/conversations/${id}/participants/${carol.userId}/`).set('Authorization', alice.auth).expect(204);
    await sendMessage(server, alice, id, 'After');
    const bobs = await stream(bob, { since: start });
    await bobs.waitFor((frame) => frame.event === 'message.created' && frame.data.includes('After'));
    await sleep(200);

    expect(carols.events().map((event) => event.type)).toEqual(['message.created', 'participant.removed']);
    const replay = await stream(carol, { since: start });
    await sleep(300);
    expect(replay.events().map((event) => event.type)).toEqual(['message.created', 'participant.removed']);
  });
});

describe('resuming', () => {
  it('When a client reconnects with Last-Event-ID, then it receives everything it missed in order, then live events, with no duplicates', async () => {
    // Arrange: a stream that saw one message, then went away while more were sent
    const [alice, bob] = await createUsers(server, 2);
    const id = (await createGroup(server, alice, [bob])).conversation_id;
    const first = await stream(bob);
    await sendMessage(server, alice, id, 'seen');
    const seen = await first.waitFor(ofType('message.created'));
    first.close();
    const missed = [];
    for (let i = 0; i < 5; i += 1) missed.push(await sendMessage(server, alice, id, `missed ${i}`));

    // Act
    const resumed = await stream(bob, { lastEventId: seen.id });
    const live = await sendMessage(server, alice, id, 'live');
    await resumed.waitFor((frame) => frame.event === 'message.created' && frame.data.includes(live.message_id));

    // Assert
    expect(JSON.parse(resumed.frames[0].data)).toEqual({ last_event_id: seen.id, missed_events: false });
    const bodies = resumed.events().map((event) => (event.data.message as MessageBody).message_body);
    expect(bodies).toEqual(['missed 0', 'missed 1', 'missed 2', 'missed 3', 'missed 4', 'live']);
    const ids = resumed.events().map((event) => BigInt(event.id));
    expect(ids[0]).toBeGreaterThan(BigInt(seen.id!));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('When since is given, then the stream resumes after it; Last-Event-ID wins over since', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const id = (await createGroup(server, alice, [bob])).conversation_id;
    const start = (await stream(bob)).frames[0].id!;
    const one = await sendMessage(server, alice, id, 'one');
    await sendMessage(server, alice, id, 'two');
    const all = await stream(bob, { since: start });
    await all.waitFor((frame) => frame.data.includes('"two"'));
    const oneId = all.events()[0].id;

    const both = await stream(bob, { since: start, lastEventId: oneId });
    await both.waitFor((frame) => frame.data.includes('"two"'));

    expect(all.events().map((event) => (event.data.message as MessageBody).message_id)[0]).toBe(one.message_id);
    expect(both.events().map((event) => (event.data.message as MessageBody).message_body)).toEqual(['two']);
  });

  it('When the position is one this server never gave, then the stream says events were missed and goes on from now instead of waiting for ids to pass it', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const id = (await createGroup(server, alice, [bob])).conversation_id;
    const now = (await stream(bob)).frames[0].id!;

    const stale = await stream(bob, { lastEventId: '999999999999' });
    const live = await sendMessage(server, alice, id, 'after a database reset');
    await stale.waitFor((frame) => frame.event === 'message.created' && frame.data.includes(live.message_id));

    const ready = JSON.parse(stale.frames[0].data) as { last_event_id: string; missed_events: boolean };
    expect(ready.missed_events).toBe(true);
    expect(BigInt(ready.last_event_id)).toBeGreaterThanOrEqual(BigInt(now));
    expect(stale.events().map((event) => (event.data.message as MessageBody).message_body)).toEqual(['after a database reset']);
  });

  it('When many messages are sent at once from several conversations, then a stream gets them all with increasing ids, and a replay gives the same sequence', async () => {
    const [alice, bob, carol] = await createUsers(server, 3);
    const conversations = [
      await createGroup(server, alice, [bob, carol]),
      await createGroup(server, bob, [carol]),
      await createGroup(server, carol, [alice, bob]),
    ];
    const carols = await stream(carol);
    const start = carols.frames[0].id!;
    const senders = [alice, bob, carol];

    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) => sendMessage(server, senders[i % 3], conversations[i % 3].conversation_id, `burst ${i}`)),
    );
    await Promise.all(sent.map((message) => carols.waitFor((frame) => frame.data.includes(message.message_id))));
    const replay = await stream(carol, { since: start });
    await Promise.all(sent.map((message) => replay.waitFor((frame) => frame.data.includes(message.message_id))));

    const live = carols.events().map((event) => event.id);
    expect(live).toHaveLength(30);
    expect(live.map(BigInt)).toEqual([...live.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    expect(replay.events().map((event) => event.id)).toEqual(live);
  });
});

describe('concurrent writers', () => {
  it('When replies are sent, edited and deleted at once in one thread, then every call succeeds (recording events never deadlocks) and each change has its event', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const id = (await createGroup(server, alice, [bob])).conversation_id;
    const parent = await sendMessage(server, alice, id, 'thread');
    const replies = [];
    for (let i = 0; i < 6; i += 1) replies.push(await sendMessage(server, alice, id, `reply ${i}`, parent.message_id));
    const bobs = await stream(bob);

    const results = await Promise.all([
      ...replies.slice(0, 3).map((reply) => server.http.delete(messagePath(reply)).set('Authorization', alice.auth)),
      ...replies
        .slice(3)
        .map((reply) => server.http.patch(messagePath(reply)).set('Authorization', alice.auth).send({ message_body: 'edited' })),
      ...[0, 1, 2].map((i) =>
        server.http
          .post(`${API}/conversations/${id}/messages/`)
          .set('Authorization', bob.auth)
          .send({ message_body: `more ${i}`, parent_message_id: parent.message_id }),
      ),
    ]);

    expect(results.map((res) => res.status).sort()).toEqual([200, 200, 200, 201, 201, 201, 204, 204, 204]);
    for (const reply of replies.slice(0, 3))
      await bobs.waitFor((frame) => frame.event === 'message.deleted' && frame.data.includes(reply.message_id));
    const sent = results.filter((res) => res.status === 201).map((res) => res.body.message_id as string);
    for (const messageId of sent) await bobs.waitFor((frame) => frame.event === 'message.created' && frame.data.includes(messageId));
    for (const reply of replies.slice(3))
      await bobs.waitFor(
        (frame) => frame.event === 'message.updated' && frame.data.includes('"edited"') && frame.data.includes(reply.message_id),
      );
    const ids = bobs.events().map((event) => BigInt(event.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : 1)));
  }, 30_000);
});

describe('limits', () => {
  it('When a user opens more streams than allowed, then 429 in the error body before any stream starts', async () => {
    const [alice] = await createUsers(server, 1);
    await stream(alice);
    await stream(alice);
    await stream(alice);

    const res = await server.http.get(`${API}/events`).set('Authorization', alice.auth);

    expectError(res, 429, 'rate_limited');
  });

  it('When a stream is idle, then heartbeats keep coming', async () => {
    const [alice] = await createUsers(server, 1);
    const client = await stream(alice);
    await sleep(2_500);
    expect(client.comments).toBeGreaterThanOrEqual(2);
  });

  it('When a client stops reading, then the server closes its stream once the buffer bound is reached, instead of buffering without end', async () => {
    const [alice, bob] = await createUsers(server, 2);
    const id = (await createGroup(server, alice, [bob])).conversation_id;
    const before = await openStreamCount();
    const slow = await stream(bob);
    expect(await openStreamCount()).toBe(before + 1);
    slow.pause();

    // The kernel's socket buffers take about 4 MB before anything waits in the server's memory.
    const body = 'x'.repeat(4000);
    let closed = false;
    for (let round = 0; round < 150 && !closed; round += 1) {
      await Promise.all(Array.from({ length: 10 }, () => sendMessage(server, alice, id, body)));
      closed = (await openStreamCount()) === before;
    }

    expect(closed).toBe(true);
    slow.resume();
    await slow.ended;
    const last = slow.frames.at(-1)!;
    // The final frame may be cut off with the connection; when it arrives, it says why.
    if (last.event === 'error') expect(JSON.parse(last.data)).toMatchObject({ reason: 'slow_consumer' });
  }, 120_000);
});
