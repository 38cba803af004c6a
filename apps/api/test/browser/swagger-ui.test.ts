import type { Browser } from 'playwright-core';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

describeWithBrowser('Swagger UI at /api/docs (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('When a user authorizes with their access token and tries GET /users/me, then Swagger UI shows their profile', async () => {
    const user = await server.createUser();
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(`${server.url}/api/docs/`);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    await page.locator('#auth-bearer-value').fill(user.access);
    await page.locator('.modal-ux button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();

    const operation = page.locator('#operations-Users-getCurrentUser');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    const responseBody = operation.locator('.live-responses-table .response-col_description pre').first();
    await responseBody.waitFor();
    expect(await responseBody.textContent()).toContain(`"username": "${user.username}"`);
    expect(await operation.locator('.live-responses-table tr.response td.response-col_status').first().textContent()).toContain('200');
    // helmet's Content-Security-Policy must not block Swagger UI's own scripts and styles.
    expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    await page.close();
  });
});
