import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Cookie, Page } from 'playwright-core';
import { API, expectError } from '../support/api';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer, type TestUser } from '../support/test-server';

const REFUSED = 'Enter the username and password of an active staff account.';
/** The first page in a fresh process also bundles the panel's components, which can take a while on a busy machine. */
const BROWSER_TEST_TIMEOUT = 90_000;

/** Serves one HTML page from http://localhost:<port>: another site than the API's http://127.0.0.1. */
async function serveOnce(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const site = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => site.close(() => resolve())) };
}

describeWithBrowser('the admin panel at /admin (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    // The API's per-account sign-in limit, low enough to reach from a browser (failed sign-ins only count).
    [server, browser] = await Promise.all([startTestServer({}, { ADMIN_PANEL: 'true', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '3/15m' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser profile (no cookies), with every console error kept for later checks. */
  async function newPage(): Promise<{ page: Page; consoleErrors: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    return { page, consoleErrors };
  }

  /** Stored panel sessions that belong to this user. */
  async function sessionsOf(user: TestUser): Promise<number> {
    const sessions = await server.running.db.models.AdminSession.findAll();
    return sessions.filter((row) => (JSON.parse(row.data) as { adminUser?: { id?: string } }).adminUser?.id === user.userId).length;
  }

  /** The panel's session cookie in this page's browser profile, if any. */
  async function sessionCookie(page: Page): Promise<Cookie | undefined> {
    return (await page.context().cookies(`${server.url}/admin/`)).find((cookie) => cookie.name === 'messaging_admin');
  }

  async function signIn(page: Page, user: Pick<TestUser, 'username'>, password = TEST_PASSWORD): Promise<void> {
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(`${server.url}/admin/login`);
    await page.getByPlaceholder('Username').fill(user.username);
    await page.getByPlaceholder('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
  }

  it('When staff sign in, open the users list and deactivate a user, then that user’s token and sign-in stop working', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const target = await server.createUser();
    await server.http.get(`${API}/users/me/`).set('Authorization', target.auth).expect(200);
    const { page, consoleErrors } = await newPage();

    // Act: sign in, open the users list, open the user, deactivate
    await signIn(page, staff);
    await page.waitForURL(`${server.url}/admin`);
    await page.goto(`${server.url}/admin/resources/users`);
    const row = page.getByRole('row').filter({ hasText: target.username });
    await row.getByText(target.username, { exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/resources/users/records/${target.userId}/show$`));
    await page.getByTestId('action-deactivate').click();
    await page.getByText('Deactivate this account?').waitFor();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The account was deactivated and signed out everywhere.').waitFor();

    // Assert: the database, the user's live access token, their refresh token and their password
    expect((await server.running.db.models.User.findByPk(target.userId))?.isActive).toBe(false);
    expectError(await server.http.get(`${API}/users/me/`).set('Authorization', target.auth), 401, 'unauthorized');
    expectError(await server.http.post(`${API}/token/refresh/`).send({ refresh: target.refresh }), 401, 'unauthorized');
    expectError(await server.http.post(`${API}/token/`).send({ username: target.username, password: TEST_PASSWORD }), 401, 'unauthorized');
    // No password hash anywhere in the panel, and nothing blocked by the panel's CSP but the Google Fonts stylesheet.
    expect(await page.content()).not.toContain('$argon2');
    const blocked = consoleErrors.filter((text) => /Content Security Policy/i.test(text));
    expect(blocked.filter((text) => !text.includes('https://fonts.googleapis.com/'))).toEqual([]);
    await page.context().close();
  }, BROWSER_TEST_TIMEOUT);

  it('When a user who is not staff signs in, then the panel refuses them and keeps them out', async () => {
    // Arrange
    const user = await server.createUser();
    const { page } = await newPage();

    // Act
    await signIn(page, user);

    // Assert
    await page.getByText(REFUSED).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.goto(`${server.url}/admin/resources/users`);
    await page.waitForURL(`${server.url}/admin/login`);
    await page.context().close();
  });

  it('When the password is wrong, then even staff are refused', async () => {
    const staff = await server.makeStaff(await server.createUser());
    const { page } = await newPage();

    await signIn(page, staff, 'not-the-password');

    await page.getByText(REFUSED).waitFor();
    await page.goto(`${server.url}/admin/resources/users`);
    await page.waitForURL(`${server.url}/admin/login`);
    await page.context().close();
  });

  it('When staff sign in with a wrong password until the account is limited, then the login page says so, and the API refuses the account too', async () => {
    // Arrange
    const staff = await server.makeStaff(await server.createUser());
    const { page } = await newPage();
    for (let i = 0; i < 3; i += 1) {
      await signIn(page, staff, `wrong-guess-${i}`);
      await page.getByText(REFUSED).waitFor();
    }

    // Act: the right password, once the budget is spent
    await signIn(page, staff);

    // Assert
    await page.getByText('Too many failed sign-ins for this account. Try again later.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(await sessionCookie(page)).toBeUndefined();
    expectError(await server.http.post(`${API}/token/`).send({ username: staff.username, password: TEST_PASSWORD }), 429, 'rate_limited');
    await page.context().close();
  }, BROWSER_TEST_TIMEOUT);

  it('When a session id is planted in a browser before staff sign in there, then signing in issues a new id, and the planted one signs nobody in', async () => {
    // Arrange: the attacker's own session id, copied into the victim's browser
    const [attacker, victim] = [await server.makeStaff(await server.createUser()), await server.makeStaff(await server.createUser())];
    const { page: attackerPage } = await newPage();
    await signIn(attackerPage, attacker);
    await attackerPage.waitForURL(`${server.url}/admin`);
    const planted = (await sessionCookie(attackerPage))!;
    const { page: victimPage } = await newPage();
    await victimPage.context().addCookies([planted]);

    // Act: the victim opens the sign-in page and signs in
    await victimPage.goto(`${server.url}/admin/login`);
    await victimPage.getByPlaceholder('Username').fill(victim.username);
    await victimPage.getByPlaceholder('Password').fill(TEST_PASSWORD);
    await victimPage.getByRole('button', { name: 'Sign in' }).click();
    await victimPage.waitForURL(`${server.url}/admin`);
    await attackerPage.goto(`${server.url}/admin/resources/users`);

    // Assert: the victim's browser holds a new id; the planted one is not the victim's session
    expect((await sessionCookie(victimPage))?.value).not.toBe(planted.value);
    await attackerPage.waitForURL(`${server.url}/admin/login`);
    await Promise.all([attackerPage.context().close(), victimPage.context().close()]);
  }, BROWSER_TEST_TIMEOUT);

  it('When another site posts a sign-in form to the panel, then the panel refuses it on its login page and no session is opened', async () => {
    // Arrange: a page on another site (localhost is another site than 127.0.0.1) that posts the form
    const staff = await server.makeStaff(await server.createUser());
    const attackerSite = await serveOnce(
      `<form method="POST" action="${server.url}/admin/login"><input name="email" value="${staff.username}"><input name="password" value="${TEST_PASSWORD}"></form>` +
        '<script>document.forms[0].submit()</script>',
    );
    const { page } = await newPage();

    try {
      // Act
      await page.goto(attackerSite.url);
      await page.waitForURL(`${server.url}/admin/login`);

      // Assert
      await page.getByText('sign-in forms sent from other sites are refused').waitFor();
      expect(await sessionCookie(page)).toBeUndefined();
    } finally {
      await page.context().close();
      await attackerSite.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('When a signed-in staff member is deactivated, then their next panel page is the sign-in page and their session is gone', async () => {
    // Arrange
    const [staff, colleague] = [await server.createUser(), await server.createUser()];
    await Promise.all([server.makeStaff(staff), server.makeStaff(colleague)]);
    const { page } = await newPage();
    await signIn(page, colleague);
    await page.waitForURL(`${server.url}/admin`);
    expect(await sessionsOf(colleague)).toBe(1);

    // Act
    await server.http.post(`${API}/admin/users/${colleague.userId}/deactivate/`).set('Authorization', staff.auth).expect(200);
    await page.goto(`${server.url}/admin/resources/users`);

    // Assert
    await page.waitForURL(`${server.url}/admin/login`);
    expect(await sessionsOf(colleague)).toBe(0);
    await page.context().close();
  }, BROWSER_TEST_TIMEOUT);
});
