import { createMigrator } from '@messaging-app/shared';
import { expectError } from './support/api';
import { startTestServer, type TestServer } from './support/test-server';

describe('GET /healthz', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('When the server is up, then it answers ok', async () => {
    const res = await server.http.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('When a route does not exist, then the answer is a 404 in the error shape', async () => {
    const res = await server.http.get('/api/v1/nope').expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('/api/v1/nope') } });
  });
});

describe('GET /readyz', () => {
  let server: TestServer;
  beforeAll(async () => {
    // One connection, so a test can hold it and see the readiness check time out (as with an exhausted pool).
    server = await startTestServer({ dbPoolMax: 1 });
  });
  afterAll(() => server.stop());

  it('When the database answers and every migration is applied, then it answers ready, uncached', async () => {
    const res = await server.http.get('/readyz').expect(200);

    expect(res.body).toEqual({ status: 'ready' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('When a migration is pending, then it answers 503 naming it, and ready again once it is applied', async () => {
    // Arrange
    const migrator = createMigrator(server.running.db.sequelize);
    const [newest] = await migrator.down();

    try {
      // Act
      const notReady = await server.http.get('/readyz');

      // Assert
      expectError(notReady, 503, 'service_unavailable');
      expect(notReady.body.error.message).toContain(newest.name);
    } finally {
      await migrator.up();
    }
    await server.http.get('/readyz').expect(200);
  });

  it('When the database does not answer, then it answers 503 within the time limit instead of hanging', async () => {
    // Arrange: hold the pool's only connection for longer than the check may wait.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = server.running.db.transaction(() => held);

    try {
      // Act
      const started = Date.now();
      const res = await server.http.get('/readyz');
      const elapsed = Date.now() - started;

      // Assert
      expectError(res, 503, 'service_unavailable');
      expect(res.body.error.message).toMatch(/did not answer within 2000 ms/);
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      release();
      await holding;
    }
    await server.http.get('/readyz').expect(200);
  });
});
