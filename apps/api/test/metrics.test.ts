import request from 'supertest';
import { createMetrics } from '../src/platform/observability/metrics';
import { API, createConversation, expectError, sendMessage } from './support/api';
import { startTestServer, type TestServer } from './support/test-server';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/** The value of one sample line, e.g. `messages_sent_total 3`, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        (candidate.startsWith(`${name} `) || candidate.startsWith(`${name}{`)) && wanted.every((label) => candidate.includes(label)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics, open outside production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const scrape = async () => (await server.http.get('/metrics').expect(200)).text;

  it('When scraped, then it answers the Prometheus text format with process and database pool metrics', async () => {
    const res = await server.http.get('/metrics').expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE http_requests_total counter');
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(sample(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(res.text, 'db_pool_connections_max')).toBeGreaterThanOrEqual(1);
    for (const gauge of [
      'db_pool_connections_open',
      'db_pool_connections_idle',
      'db_pool_connections_in_use',
      'db_pool_requests_waiting',
    ]) {
      expect(sample(res.text, gauge)).toBeGreaterThanOrEqual(0);
    }
    expect(sample(res.text, 'event_streams_open')).toBe(0);
  });

  it('When requests are answered, then they are counted and timed by route template and status, never by raw URL', async () => {
    // Arrange
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversation = await createConversation(server, alice, bob);
    const route = '/api/v1/conversations/:conversation_id';
    const before = sample(await scrape(), 'http_requests_total', { method: 'GET', route, status: '200' }) ?? 0;

    // Act
    await server.http.get(`${API}/conversations/${conversation.conversation_id}/`).set('Authorization', alice.auth).expect(200);
    await server.http.get(`${API}/conversations/${conversation.conversation_id}/`).set('Authorization', alice.auth).expect(200);
    await server.http.get(`${API}/conversations/00000000-0000-4000-8000-000000000000/`).set('Authorization', alice.auth).expect(404);
    await server.http.get('/no/such/page').expect(404);
    const text = await scrape();

    // Assert
    expect(sample(text, 'http_requests_total', { method: 'GET', route, status: '200' })).toBe(before + 2);
    expect(sample(text, 'http_requests_total', { method: 'GET', route, status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route, status: '200' })).toBe(before + 2);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(conversation.conversation_id);
    expect(text).not.toContain('/no/such/page');
  });

  it('When messages are sent, then messages_sent_total goes up by as many', async () => {
    // Arrange
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversation = await createConversation(server, alice, bob);
    const before = sample(await scrape(), 'messages_sent_total') ?? 0;

    // Act
    await sendMessage(server, alice, conversation.conversation_id, 'one');
    await sendMessage(server, bob, conversation.conversation_id, 'two');

    // Assert
    expect(sample(await scrape(), 'messages_sent_total')).toBe(before + 2);
  });
});

describe('the event stream hook', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('When streams open and close (closing one twice), then event_streams_open follows and never goes below zero', async () => {
    const metrics = createMetrics(server.running.db);
    const gauge = async () => sample(await metrics.registry.metrics(), 'event_streams_open');

    const closeFirst = metrics.eventStreamOpened();
    const closeSecond = metrics.eventStreamOpened();
    expect(await gauge()).toBe(2);

    closeFirst();
    closeFirst();
    expect(await gauge()).toBe(1);
    closeSecond();
    expect(await gauge()).toBe(0);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { METRICS_TOKEN });
  });
  afterAll(() => server.stop());

  it('When no token or a wrong one is sent, then it answers 401 in the error shape with a Bearer challenge', async () => {
    const missing = await server.http.get('/metrics');
    const wrong = await server.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN.slice(0, -1)}x`);
    const userToken = await server.http.get('/metrics').set('Authorization', (await server.createUser()).auth);

    for (const res of [missing, wrong, userToken]) {
      expectError(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.text).not.toContain('http_requests_total');
    }
  });

  it('When the token is sent, then it answers the metrics', async () => {
    const res = await server.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.text).toContain('http_requests_total');
  });
});

describe('GET /metrics with METRICS_PORT', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Port 0: the separate listener gets a free port of its own.
    server = await startTestServer(
      {},
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'p'.repeat(40),
        PUBLIC_URL: 'https://chat.example.com',
        LOG_LEVEL: 'silent',
        METRICS_PORT: '0',
      },
    );
  });
  afterAll(() => server.stop());

  it('When /metrics is asked on the API port, then it is not there', async () => {
    expectError(await server.http.get('/metrics'), 404, 'not_found');
  });

  it('When /metrics is asked on the metrics port, then it answers, counting the API port’s requests; other paths there are 404', async () => {
    // Arrange
    const metricsUrl = server.running.metricsUrl as string;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(metricsUrl).not.toBe(server.url);
    await server.http.get('/healthz').expect(200);

    // Act
    const res = await request(metricsUrl).get('/metrics').expect(200);

    // Assert
    expect(sample(res.text, 'http_requests_total', { method: 'GET', route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1);
    expectError(await request(metricsUrl).get('/api/v1/users/'), 404, 'not_found');
  });
});

describe('GET /metrics in production without protection', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      {},
      { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), PUBLIC_URL: 'https://chat.example.com', LOG_LEVEL: 'silent' },
    );
  });
  afterAll(() => server.stop());

  it('When neither METRICS_TOKEN nor METRICS_PORT is set, then /metrics is not exposed at all', async () => {
    expectError(await server.http.get('/metrics'), 404, 'not_found');
    expect(server.running.metricsUrl).toBeUndefined();
  });
});
