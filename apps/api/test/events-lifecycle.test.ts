/**
 * The realtime stream's lifecycle, each case on a server of its own: shutdown ends streams, and old
 * events are pruned.
 */
import { API, createGroup, sendMessage, sleep } from './support/api';
import { openSse } from './support/sse';
import { startTestServer } from './support/test-server';

const ofType = (type: string) => (frame: { event: string }) => frame.event === type;

describe('shutdown', () => {
  it('When the server stops, then open streams end with server_shutdown and the stop does not wait out the grace period', async () => {
    const own = await startTestServer({}, { SHUTDOWN_GRACE_PERIOD: '20' });
    const alice = await own.createUser();
    const client = await openSse(own.url, `${API}/events`, { Authorization: alice.auth });
    await client.waitFor(ofType('ready'));

    const started = Date.now();
    await own.stop();

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.parse((await client.waitFor(ofType('error'))).data)).toMatchObject({ reason: 'server_shutdown' });
    await client.ended;
  }, 60_000);
});

describe('retention', () => {
  it('When events are older than EVENTS_RETENTION, then they are pruned: a replay from the start no longer has them, and says so', async () => {
    const server = await startTestServer({}, { EVENTS_RETENTION: '1' });
    try {
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const id = (await createGroup(server, alice, [bob])).conversation_id;
      await sendMessage(server, alice, id, 'soon forgotten');
      const early = await openSse(server.url, `${API}/events?since=0`, { Authorization: bob.auth });
      const earlyReady = JSON.parse((await early.waitFor(ofType('ready'))).data);
      await early.waitFor(ofType('message.created'));
      early.close();

      // Pruning runs every min(10 min, retention): here every second.
      await sleep(3_500);
      await sendMessage(server, alice, id, 'kept');
      const late = await openSse(server.url, `${API}/events?since=0`, { Authorization: bob.auth });
      const lateReady = JSON.parse((await late.waitFor(ofType('ready'))).data);
      await late.waitFor(ofType('message.created'));
      await sleep(200);
      late.close();

      // The first replay had everything; the second is told that something after its position is gone.
      expect(earlyReady).toEqual({ last_event_id: '0', missed_events: false });
      expect(lateReady).toEqual({ last_event_id: '0', missed_events: true });
      expect(late.events().map((event) => (event.data.message as { message_body: string }).message_body)).toEqual(['kept']);
    } finally {
      await server.stop();
    }
  }, 30_000);
});
