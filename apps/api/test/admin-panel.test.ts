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

  it('When staff save a name holding a NUL in the panel, then the form shows the error and nothing is stored (Sequelize had stored it as "\\0")', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const target = await server.createUser({ first_name: 'Ama' });
    const agent = await panelSession(staff);

    // Act
    const res = await agent
      .post(panelApi('users', target.userId, 'edit'))
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ firstName: 'A\u0000ma', lastName: 'Owusu', role: 'guest' });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.notice).toMatchObject({ type: 'error' });
    expect(res.body.record.errors.firstName.message).toMatch(/NUL/);
    const stored = await server.running.db.models.User.findByPk(target.userId);
    expect({ firstName: stored?.firstName, lastName: stored?.lastName }).toEqual({ firstName: 'Ama', lastName: 'User' });
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
