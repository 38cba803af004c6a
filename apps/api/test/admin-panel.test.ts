/**
 * The admin panel's server side, over plain HTTP (the browser suite drives its pages): security
 * headers, the guard against calls from other sites, rule violations shown as notices, and turning it off.
 */
import request from 'supertest';
import { expectError } from './support/api';
import { startTestServer, TEST_PASSWORD, type TestServer, type TestUser } from './support/test-server';

const panelApi = (resource: string, recordId: string, action: string) => `/admin/api/resources/${resource}/records/${recordId}/${action}`;

describe('the admin panel over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { ADMIN_PANEL: 'true' });
  });
  afterAll(() => server.stop());

  /** Signs in through the panel's form; the agent keeps the session cookie. */
  async function panelSession(user: TestUser): Promise<ReturnType<typeof request.agent>> {
    const agent = request.agent(server.url);
    await agent.post('/admin/login').type('form').send({ email: user.username, password: TEST_PASSWORD }).expect(302).expect('Location', '/admin');
    return agent;
  }

  it('When panel pages are served, then they carry the panel’s own CSP, and the API keeps the strict one', async () => {
    const panel = await server.http.get('/admin/login').expect(200);
    const api = await server.http.get('/healthz').expect(200);

    expect(panel.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(panel.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(api.headers['content-security-policy']).toContain("script-src 'self';");
    expect(api.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('When the session cookie is set, then it is HttpOnly, SameSite=Lax and scoped to /admin', async () => {
    const staff = await server.makeStaff(await server.createUser());

    const res = await server.http.post('/admin/login').type('form').send({ email: staff.username, password: TEST_PASSWORD }).expect(302);

    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((value) => value.startsWith('messaging_admin='));
    expect(cookie).toMatch(/; Path=\/admin;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });

  it('When a signed-in staff member’s browser is sent a panel action from another site, then it is refused and nothing changes', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const target = await server.createUser();
    const agent = await panelSession(staff);

    // Act
    const crossSite = await agent.get(panelApi('users', target.userId, 'deactivate')).set('Sec-Fetch-Site', 'cross-site');
    const sameSite = await agent.get(panelApi('users', target.userId, 'deactivate')).set('Sec-Fetch-Site', 'same-site');

    // Assert
    expectError(crossSite, 403, 'forbidden');
    expectError(sameSite, 403, 'forbidden');
    expect((await server.running.db.models.User.findByPk(target.userId))?.isActive).toBe(true);
  });

  it('When the panel itself calls the deactivate action, then the user is deactivated', async () => {
    const staff = await server.makeStaff(await server.createUser());
    const target = await server.createUser();
    const agent = await panelSession(staff);

    const res = await agent.get(panelApi('users', target.userId, 'deactivate')).set('Sec-Fetch-Site', 'same-origin').expect(200);

    expect(res.body.notice).toEqual({ message: 'userDeactivated', type: 'success' });
    expect((await server.running.db.models.User.findByPk(target.userId))?.isActive).toBe(false);
  });

  it('When staff deactivate themselves in the panel, then an error notice explains why and they stay active', async () => {
    const staff = await server.makeStaff(await server.createUser());
    const agent = await panelSession(staff);

    const res = await agent.get(panelApi('users', staff.userId, 'deactivate')).set('Sec-Fetch-Site', 'same-origin').expect(200);

    expect(res.body.notice).toEqual({ message: expect.stringContaining('cannot deactivate your own account'), type: 'error' });
    expect((await server.running.db.models.User.findByPk(staff.userId))?.isActive).toBe(true);
  });

  it('When staff delete a message in the panel, then it is gone; user records cannot be deleted there at all', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversation = (await server.http.post('/api/v1/conversations/').set('Authorization', alice.auth).send({ participant_ids: [bob.userId] }).expect(201)).body;
    const message = (
      await server.http.post(`/api/v1/conversations/${conversation.conversation_id}/messages/`).set('Authorization', alice.auth).send({ message_body: 'spam' }).expect(201)
    ).body;
    const agent = await panelSession(staff);

    // Act
    const deleted = await agent.post(panelApi('messages', message.message_id, 'delete')).set('Sec-Fetch-Site', 'same-origin');
    const userDelete = await agent.post(panelApi('users', bob.userId, 'delete')).set('Sec-Fetch-Site', 'same-origin');

    // Assert
    expect(deleted.status).toBe(200);
    expect(deleted.body.notice).toEqual({ message: 'successfullyDeleted', type: 'success' });
    expect(await server.running.db.models.Message.count({ where: { messageId: message.message_id } })).toBe(0);
    // AdminJS answers a forbidden action with 200 and the error inside the record.
    expect(userDelete.body.record.baseError).toMatchObject({ type: 'ForbiddenError' });
    expect(await server.running.db.models.User.count({ where: { userId: bob.userId } })).toBe(1);
  });

  it('When the dashboard’s figures are asked for, then only a staff session gets them, from the panel itself: the REST figures and 30 days of activity', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    const conversation = (await server.http.post('/api/v1/conversations/').set('Authorization', alice.auth).send({ participant_ids: [bob.userId] }).expect(201)).body;
    await server.http.post(`/api/v1/conversations/${conversation.conversation_id}/messages/`).set('Authorization', bob.auth).send({ message_body: 'Hello' }).expect(201);
    const agent = await panelSession(staff);

    // Act
    const anonymous = await server.http.get('/admin/api/dashboard');
    const crossSite = await agent.get('/admin/api/dashboard').set('Sec-Fetch-Site', 'cross-site');
    const dashboard = await agent.get('/admin/api/dashboard').set('Sec-Fetch-Site', 'same-origin').expect(200);

    // Assert
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/admin/login');
    expectError(crossSite, 403, 'forbidden');
    const stats = (await server.http.get('/api/v1/admin/stats/').set('Authorization', staff.auth).expect(200)).body;
    expect(dashboard.body.stats).toEqual(stats);
    const days = dashboard.body.activity as { day: string; sign_ups: number; messages: number }[];
    expect(days).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(days.at(-1)?.day).toBe(today);
    expect(days[0].day).toBe(new Date(Date.now() - 29 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10));
    // Every account and message of this database is from today.
    expect(days.at(-1)).toEqual({ day: today, sign_ups: stats.users, messages: stats.messages });
    expect(days.slice(0, -1).every((day) => day.sign_ups === 0 && day.messages === 0)).toBe(true);
  });

  it('When panel pages are served, then they link nothing from other sites: the font, the stylesheet and the favicon come from the panel', async () => {
    const login = await server.http.get('/admin/login').expect(200);
    const stylesheet = await server.http.get('/admin/frontend/assets/panel/panel.css').expect(200);
    const font = await server.http.get('/admin/frontend/assets/panel/fonts/roboto-latin-400-normal.woff2').expect(200);
    const favicon = await server.http.get('/admin/frontend/assets/panel/favicon.svg').expect(200);

    expect([...login.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]).filter((url) => !url.startsWith('/admin/'))).toEqual([]);
    expect(login.text).toContain('href="/admin/frontend/assets/panel/panel.css"');
    expect(stylesheet.headers['content-type']).toMatch(/^text\/css/);
    expect(stylesheet.text).toContain('url(fonts/roboto-latin-400-normal.woff2)');
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(favicon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });
});

describe('the admin panel turned off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { ADMIN_PANEL: 'false' });
  });
  afterAll(() => server.stop());

  it('When ADMIN_PANEL=false, then /admin is not served, and the admin REST endpoints still are', async () => {
    const staff = await server.makeStaff(await server.createUser());

    expectError(await server.http.get('/admin/login'), 404, 'not_found');
    await server.http.get('/api/v1/admin/stats/').set('Authorization', staff.auth).expect(200);
  });
});
