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
