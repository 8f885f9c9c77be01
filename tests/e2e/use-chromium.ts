// One Chromium per browser-test file, launched before its tests and closed after them.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';

/** What a test file opens pages and contexts with. */
export type TestBrowser = Pick<Browser, 'newPage' | 'newContext'>;

/** Chromium for the calling test file: launched before its tests, closed after them. */
export function useChromium(): TestBrowser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const running = () => {
    if (!browser) throw new Error('Chromium is not running: open pages inside tests or hooks');
    return browser;
  };
  return {
    newPage: (options) => running().newPage(options),
    newContext: (options) => running().newContext(options),
  };
}
