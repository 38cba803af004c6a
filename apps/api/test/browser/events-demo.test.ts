import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SDK_BROWSER_DIR } from '../../src/app';
import { API, createGroup } from '../support/api';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { startTestServer, type TestServer, type TestUser } from '../support/test-server';

describeWithBrowser('the realtime demo at /demo/ (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(path.join(SDK_BROWSER_DIR, 'index.js'))) {
      throw new Error(`${SDK_BROWSER_DIR}/index.js is missing: build the SDK first (npx turbo run build)`);
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
    await page.getByTestId('status').filter({ hasText: 'live as' }).waitFor();
    await page.getByRole('button', { name: title }).click();
    return page;
  }

  it('When one user sends a message on the demo page, then it appears on the other user\'s page within 2 s', async () => {
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
});
