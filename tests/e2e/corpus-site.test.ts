import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// The corpus build adds the 12 showcase threads, imported with `npm run import` in global-setup.
const base = inject('corpusUrl');
const MKEY = resolve('../shared/corpus/threads/mlx5-mkey-table-inconsistent-lock-state.mbox');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** Message-IDs of an mbox file in order, read at run time (never copied into the repo). */
function messageIds(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^Message-ID:\s*<([^>]+)>/gim)].map((m) => m[1] as string);
}

const browser = useChromium();

describe('a site built with imported threads', () => {
  it('lists every thread on the home page and renders each one', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const links = await page
      .locator('ol.threads a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(13);
    for (const link of links) {
      const response = await page.request.get(link);
      expect(response.status()).toBe(200);
      expect(await response.text()).toMatch(/<article class="message[ "]/);
    }
    await page.close();
  });

  it('shows an imported thread with its skeleton, quotes and every message', async () => {
    const ids = messageIds(MKEY);
    expect(ids).toHaveLength(3);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}r/${ids[0]}/`);
    await page.waitForURL(/\/threads\/[^/]+\/#m[0-9a-f]{40}$/);
    expect(new URL(page.url()).hash).toBe(`#m${sha1(ids[0] as string)}`);
    for (const id of ids) {
      await expect(page.locator(`#m${sha1(id)}`).count()).resolves.toBe(1);
    }
    await expect(page.locator('nav.skeleton li').count()).resolves.toBe(3);
    await expect(page.locator('details.quote blockquote').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('article.message').count()).resolves.toBe(3);
    await page.screenshot({ path: screenshotPath('imported-thread.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a reply by its /r/<Message-ID>/ permalink at the message', async () => {
    const reply = messageIds(MKEY)[2] as string;
    const page = await browser.newPage();
    await page.goto(`${base}r/${reply}/`);
    await page.waitForURL(new RegExp(`#m${sha1(reply)}$`));
    await expect(page.locator(`#m${sha1(reply)}`).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('offers the thread as t.mbox.gz with every message', async () => {
    const page = await browser.newPage();
    const ids = messageIds(MKEY);
    await page.goto(`${base}r/${ids[0]}/`);
    await page.waitForURL(/#m/);
    const href = await page.locator('a[href$="t.mbox.gz"]').getAttribute('href');
    const response = await page.request.get(new URL(href ?? '', page.url()).href);
    expect(response.status()).toBe(200);
    const mbox = gunzipSync(await response.body()).toString('utf8');
    expect(mbox.match(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/gm)).toHaveLength(3);
    for (const id of ids) expect(mbox).toContain(`<${id}>`);
    await page.close();
  });

  it('has archive indexes by list and month in thread, date and author order', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}lists/linux-rdma/`);
    const months = await page.locator('tbody th').allTextContents();
    expect(months).toContain('2019-10');
    expect([...months].sort().reverse()).toEqual(months);
    for (const order of ['', 'date/', 'author/']) {
      await page.goto(`${base}lists/linux-rdma/2019-10/${order}`);
      const hrefs = await page
        .locator('ul.month a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length).toBeGreaterThanOrEqual(3);
      expect(hrefs.every((h) => /^\/threads\/[^/]+\/#m[0-9a-f]{40}/.test(h ?? ''))).toBe(true);
    }
    const times = await page
      .locator('ul.month time')
      .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect(times.length).toBeGreaterThan(0);
    await page.goto(`${base}lists/linux-rdma/2019-10/date/`);
    const byDate = await page
      .locator('ul.month time')
      .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect([...byDate].sort()).toEqual(byDate);
    await page.close();
  });

  it('has a nested view that indents replies: the old /nested/ address, and the switch without scripts', async () => {
    const ids = messageIds(MKEY);
    const offsets = async (page: import('playwright-core').Page) => {
      const root = await page.locator(`article[data-anchor="m${sha1(ids[0] as string)}"]`).boundingBox();
      const reply = await page.locator(`article[data-anchor="m${sha1(ids[1] as string)}"]`).boundingBox();
      if (!root || !reply) throw new Error('messages not laid out');
      return reply.x - root.x;
    };
    const page = await browser.newPage();
    await page.goto(`${base}r/${ids[0]}/`);
    await page.waitForURL(/#m/);
    const thread = page.url().replace(/#.*$/, '');
    await page.goto(new URL('nested/', thread).href);
    await page.waitForURL(/\?view=nested$/);
    await expect(page.locator('#view-nested').isChecked()).resolves.toBe(true);
    expect(await offsets(page)).toBeGreaterThan(0);
    await page.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const still = await context.newPage();
    await still.goto(thread);
    expect(await offsets(still)).toBe(0);
    await still.locator('label[for="view-nested"]').click();
    expect(await offsets(still)).toBeGreaterThan(0);
    await still.locator('label[for="view-flat"]').click();
    expect(await offsets(still)).toBe(0);
    await context.close();
  });

  it("lists a message's attachments and opens a text one in place", async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}r/patch-att@example.org/`);
    await page.waitForURL(/\/threads\/lockstep-fixtures-[^/]+\/#m[0-9a-f]{40}$/);
    const anchor = new URL(page.url()).hash.slice(1);
    const patch = page.locator(`#${anchor}-a1`);
    await expect(patch.locator('summary').textContent()).resolves.toMatch(
      /0001-order\.patch\s+text\/x-patch, \d+ B/,
    );
    await expect(patch.locator('pre').isVisible()).resolves.toBe(false);
    await patch.locator('summary').click();
    await expect(patch.locator('pre').textContent()).resolves.toContain('+spin_lock(&b);');
    const blob = page.locator(`#${anchor}-a2`);
    await expect(blob.textContent()).resolves.toMatch(/blob\.bin\s+application\/octet-stream, 4 B/);
    await expect(blob.locator('details').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
