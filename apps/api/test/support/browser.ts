import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser checks need a Chromium binary. CI installs it and sets REQUIRE_BROWSER=1, so there a missing
 * browser fails the run; on a developer machine without one the browser suites are reported as skipped.
 */
export const browserAvailable = existsSync(CHROMIUM_PATH);
if (!browserAvailable && process.env.REQUIRE_BROWSER === '1') {
  throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
}
export const describeWithBrowser = browserAvailable ? describe : describe.skip;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Where browser tests leave screenshots for people to look at (gitignored; each run replaces them). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'browser', 'screenshots');

/** Saves what the page shows now as SCREENSHOT_DIR/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
