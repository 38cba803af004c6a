import request from 'supertest';
import { captureLogs } from './support/logs';
import { useTestServer } from './support/test-server';

/** Runs the server with a logger that writes JSON lines into memory, to check what the logs say. */
describe('request logs and request ids', () => {
  const logs = captureLogs();
  const server = useTestServer({}, {}, { logger: logs.logger });
  const lines = logs.lines;

  it('When a client sends X-Request-Id, then the response echoes it and the log line carries it', async () => {
    const res = await request(server.url).get('/healthz').set('X-Request-Id', 'trace-abc.123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    const entry = lines.map((line) => JSON.parse(line)).find((log) => log.req?.id === 'trace-abc.123');
    expect(entry).toMatchObject({ req: { method: 'GET', url: '/healthz' }, res: { statusCode: 200 }, msg: 'request completed' });
    expect(typeof entry.responseTime).toBe('number');
  });

  it('When the client sends no usable request id, then the server makes one up', async () => {
    const res = await request(server.url).get('/healthz').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When users register and sign in, then neither passwords nor tokens appear in any log line, and the user id does', async () => {
    const password = 'never-log-this-password';
    const http = request(server.url);
    await http
      .post('/api/v1/users/')
      .send({ username: 'logcheck', email: 'logcheck@example.com', password, first_name: 'L', last_name: 'C' })
      .expect(201);
    const signIn = await http.post('/api/v1/token/').send({ username: 'logcheck', password }).expect(200);
    const { access, refresh, user } = signIn.body as { access: string; refresh: string; user: { user_id: string } };
    await http.get('/api/v1/users/me/').set('Authorization', `Bearer ${access}`).expect(200);
    await http.post('/api/v1/token/refresh/').send({ refresh }).expect(200);
    await http.post('/api/v1/token/').send({ username: 'logcheck', password: 'wrong-password-also-secret' }).expect(401);

    const all = lines.join('\n');
    for (const secret of [password, 'wrong-password-also-secret', access, refresh, server.running.db.url.split('@')[0]]) {
      expect(all).not.toContain(secret);
    }
    const meLine = lines.map((line) => JSON.parse(line)).find((log) => log.req?.url === '/api/v1/users/me/');
    expect(meLine.userId).toBe(user.user_id);
  });

  it('When requests are logged, then each line names the route template, not the raw URL, even when the route fails', async () => {
    // Arrange
    const http = request(server.url);
    const password = 'route-log-password';
    await http
      .post('/api/v1/users/')
      .send({ username: 'routelog', email: 'routelog@example.com', password, first_name: 'R', last_name: 'L' })
      .expect(201);
    const { access, user } = (await http.post('/api/v1/token/').send({ username: 'routelog', password }).expect(200)).body as {
      access: string;
      user: { user_id: string };
    };
    const missing = '00000000-0000-4000-8000-000000000000';

    // Act
    await http.get(`/api/v1/users/${user.user_id}/`).set('Authorization', `Bearer ${access}`).set('X-Request-Id', 'route-ok').expect(200);
    await http
      .get(`/api/v1/conversations/${missing}/`)
      .set('Authorization', `Bearer ${access}`)
      .set('X-Request-Id', 'route-404')
      .expect(404);
    await http.get('/nowhere/at/all').set('X-Request-Id', 'route-unmatched').expect(404);

    // Assert
    const entries = lines.map((line) => JSON.parse(line));
    const byId = (id: string) => entries.find((log) => log.req?.id === id);
    expect(byId('route-ok')).toMatchObject({ route: '/api/v1/users/:user_id', userId: user.user_id, res: { statusCode: 200 } });
    expect(byId('route-404')).toMatchObject({ route: '/api/v1/conversations/:conversation_id', res: { statusCode: 404 } });
    expect(byId('route-unmatched')).toMatchObject({ route: 'unmatched', res: { statusCode: 404 } });
  });
});
