import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  ConnectionError,
  MessagingClient,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ClientOptions,
} from '../src';
import { sendError, sendJson, startStub, type StubServer } from './support/stub-server';

const USER = {
  user_id: '11111111-1111-4111-8111-111111111111',
  username: 'stub',
  email: 'stub@example.com',
  first_name: 'Stub',
  last_name: 'User',
  phone_number: null,
  role: 'guest',
  is_staff: false,
  created_at: '2026-01-01T00:00:00.000Z',
};
const MESSAGE = {
  message_id: '22222222-2222-4222-8222-222222222222',
  conversation_id: '33333333-3333-4333-8333-333333333333',
  sender: { user_id: USER.user_id, username: USER.username, first_name: USER.first_name, last_name: USER.last_name },
  message_body: 'hello',
  sent_at: '2026-01-01T00:00:00.000Z',
  edited_at: null,
  deleted: false,
  parent_message_id: null,
  reply_count: 0,
  last_reply_at: null,
  reactions: [],
};

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

/** A stub answering with `statuses` in turn (then 200 with `body`), and a client for it that needs no sign-in. */
async function clientFor(statuses: Array<number | 'hang'>, options: Partial<ClientOptions> = {}, body: unknown = USER) {
  stub = await startStub((_req, res, index) => {
    const status = statuses[index] ?? 200;
    if (status === 'hang') return;
    if (status === 200 || status === 201) return sendJson(res, status, body);
    const code =
      { 408: 'request_timeout', 422: 'validation_failed', 429: 'rate_limited', 503: 'service_unavailable' }[status] ?? 'internal_error';
    sendError(res, status, code, status === 429 || status === 503 ? { 'Retry-After': '1' } : {});
  });
  const client = new MessagingClient({ baseUrl: stub.url, accessToken: 'stub-token', ...options } as ClientOptions);
  return { client, requests: stub.requests };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = Date.now();
  try {
    return { value: await work(), ms: Date.now() - start };
  } catch (error) {
    return { error, ms: Date.now() - start };
  }
}

describe('retries', () => {
  it('When a GET gets 5xx twice, then it is retried with backoff and succeeds on the third attempt', async () => {
    const { client, requests } = await clientFor([500, 502]);

    const { value, ms } = await timed(() => client.users.me());

    expect(value).toMatchObject({ userId: USER.user_id, createdAt: new Date(USER.created_at) });
    expect(requests).toHaveLength(3);
    // 0.5s then 1s, each less up to 25% jitter.
    expect(ms).toBeGreaterThanOrEqual(1_100);
    expect(requests.every((r) => r.headers.authorization === 'Bearer stub-token')).toBe(true);
  });

  it('When a 429 says Retry-After: 1, then the retry waits that second rather than the 0.5s backoff', async () => {
    const { client, requests } = await clientFor([429]);

    const { value, ms } = await timed(() => client.users.me());

    expect(value).toMatchObject({ username: 'stub' });
    expect(requests).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(950);
  });

  it('When retries run out, then the last error is thrown: RateLimitError with retryAfter and the request id', async () => {
    const { client, requests } = await clientFor([429, 429, 429], { maxRetries: 0 });

    const { error } = await timed(() => client.users.me());

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 1, requestId: 'stub-429' });
    expect(requests).toHaveLength(1);
  });

  it('When a call sets maxRetries, then it overrides the client’s', async () => {
    const { client, requests } = await clientFor([503, 503, 503, 503], { maxRetries: 3 });

    const { error } = await timed(() => client.users.me({ maxRetries: 1 }));

    expect(error).toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(2);
  });

  it('When a 408 comes back, then it is retried', async () => {
    const { client, requests } = await clientFor([408]);

    await expect(client.users.me()).resolves.toMatchObject({ username: 'stub' });
    expect(requests).toHaveLength(2);
  });

  it('When a POST without an Idempotency-Key gets a 5xx, then it is not retried: it may have been done', async () => {
    const { client, requests } = await clientFor([500], {}, MESSAGE);

    await expect(client.conversations.markRead(MESSAGE.conversation_id)).rejects.toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('When messages.send gets a 5xx, then it is retried with the key it generated, the same on every attempt', async () => {
    const { client, requests } = await clientFor([500, 503], {}, MESSAGE);

    const message = await client.messages.send(MESSAGE.conversation_id, { messageBody: 'hello' });

    expect(message.messageId).toBe(MESSAGE.message_id);
    const keys = requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('When two sends are made, then each gets its own key', async () => {
    const { client, requests } = await clientFor([], {}, MESSAGE);

    await client.messages.send(MESSAGE.conversation_id, { messageBody: 'one' });
    await client.messages.send(MESSAGE.conversation_id, { messageBody: 'two' });

    expect(new Set(requests.map((r) => r.headers['idempotency-key'])).size).toBe(2);
  });

  it('When the caller chooses the key (in any spelling), then it is sent once, on every attempt', async () => {
    const { client, requests } = await clientFor([500], {}, MESSAGE);

    const message = await client.messages.send(
      MESSAGE.conversation_id,
      { messageBody: 'hello' },
      { headers: { 'idempotency-key': 'k-1' } },
    );

    expect(message.messageId).toBe(MESSAGE.message_id);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it('When a PATCH gets a 5xx, then it is not retried', async () => {
    const { client, requests } = await clientFor([503], {}, MESSAGE);

    await expect(client.messages.update(MESSAGE.conversation_id, MESSAGE.message_id, { messageBody: 'x' })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(requests).toHaveLength(1);
  });

  it('When nothing listens, then ConnectionError after the retries', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    let attempts = 0;
    const client = new MessagingClient({
      baseUrl: `http://127.0.0.1:${port}`,
      accessToken: 'stub-token',
      maxRetries: 1,
      fetch: (input, init) => {
        attempts += 1;
        return fetch(input, init);
      },
    });

    const { error } = await timed(() => client.users.me());

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).message).toMatch(/Could not reach the API/);
    expect(attempts).toBe(2);
  });
});

describe('timeouts and cancelling', () => {
  it('When the server does not answer in time, then TimeoutError (a ConnectionError), and the call-level timeout wins', async () => {
    const { client, requests } = await clientFor(['hang', 'hang'], { maxRetries: 0 });

    const { error, ms } = await timed(() => client.users.me({ timeout: 300 }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(ms).toBeLessThan(2_000);
    expect(requests).toHaveLength(1);
  });

  it('When an attempt times out and retries are allowed, then it is tried again', async () => {
    const { client, requests } = await clientFor(['hang'], { timeout: 300, maxRetries: 1 });

    await expect(client.users.me()).resolves.toMatchObject({ username: 'stub' });
    expect(requests).toHaveLength(2);
  });

  it('When the caller aborts, then the call rejects with their reason and is not retried', async () => {
    const { client, requests } = await clientFor(['hang', 'hang']);
    const controller = new AbortController();
    const reason = new Error('user navigated away');

    const call = client.users.me({ signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);

    await expect(call).rejects.toBe(reason);
    expect(requests).toHaveLength(1);
  });
});

describe('error bodies', () => {
  it('When a 422 arrives, then ValidationError', async () => {
    const { client } = await clientFor([422], { maxRetries: 0 });
    await expect(client.users.me()).rejects.toMatchObject({ name: 'ValidationError', status: 422, code: 'validation_failed' });
  });

  it('When an error body is not JSON (a proxy’s 502 page), then the error still has status, a code and the raw text', async () => {
    stub = await startStub((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const client = new MessagingClient({ baseUrl: stub.url, accessToken: 'stub-token', maxRetries: 0 });

    const { error } = await timed(() => client.users.me());

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, code: 'http_502', body: '<html>Bad gateway</html>', requestId: undefined });
    expect(error).not.toBeInstanceOf(ValidationError);
  });
});
