/**
 * SIGTERM on the real entry point (dist/main.js): it stops accepting connections, finishes every
 * request already in flight, closes the database pool and exits 0.
 *
 * Requests are made "in flight" deterministically: each client first completes a request on a
 * keep-alive connection (so the server has accepted that connection), then sends the headers and
 * half the body of the next one, and only sends the rest after SIGTERM.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '@messaging-app/shared';
import { API, sleep } from './support/api';
import { assertBuilt, launchHealthy, type ServerProcess } from './support/processes';
import { createIsolatedDatabase } from './support/test-database';
import { GENEROUS_RATE_LIMITS, TEST_PASSWORD, uniqueName } from './support/test-server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One client with one keep-alive connection, on which it can start a request and finish it later. */
class SlowClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(private readonly base: URL) {}

  call(method: string, pathname: string, body?: object, headers: Record<string, string> = {}): Promise<Reply> {
    const pending = this.begin(method, pathname, body, headers);
    pending.finish();
    return pending.reply;
  }

  /** Sends the headers and the first half of the body now; `finish()` sends the rest. */
  begin(method: string, pathname: string, body?: object, headers: Record<string, string> = {}) {
    const payload = body ? Buffer.from(JSON.stringify(body)) : Buffer.alloc(0);
    const req = http.request({
      agent: this.agent,
      host: this.base.hostname,
      port: this.base.port,
      method,
      path: pathname,
      headers: { ...headers, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}) },
    });
    const reply = new Promise<Reply>((resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
    });
    const half = Math.floor(payload.length / 2);
    req.write(payload.subarray(0, half));
    req.flushHeaders();
    return { reply, finish: () => req.end(payload.subarray(half)) };
  }

  close(): void {
    this.agent.destroy();
  }
}

/** True once the server no longer accepts new connections. */
async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`);
    return false;
  } catch {
    return true;
  }
}

describe('SIGTERM on dist/main.js', () => {
  let database: { url: string | undefined; drop(): Promise<void> };
  let env: Record<string, string>;
  const launched: ServerProcess[] = [];
  /** A server that failed to exit must not outlive its test. */
  afterEach(() => {
    for (const { child } of launched.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  beforeAll(async () => {
    assertBuilt();
    database = await createIsolatedDatabase();
    // PostgreSQL when the suite runs against it; otherwise an embedded database in a folder, reopened afterwards.
    const storage: Record<string, string> = database.url
      ? { DATABASE_URL: database.url }
      : { PGLITE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'messaging-shutdown-')), 'pglite') };
    env = { NODE_ENV: 'test', LOG_LEVEL: 'info', JWT_SECRET: 'shutdown-test-secret-'.padEnd(40, 'x'), ...GENEROUS_RATE_LIMITS, ...storage };
  });
  afterAll(() => database?.drop());

  async function openStorage(): Promise<Database> {
    return openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR });
  }

  /** Requests in flight on several connections, SIGTERM, then: all answered, connections refused, exit 0, data kept. */
  async function drainsRequestsInFlight(
    extraEnv: Record<string, string> = {},
    ready: (output: string) => boolean = () => true,
  ): Promise<string> {
    // Arrange: a user, a conversation, and clients whose connections the server has accepted.
    const api: ServerProcess & { url: string } = await launchHealthy({ ...env, ...extraEnv });
    launched.push(api);
    for (let attempt = 0; !ready(api.output()) && attempt < 200; attempt += 1) await sleep(100);
    expect(ready(api.output())).toBe(true);
    const base = new URL(api.url);
    const setup = new SlowClient(base);
    const username = uniqueName('drain');
    const other = uniqueName('drain');
    for (const name of [username, other]) {
      const created = await setup.call('POST', `${API}/users/`, {
        username: name,
        email: `${name}@example.com`,
        password: TEST_PASSWORD,
        first_name: 'D',
        last_name: 'R',
      });
      expect(created.status).toBe(201);
    }
    const signIn = JSON.parse((await setup.call('POST', `${API}/token/`, { username, password: TEST_PASSWORD })).body);
    const otherId = JSON.parse((await setup.call('POST', `${API}/token/`, { username: other, password: TEST_PASSWORD })).body).user.user_id;
    const auth = { Authorization: `Bearer ${signIn.access as string}` };
    const conversation = JSON.parse((await setup.call('POST', `${API}/conversations/`, { participant_ids: [otherId] }, auth)).body);
    const messages = `${API}/conversations/${conversation.conversation_id as string}/messages/`;
    setup.close();

    const clients = Array.from({ length: 12 }, () => new SlowClient(base));
    for (const client of clients) expect((await client.call('GET', '/healthz')).status).toBe(200);
    const started = clients.map((client, i) =>
      i % 3 === 2
        ? client.begin('POST', `${API}/token/`, { username, password: TEST_PASSWORD })
        : client.begin('POST', messages, { message_body: `in flight ${i}` }, auth),
    );
    await sleep(200);

    // Act: SIGTERM, wait until the listener is closed, then let the requests finish.
    api.child.kill('SIGTERM');
    let refused = false;
    for (let attempt = 0; !refused && attempt < 50; attempt += 1) {
      refused = await refusesConnections(api.url);
      if (!refused) await sleep(50);
    }
    for (const request of started) request.finish();
    const replies = await Promise.all(started.map((request) => request.reply));
    const exitCode = await api.exited;
    clients.forEach((client) => client.close());

    // Assert: every request in flight was answered in full, on a connection the server then closed.
    expect(refused).toBe(true);
    expect(replies.map((reply) => reply.status)).toEqual(started.map((_, i) => (i % 3 === 2 ? 200 : 201)));
    for (const reply of replies) expect(reply.headers.connection).toBe('close');
    expect(exitCode).toBe(0);
    expect(api.output()).toContain('shutting down');

    // …and the messages it acknowledged are stored.
    const db = await openStorage();
    try {
      const acknowledged = replies.filter((reply) => reply.status === 201).map((reply) => JSON.parse(reply.body).message_id as string);
      const stored = await db.models.Message.findAll({ where: { conversationId: conversation.conversation_id }, raw: true });
      expect(stored.map((row) => row.messageId).sort()).toEqual(acknowledged.sort());
    } finally {
      await db.close();
    }
    return api.output();
  }

  it('When SIGTERM arrives with requests in flight, then every one completes, new connections are refused, and it exits 0 with the data kept', async () => {
    await drainsRequestsInFlight();
  }, 120_000);

  it('When WEB_CONCURRENCY=2 and SIGTERM reaches the primary with requests in flight, then every worker drains them and the API exits 0 (one process on the embedded database)', async () => {
    const listeningLines = (output: string) => output.split('messaging API listening on').length - 1;
    if (env.DATABASE_URL) {
      // Both workers up before the requests start, so they are spread over the two.
      const output = await drainsRequestsInFlight({ WEB_CONCURRENCY: '2' }, (text) => listeningLines(text) >= 2);
      expect(output).toContain('running 2 processes');
      expect(output).toContain('every worker has stopped');
      expect(output.split('"msg":"shutting down"').length - 1).toBe(2);
    } else {
      const output = await drainsRequestsInFlight({ WEB_CONCURRENCY: '2' });
      expect(output).toContain('running one process, not 2: WEB_CONCURRENCY needs DATABASE_URL');
      expect(listeningLines(output)).toBe(1);
    }
  }, 120_000);

  it('When a request never finishes, then after SHUTDOWN_GRACE_PERIOD the connection is cut and it still exits 0', async () => {
    // Arrange: a request whose body never completes.
    const api = await launchHealthy({ ...env, SHUTDOWN_GRACE_PERIOD: '1s' });
    launched.push(api);
    const client = new SlowClient(new URL(api.url));
    expect((await client.call('GET', '/healthz')).status).toBe(200);
    const stuck = client.begin('POST', `${API}/token/`, { username: 'never', password: 'finishes-this-body' });
    const outcome = stuck.reply.then(
      () => 'answered',
      () => 'cut',
    );
    await sleep(200);

    // Act
    const signalled = Date.now();
    api.child.kill('SIGTERM');
    const exitCode = await api.exited;
    const seconds = (Date.now() - signalled) / 1000;
    client.close();

    // Assert
    expect(exitCode).toBe(0);
    expect(await outcome).toBe('cut');
    expect(seconds).toBeGreaterThanOrEqual(0.9);
    expect(seconds).toBeLessThan(8);
  }, 120_000);
});
