/**
 * Realtime fan-out across API processes: two dist/main.js processes on one PostgreSQL. A message sent
 * through instance A reaches a stream held by instance B (PostgreSQL LISTEN/NOTIFY, not the polling
 * safety net: its interval is set far beyond the waits here), and keeps doing so after PostgreSQL
 * restarts under both.
 */
import request from 'supertest';
import { API, sleep } from './support/api';
import { describeWithPostgres, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { assertBuilt, launchHealthy, registerOver, stop, type ProcessUser, type ServerProcess } from './support/processes';
import { openSse, type SseClient } from './support/sse';
import { GENEROUS_RATE_LIMITS } from './support/test-server';

describeWithPostgres('two API instances on one database', () => {
  let postgres: PrivatePostgres;
  let a: ServerProcess & { url: string };
  let b: ServerProcess & { url: string };
  let alice: ProcessUser;
  let bob: ProcessUser;
  let conversationId: string;
  const streams: SseClient[] = [];

  /** Sends through A, retrying while A's pool recovers from an outage. */
  async function sendThroughA(text: string, deadlineMs = 30_000): Promise<string> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const res = await request(a.url)
        .post(`${API}/conversations/${conversationId}/messages/`)
        .set('Authorization', alice.auth)
        .send({ message_body: text });
      if (res.status === 201) return res.body.message_id as string;
      if (Date.now() > deadline) throw new Error(`sending failed: ${res.status} ${res.text}`);
      await sleep(250);
    }
  }

  beforeAll(async () => {
    assertBuilt();
    postgres = await startPrivatePostgres();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: postgres.url,
      JWT_SECRET: 'fanout-test-secret-'.padEnd(40, 'x'),
      EVENTS_POLL_INTERVAL: '300',
      ...GENEROUS_RATE_LIMITS,
    };
    // One after the other: the first applies the migrations.
    a = await launchHealthy(env);
    b = await launchHealthy(env);
    [alice, bob] = [await registerOver(a.url, 'fanout'), await registerOver(b.url, 'fanout')];
    const conversation = await request(a.url)
      .post(`${API}/conversations/`)
      .set('Authorization', alice.auth)
      .send({ participant_ids: [bob.userId] })
      .expect(201);
    conversationId = conversation.body.conversation_id as string;
  }, 120_000);
  afterEach(() => streams.splice(0).forEach((stream) => stream.close()));
  afterAll(async () => {
    if (a) await stop(a);
    if (b) await stop(b);
    await postgres?.destroy();
  });

  async function streamOnB(): Promise<SseClient> {
    const stream = await openSse(b.url, `${API}/events`, { Authorization: bob.auth });
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((frame) => frame.event === 'ready');
    return stream;
  }

  it('When a message is sent through instance A, then a stream on instance B receives it within a second', async () => {
    const stream = await streamOnB();

    const started = Date.now();
    const messageId = await sendThroughA('across instances');
    const frame = await stream.waitFor((f) => f.event === 'message.created' && f.data.includes(messageId), 2_000);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(JSON.parse(frame.data)).toMatchObject({
      type: 'message.created',
      conversation_id: conversationId,
      data: { message: { message_id: messageId } },
    });
  });

  it('When PostgreSQL restarts under both instances, then B listens again and delivery resumes, nothing lost', async () => {
    const stream = await streamOnB();
    const before = await sendThroughA('before the restart');
    await stream.waitFor((f) => f.data.includes(before), 2_000);

    await postgres.stop();
    await sleep(500);
    await postgres.start();
    const after = await sendThroughA('after the restart');

    await stream.waitFor((f) => f.data.includes(after), 20_000);
    const ids = stream.events().map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);
});
