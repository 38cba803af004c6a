/**
 * The admin panel's server side, over plain HTTP (the browser suite drives its pages): security
 * headers, the guard against calls from other sites, rule violations shown as notices, and turning it off.
 */
import { sql } from '@messaging-app/shared';
import request from 'supertest';
import { API, expectError } from './support/api';
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
    await agent
      .post('/admin/login')
      .type('form')
      .send({ email: user.username, password: TEST_PASSWORD })
      .expect(302)
      .expect('Location', '/admin');
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

    const res = await agent
      .get(panelApi('users', target.userId, 'deactivate'))
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(200);

    expect(res.body.notice).toEqual({ message: 'userDeactivated', type: 'success' });
    expect((await server.running.db.models.User.findByPk(target.userId))?.isActive).toBe(false);
  });

  it('When staff deactivate themselves in the panel, then an error notice explains why and they stay active', async () => {
    const staff = await server.makeStaff(await server.createUser());
    const agent = await panelSession(staff);

    const res = await agent
      .get(panelApi('users', staff.userId, 'deactivate'))
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(200);

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
    const conversation = (
      await server.http
        .post('/api/v1/conversations/')
        .set('Authorization', alice.auth)
        .send({ participant_ids: [bob.userId] })
        .expect(201)
    ).body;
    const message = (
      await server.http
        .post(`/api/v1/conversations/${conversation.conversation_id}/messages/`)
        .set('Authorization', alice.auth)
        .send({ message_body: 'spam' })
        .expect(201)
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
    const conversation = (
      await server.http
        .post('/api/v1/conversations/')
        .set('Authorization', alice.auth)
        .send({ participant_ids: [bob.userId] })
        .expect(201)
    ).body;
    await server.http
      .post(`/api/v1/conversations/${conversation.conversation_id}/messages/`)
      .set('Authorization', bob.auth)
      .send({ message_body: 'Hello' })
      .expect(201);
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

    expect(
      [...login.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]).filter((url) => !url.startsWith('/admin/')),
    ).toEqual([]);
    expect(login.text).toContain('href="/admin/frontend/assets/panel/panel.css"');
    expect(stylesheet.headers['content-type']).toMatch(/^text\/css/);
    expect(stylesheet.text).toContain('url(fonts/roboto-latin-400-normal.woff2)');
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(favicon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });
});

/** The session cookie a panel answer set, as `name=value`. */
function sessionCookieOf(res: request.Response): string | undefined {
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((value) => value.startsWith('messaging_admin='));
  return cookie?.split(';')[0];
}

/**
 * The panel's sign-in spends the API's sign-in budget: the same database-backed limits per account
 * and per address as POST /token/ (here at their defaults, 10 and 50 failures in 15 minutes).
 */
describe('the admin panel’s sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      {},
      { ADMIN_PANEL: 'true', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '10/15m', RATE_LIMIT_SIGN_IN_PER_IP: '50/15m' },
    );
  });
  afterAll(() => server.stop());
  // Every test starts with full budgets (all requests come from one address).
  beforeEach(() => server.running.db.query(sql`DELETE FROM rate_limit_hits`));

  const panelSignIn = (email: string, password: string) =>
    server.http.post('/admin/login').set('Sec-Fetch-Site', 'same-origin').type('form').send({ email, password });
  const apiSignIn = (username: string, password: string) => server.http.post(`${API}/token/`).send({ username, password });

  it('When a panel password is guessed wrong 14 times, then the panel says the account is limited, and the API refuses even the right password', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());

    // Act: alternate the username's case, as the API's own limit ignores it
    const guesses = [];
    for (let i = 0; i < 14; i += 1)
      guesses.push(await panelSignIn(i % 2 ? staff.username.toUpperCase() : staff.username, `wrong-guess-${i}`));
    const api = await apiSignIn(staff.username, TEST_PASSWORD);

    // Assert
    expect(guesses.map((res) => res.status)).toEqual([...Array(10).fill(401), ...Array(4).fill(429)]);
    const limited = guesses[13];
    expect(limited.headers['content-type']).toMatch(/^text\/html/);
    expect(limited.text).toContain('Too many failed sign-ins for this account. Try again later.');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieOf(limited)).toBeUndefined();
    expectError(api, 429, 'rate_limited');
    expect(api.body.error.message).toMatch(/for this account/);
  });

  it('When the API’s sign-in fails 10 times for an account, then the panel refuses its right password with the limit on the login page', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    for (let i = 0; i < 10; i += 1) expectError(await apiSignIn(staff.username, `wrong-guess-${i}`), 401, 'unauthorized');

    // Act
    const panel = await panelSignIn(staff.username, TEST_PASSWORD);

    // Assert
    expect(panel.status).toBe(429);
    expect(panel.text).toContain('Too many failed sign-ins for this account.');
    expect(sessionCookieOf(panel)).toBeUndefined();
  });

  it('When failures from one address are spread over many accounts and both doors, then the 51st is refused by the per-address limit', async () => {
    // Arrange: 25 failures at each door, each on an account of its own (nobody's account limit is near)
    const staff = await server.makeStaff(await server.createUser());
    for (let i = 0; i < 25; i += 1) {
      expect((await panelSignIn(`nobody_panel_${i}`, 'wrong')).status).toBe(401);
      expectError(await apiSignIn(`nobody_api_${i}`, 'wrong'), 401, 'unauthorized');
    }

    // Act
    const panel = await panelSignIn(staff.username, TEST_PASSWORD);
    const api = await apiSignIn(staff.username, TEST_PASSWORD);

    // Assert
    expect(panel.status).toBe(429);
    expect(panel.text).toContain('Too many failed sign-ins from this address.');
    expectError(api, 429, 'rate_limited');
  });

  it('When staff sign in successfully more often than the limit, then every sign-in works: only failures count', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());

    // Act
    const signIns = [];
    for (let i = 0; i < 12; i += 1) signIns.push((await panelSignIn(staff.username, TEST_PASSWORD)).status);
    const wrong = await panelSignIn(staff.username, 'wrong');

    // Assert: 12 over a limit of 10 (AdminJS's own guard refused the 11th, successes included)
    expect(signIns).toEqual(Array(12).fill(302));
    expect(wrong.status).toBe(401);
  });

  it('When a browser that holds a session cookie signs in again, then the session id changes and the old id is worth nothing (no session fixation)', async () => {
    // Arrange: someone's session id is in this browser (the previous user's, or one planted in it)
    const [first, second] = [await server.makeStaff(await server.createUser()), await server.makeStaff(await server.createUser())];
    const before = sessionCookieOf(await panelSignIn(first.username, TEST_PASSWORD));
    expect(before).toBeDefined();

    // Act
    const signIn = await server.http
      .post('/admin/login')
      .set('Cookie', before!)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ email: second.username, password: TEST_PASSWORD });
    const after = sessionCookieOf(signIn);
    const withOldId = await server.http.get('/admin/api/resources/users/actions/list').set('Cookie', before!);
    const withNewId = await server.http.get('/admin/api/resources/users/actions/list').set('Cookie', after ?? '');

    // Assert
    expect(signIn.status).toBe(302);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(withOldId.status).toBe(302);
    expect(withOldId.headers.location).toBe('/admin/login');
    expect(withNewId.status).toBe(200);
  });

  it('When a sign-in form is posted from another site, then it is refused on the login page, nobody is signed in and nothing is counted', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const form = { email: staff.username, password: TEST_PASSWORD };

    // Act
    const fromOrigin = await server.http.post('/admin/login').set('Origin', 'https://evil.example').type('form').send(form);
    const crossSite = await server.http.post('/admin/login').set('Sec-Fetch-Site', 'cross-site').type('form').send(form);
    const sameSite = await server.http.post('/admin/login').set('Sec-Fetch-Site', 'same-site').type('form').send(form);
    const nullOrigin = await server.http.post('/admin/login').set('Origin', 'null').type('form').send(form);
    const counted = await server.running.db.query(sql`SELECT key FROM rate_limit_hits WHERE hits > 0 AND key LIKE 'signIn%'`);
    const ownPage = await server.http
      .post('/admin/login')
      .set('Origin', server.url)
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send(form);

    // Assert
    for (const refused of [fromOrigin, crossSite, sameSite, nullOrigin]) {
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('sign-in forms sent from other sites are refused');
      expect(sessionCookieOf(refused)).toBeUndefined();
    }
    expect(counted).toEqual([]);
    expect(ownPage.status).toBe(302);
  });

  it('When the sign-in form holds a NUL, then the login page refuses it (400), not a 500', async () => {
    const res = await panelSignIn('ad\u0000min', 'whatever');

    expect(res.status).toBe(400);
    expect(res.text).toContain('invalidCredentials');
  });

  it('When panel pages are answered, then they say Cache-Control: no-store (the static bundles excepted)', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const cookie = sessionCookieOf(await panelSignIn(staff.username, TEST_PASSWORD))!;

    // Act
    const login = await server.http.get('/admin/login');
    const dashboard = await server.http.get('/admin').set('Cookie', cookie);
    const list = await server.http.get('/admin/api/resources/users/actions/list').set('Cookie', cookie);
    const refused = await panelSignIn(staff.username, 'wrong');

    // Assert
    expect([login, dashboard, list, refused].map((res) => [res.status, res.headers['cache-control']])).toEqual([
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [401, 'no-store'],
    ]);
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
