import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { sdkBrowserDir } from '../../src/app/create-app';
import { API, createGroup, sendMessage } from '../support/api';
import { describeWithBrowser, launchBrowser, screenshot } from '../support/browser';
import { startTestServer, type TestServer, type TestUser } from '../support/test-server';

describeWithBrowser('the realtime demo at /demo/ (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    const sdkDir = sdkBrowserDir();
    if (!sdkDir || !existsSync(path.join(sdkDir, 'index.js'))) {
      throw new Error('The SDK browser build (@messaging-app/sdk/browser) is missing: build the SDK first (npx turbo run build)');
    }
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage(user: TestUser, title: string, problems: string[]): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${user.username}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${user.username}: ${error.message}`));
    await page.goto(`${server.url}/demo/`);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('status').filter({ hasText: 'Live' }).waitFor();
    await page.getByRole('button', { name: title }).click();
    return page;
  }

  it("When one user sends a message on the demo page, then it appears on the other user's page within 2 s", async () => {
    // Arrange: two people in a group, each on their own page
    const [alice, bob] = [await server.createUser(), await server.createUser()];
    await createGroup(server, alice, [bob], 'Demo room');
    const problems: string[] = [];
    const [alicePage, bobPage] = [await signedInPage(alice, 'Demo room', problems), await signedInPage(bob, 'Demo room', problems)];

    // Act
    const text = `hello from the browser ${Date.now()}`;
    await alicePage.getByPlaceholder('Write a message').fill(text);
    const sent = Date.now();
    await alicePage.getByRole('button', { name: 'Send' }).click();

    // Assert
    await bobPage.locator('#messages li', { hasText: text }).waitFor({ timeout: 2_000 });
    expect(Date.now() - sent).toBeLessThan(2_000);
    expect(await bobPage.locator('#messages li', { hasText: text }).locator('.sender').textContent()).toBe(alice.username);
    // The message is stored, not only shown: the API lists it.
    const listed = await server.http.get(`${API}/conversations/`).set('Authorization', bob.auth).expect(200);
    expect(listed.body.results[0].last_message.message_body).toBe(text);
    // helmet's Content-Security-Policy must not block the page's module scripts or its fetches.
    expect(problems).toEqual([]);
  }, 60_000);

  /** The API's unread count for the user, once it is `expected` (the page marks read in the background), or as it is after 5 s. */
  async function unreadCountSettles(user: TestUser, conversationId: string, expected: number): Promise<number> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await server.http.get(`${API}/conversations/${conversationId}/`).set('Authorization', user.auth).expect(200);
      if (res.body.unread_count === expected || Date.now() > deadline) return res.body.unread_count as number;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The two screens the page is designed for. */
  const SCREENS = [
    { screen: 'phone', width: 390, height: 844 },
    { screen: 'desktop', width: 1280, height: 800 },
  ];

  it.each(SCREENS)(
    'When someone with unread messages signs in on a $screen ($width×$height), reads and writes, then signs out, then the page shows what it should at each step',
    async ({ screen, width, height }) => {
      // Arrange: Bob has written 30 messages to Alice in a group, more than the screen holds
      const [alice, bob] = [await server.createUser(), await server.createUser()];
      const group = await createGroup(server, alice, [bob], 'Weekend plans');
      const sent = [];
      for (let index = 1; index <= 30; index += 1)
        sent.push(await sendMessage(server, bob, group.conversation_id, `Plan number ${index} for Saturday`));
      const last = sent.at(-1)!;
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const item = page.locator(`#c-${group.conversation_id}`);
      const composer = page.getByPlaceholder('Write a message');
      /** Whether the element is entirely inside the window (not scrolled or pushed out of it). */
      const inView = async (locator: ReturnType<Page['locator']>) => {
        const box = await locator.boundingBox();
        return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= height + 0.5 && box.x + box.width <= width + 0.5;
      };

      // Act 1: sign in
      await page.goto(`${server.url}/demo/`);
      await page.getByLabel('Username').fill(alice.username);
      await page.getByLabel('Password').fill(alice.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('status').filter({ hasText: 'Live' }).waitFor();

      // Assert 1: the password form is gone; who is signed in, a way out, and the conversation with
      // its last message, its time and (on a phone, where nothing opens by itself) the unread count
      expect(await page.getByLabel('Password').isVisible()).toBe(false);
      expect(await page.locator('#me').textContent()).toBe(alice.username);
      expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      await item.getByText('Plan number 30 for Saturday').waitFor();
      expect(await item.locator('time').getAttribute('datetime')).toBe(new Date(last.sent_at).toISOString());
      expect(await item.locator('time').textContent()).toMatch(/\d{1,2}:\d{2}/);
      if (screen === 'phone') {
        expect(await item.getByTestId('unread').textContent()).toBe('30');
        expect(await item.getByTestId('unread').getAttribute('aria-label')).toBe('30 unread');
        await screenshot(page, `demo-${screen}-conversations`);
        // Act 2 (phone): open the conversation
        await item.getByRole('button').click();
      }
      await page.locator('#messages li', { hasText: 'Plan number 30 for Saturday' }).waitFor();

      // Assert 2: every message with its time, the newest in view above the message box, which is in
      // view too; opening it read everything (the badge and the API agree)
      expect(await page.locator('#messages time').count()).toBe(30);
      expect(await inView(page.locator('#messages li', { hasText: 'Plan number 30 for Saturday' }))).toBe(true);
      expect(await inView(composer)).toBe(true);
      await item.getByTestId('unread').waitFor({ state: 'detached' });
      expect(await unreadCountSettles(alice, group.conversation_id, 0)).toBe(0);
      await screenshot(page, `demo-${screen}-conversation`);

      // Act 3: write
      await composer.fill('Count me in');
      await composer.press('Enter');

      // Assert 3: the message is there, in view, and the box is still in view and empty
      await page.locator('#messages li.mine', { hasText: 'Count me in' }).waitFor();
      expect(await inView(page.locator('#messages li.mine', { hasText: 'Count me in' }))).toBe(true);
      expect(await inView(composer)).toBe(true);
      expect(await composer.inputValue()).toBe('');

      // Act 4: sign out
      await page.getByRole('button', { name: 'Sign out' }).click();

      // Assert 4: the form is back, empty, and nothing of the conversation is left on the page
      await page.getByLabel('Password').waitFor({ state: 'visible' });
      expect(await page.getByLabel('Username').inputValue()).toBe('');
      expect(await page.getByTestId('status').textContent()).toBe('Signed out');
      expect(await page.locator('#messages li').count()).toBe(0);
      expect(await page.locator('#conversations li').count()).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
