import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { HUGE_MESSAGE_ID, LONG_THREAD_IDS } from '../support/long-thread.ts';
import { watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// The corpus build holds a long thread of our own making (support/long-thread.ts): 14 messages, 1.8 MB
// of text, one of them a 660 KB log. It must be paged and folded, and every way of linking to a
// message must still land on it.
const base = inject('corpusUrl');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const anchorOf = (id: string) => `m${sha1(id)}`;
const browser = useChromium();

/** The thread's flat view URL, found through the root message's permalink. */
async function threadUrl(): Promise<string> {
  const page = await browser.newPage();
  await page.goto(`${base}r/${LONG_THREAD_IDS[0]}/`);
  await page.waitForURL(/\/threads\/[^/]+\/#m/);
  const url = page.url().replace(/#.*$/, '');
  await page.close();
  return url;
}

describe('a long thread', () => {
  it('is cut into pages, each under 3 MB, every message on exactly one of them', async () => {
    const url = await threadUrl();
    const page = await browser.newPage();
    await page.goto(url);
    const pageLinks = await page.locator('nav.pages').first().locator('a, [aria-current]').allTextContents();
    const count = Math.max(...pageLinks.map((t) => Number(t)).filter((n) => Number.isInteger(n)));
    expect(count).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    for (let n = 1; n <= count; n++) {
      const response = await page.request.get(n === 1 ? url : `${url}${n}/`);
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html.length).toBeLessThan(3_000_000);
      for (const m of html.matchAll(/<article class="message[^"]*" data-anchor="(m[0-9a-f]{40})"/g))
        seen.push(m[1] as string);
    }
    expect(seen.sort()).toEqual(LONG_THREAD_IDS.map(anchorOf).sort());
    await page.close();
  });

  it('lands a permalink to a message on a later page on that page', async () => {
    const id = LONG_THREAD_IDS[11] as string;
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}r/${id}/`);
    await page.waitForURL(new RegExp(`/threads/[^/]+/\\d+/#${anchorOf(id)}$`));
    await expect(page.locator(`h2#${anchorOf(id)}`).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lands an old first-page anchor on the skeleton row without scripts, and on the message with them', async () => {
    const url = await threadUrl();
    const id = LONG_THREAD_IDS[11] as string;
    const anchor = anchorOf(id);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const still = await context.newPage();
    await still.goto(`${url}#${anchor}`);
    const row = still.locator(`nav.skeleton li#${anchor}`);
    await expect(row.count()).resolves.toBe(1);
    const href = await row.locator('a').first().getAttribute('href');
    expect(href).toMatch(new RegExp(`/\\d+/#${anchor}$`));
    await context.close();
    const page = await browser.newPage();
    await page.goto(`${url}#${anchor}`);
    await page.waitForURL(new RegExp(`/\\d+/#${anchor}$`));
    await expect(page.locator(`h2#${anchor}`).count()).resolves.toBe(1);
    await page.close();
  });

  it('folds a huge message and links to the whole of it', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}r/${HUGE_MESSAGE_ID}/`);
    await page.waitForURL(new RegExp(`#${anchorOf(HUGE_MESSAGE_ID)}$`));
    const article = page.locator(`article[data-anchor="${anchorOf(HUGE_MESSAGE_ID)}"]`);
    const notice = article.locator('p.folded');
    await expect(notice.textContent()).resolves.toMatch(/more lines/);
    const raw = await notice.locator('a').getAttribute('href');
    expect(raw).toBe(`/r/${HUGE_MESSAGE_ID}/raw.txt`);
    const whole = await (await page.request.get(new URL(raw as string, base).href)).text();
    expect(whole).toContain('step 11999 of a made-up log');
    await expect(article.textContent()).resolves.not.toContain('step 11999 of a made-up log');
    await page.close();
  });

  it('shows patches with coloured added lines and no sideways scroll on a phone', async () => {
    const url = await threadUrl();
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(url);
    await expect(page.locator('pre.diff .a').count()).resolves.toBeGreaterThan(0);
    const color = await page
      .locator('pre.diff .a')
      .first()
      .evaluate((e) => getComputedStyle(e).color);
    const plain = await page
      .locator('pre.diff')
      .first()
      .evaluate((e) => getComputedStyle(e).color);
    expect(color).not.toBe(plain);
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(0);
    await page.close();
  });
});
