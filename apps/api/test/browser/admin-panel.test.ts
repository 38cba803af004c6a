import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Cookie, Page } from 'playwright-core';
import { API, createConversation, createGroup, expectError, sendMessage } from '../support/api';
import { describeWithBrowser, launchBrowser, screenshot } from '../support/browser';
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
    [server, browser] = await Promise.all([
      startTestServer({}, { ADMIN_PANEL: 'true', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '3/15m' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser profile (no cookies), with every console error and page error kept for later checks. */
  async function newPage(viewport = { width: 1280, height: 720 }): Promise<{ page: Page; consoleErrors: string[] }> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    return { page, consoleErrors };
  }

  /** A desktop screen wide enough for AdminJS to show its sidebar (from 1324 px). */
  const DESKTOP = { width: 1440, height: 900 };

  /** The little of the DOM that linesOf uses (tests are compiled without the DOM's types). */
  interface PageElement {
    ownerDocument: {
      createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): { data: string } | null };
      createRange(): {
        setStart(node: unknown, offset: number): void;
        setEnd(node: unknown, offset: number): void;
        getClientRects(): ArrayLike<{ top: number }>;
      };
    };
  }

  /** On how many lines `word` is drawn in the cell of `column` in the row holding `rowText` (1: not broken). */
  async function linesOf(page: Page, rowText: string, column: string, word: string): Promise<number> {
    const cell = page.getByRole('row').filter({ hasText: rowText }).locator(`td[data-property-name="${column}"]`);
    return cell.evaluate((element, text) => {
      const root = element as unknown as PageElement;
      const SHOW_TEXT = 4;
      const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        const range = root.ownerDocument.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
      }
      return 0;
    }, word);
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

  it(
    'When staff sign in, open the users list and deactivate a user, then that user’s token and sign-in stop working',
    async () => {
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
      expectError(
        await server.http.post(`${API}/token/`).send({ username: target.username, password: TEST_PASSWORD }),
        401,
        'unauthorized',
      );
      // No password hash anywhere in the panel, and no console error on any page (nothing blocked by the
      // panel's CSP: the font comes from this server; no missing favicon).
      expect(await page.content()).not.toContain('$argon2');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'When staff sign in, then the dashboard shows the figures of GET /admin/stats and sign-ups and messages per day over 30 days',
    async () => {
      // Arrange: people and messages of today
      const staff = await server.makeStaff(await server.createUser());
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const direct = await createConversation(server, alice, bob);
      for (const text of ['Morning!', 'Morning, how are you?', 'Fine, thanks'])
        await sendMessage(server, alice, direct.conversation_id, text);
      const { page, consoleErrors } = await newPage(DESKTOP);

      // Act
      await signIn(page, staff);
      await page.waitForURL(`${server.url}/admin`);
      await page.getByTestId('stat-users').waitFor();

      // Assert: the same figures as the REST endpoint, and the charts' totals over the 30 days (every
      // account and message of this test database is from today)
      const stats = (await server.http.get(`${API}/admin/stats/`).set('Authorization', staff.auth).expect(200)).body;
      const figure = async (testId: string) =>
        Number((await page.getByTestId(testId).locator('div').nth(1).textContent())?.replace(/,/g, ''));
      expect({
        users: await figure('stat-users'),
        active_users: await figure('stat-active-users'),
        staff_users: await figure('stat-staff-users'),
        conversations: await figure('stat-conversations'),
        messages: await figure('stat-messages'),
        messages_today: await figure('stat-messages-today'),
      }).toEqual(stats);
      expect(await page.getByTestId('chart-sign-ups').getByRole('img').getAttribute('aria-label')).toBe(
        `Sign-ups per day: ${stats.users} in the last 30 days`,
      );
      expect(await page.getByTestId('chart-messages').getByRole('img').getAttribute('aria-label')).toBe(
        `Messages per day: ${stats.messages} in the last 30 days`,
      );
      expect(await page.getByTestId('chart-messages').locator('rect title').count()).toBe(2 * 30);
      expect(await page.getByText('Welcome on Board').count()).toBe(0);
      await screenshot(page, 'admin-dashboard');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'When staff open the conversations, then each shows its kind, title, participants and message count, and no username is broken mid-word',
    async () => {
      // Arrange: a titled group of three with two messages, a direct conversation with one
      const staff = await server.makeStaff(await server.createUser());
      const [alice, bob, carol] = [await server.createUser(), await server.createUser(), await server.createUser()];
      const group = await createGroup(server, alice, [bob, carol], 'Weekend plans');
      await sendMessage(server, bob, group.conversation_id, 'Football at four?');
      await sendMessage(server, carol, group.conversation_id, 'Count me in');
      const direct = await createConversation(server, carol, alice);
      await sendMessage(server, carol, direct.conversation_id, 'See you there');
      // A narrow laptop: the table has to share little room among its columns.
      const { page, consoleErrors } = await newPage({ width: 1024, height: 768 });
      await signIn(page, staff);
      await page.waitForURL(`${server.url}/admin`);

      // Act
      await page.goto(`${server.url}/admin/resources/conversations`);
      const groupRow = page.getByRole('row').filter({ hasText: 'Weekend plans' });
      await groupRow.waitFor();

      // Assert
      const cell = (row: typeof groupRow, column: string) => row.locator(`td[data-property-name="${column}"]`).textContent();
      expect(await cell(groupRow, 'kind')).toMatch(/^group$/i);
      // People who joined together (at creation) are listed in no particular order.
      expect((await cell(groupRow, 'participants'))?.split(', ').sort()).toEqual([alice.username, bob.username, carol.username].sort());
      expect(await cell(groupRow, 'messageCount')).toBe('2');
      const directRow = page.getByRole('row').filter({ hasText: carol.username }).filter({ hasNotText: 'Weekend plans' });
      expect(await cell(directRow, 'participants')).toContain(alice.username);
      expect(await cell(directRow, 'kind')).toMatch(/^direct$/i);
      expect(await cell(directRow, 'messageCount')).toBe('1');
      // Names and titles wrap between words, never inside one.
      for (const user of [alice, bob, carol]) expect(await linesOf(page, 'Weekend plans', 'participants', user.username)).toBe(1);
      expect(await linesOf(page, 'Weekend plans', 'title', 'Weekend')).toBe(1);
      await screenshot(page, 'admin-conversations');
      // The users list at the same width: usernames and addresses on one line each.
      await page.goto(`${server.url}/admin/resources/users`);
      await page.getByRole('row').filter({ hasText: carol.username }).waitFor();
      expect(await linesOf(page, carol.username, 'username', carol.username)).toBe(1);
      expect(await linesOf(page, carol.username, 'email', carol.email)).toBe(1);
      // The messages list names a message's conversation by its title rather than its id.
      await page.goto(`${server.url}/admin/resources/messages`);
      const messageRow = page.getByRole('row').filter({ hasText: 'Football at four?' });
      expect(await cell(messageRow, 'conversationId')).toBe('Weekend plans');
      expect(await cell(messageRow, 'senderId')).toBe(bob.username);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TEST_TIMEOUT,
  );

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

  it(
    'When staff sign in with a wrong password until the account is limited, then the login page says so, and the API refuses the account too',
    async () => {
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
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'When a session id is planted in a browser before staff sign in there, then signing in issues a new id, and the planted one signs nobody in',
    async () => {
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
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'When another site posts a sign-in form to the panel, then the panel refuses it on its login page and no session is opened',
    async () => {
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
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'When a signed-in staff member is deactivated, then their next panel page is the sign-in page and their session is gone',
    async () => {
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
    },
    BROWSER_TEST_TIMEOUT,
  );
});
