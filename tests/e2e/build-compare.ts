// What the e2e tests that compare two builds of one content share (shards.test.ts, incremental.test.ts):
// the files of an output folder, a page's bytes up to timing, and every result a search page lists.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestBrowser } from './use-chromium.ts';

/** Every file under `root`, relative to it, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

/** A page's bytes with the one thing two builds may differ in: how long each model check took. */
export function comparable(file: string): string {
  return readFileSync(file, 'latin1').replace(/&quot;ms&quot;:[0-9.]+/g, '');
}

/** All results of a query on a site's search page: the status line and every result link (sorted), "More" pressed until none is left. */
export async function searchResults(
  browser: TestBrowser,
  base: string,
  query: string,
): Promise<{ status: string; hrefs: string[] }> {
  const page = await browser.newPage();
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('ls-search[data-settled]');
  // Pressed from the page: the button may sit below the fold of a short viewport.
  await page.evaluate(async () => {
    const search = document.querySelector('ls-search') as HTMLElement;
    const more = document.querySelector('button[data-more]') as HTMLButtonElement;
    while (!more.hidden) {
      // showMore marks data-settled once its whole batch is on screen.
      delete search.dataset.settled;
      more.click();
      while (search.dataset.settled === undefined) await new Promise((done) => setTimeout(done, 20));
    }
  });
  const status = (await page.locator('[data-status]').textContent()) ?? '';
  const hrefs = await page
    .locator('ol[data-results] a.result-title')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  await page.close();
  return { status, hrefs: hrefs.sort() };
}

/** The page a result stands for: its thread for a thread's message, else its path. */
export const pageOf = (href: string) => href.replace(/^(\/threads\/[^/]+\/).*$/, '$1').replace(/#.*$/, '');
