// Finding things and reading on a phone, in Chromium against the corpus build (the seed plus the 12
// imported showcase threads): no sideways scrolling at 390 px, the header's indexes, patch series
// navigation, quotes linked to their source, and search results before its filters.
import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const base = inject('corpusUrl');
const browser = useChromium();
const PHONE = { viewport: { width: 390, height: 844 } };
const SEED = '/threads/ofa-general-2009-irq-lock-inversion/';

/** Thread pages linked from the home page whose slug starts with `prefix` (slugs end in a hash). */
async function threadsStartingWith(prefix: string): Promise<string[]> {
  const page = await browser.newPage();
  await page.goto(base);
  const hrefs = await page
    .locator(`a[href^="/threads/${prefix}"]`)
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  await page.close();
  return [...new Set(hrefs)].sort();
}

describe('on a 390 px phone', () => {
  it('no page scrolls sideways', async () => {
    // A showcase thread: its imported mail joins the annotation folder's page (content/threads/<slug>/).
    const [showcase] = await threadsStartingWith('rdma-cm-destroy-id-circular-bug-report/');
    expect(showcase).toBeDefined();
    const pages: [string, string][] = [
      ['home', '/'],
      ['seed', SEED],
      ['showcase', showcase as string],
      ['search', '/search/?q=deadlock'],
      ['lists', '/lists/'],
      ['locks', '/locks/'],
      ['symbols', '/symbols/'],
      ['decode', '/decode/'],
    ];
    const context = await browser.newContext(PHONE);
    for (const [name, path] of pages) {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(new URL(path, base).href);
      if (name === 'search') await page.waitForSelector('ls-search[data-settled]');
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      await page.screenshot({ path: screenshotPath(`phone-${name}.png`) });
      expect({ page: name, ...widths }).toEqual({ page: name, scroll: widths.client, client: 390 });
      expect(errors).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('aligns the message header labels in one column', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(new URL(SEED, base).href);
    const lefts = await page
      .locator('article.message')
      .first()
      .locator('.msg-header > dl dd')
      .evaluateAll((dds) => dds.map((dd) => Math.round(dd.getBoundingClientRect().left)));
    expect(lefts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(lefts).size).toBe(1);
    await page.close();
  });

  it('search shows the results first and folds the filters', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(new URL('/search/?q=lock', base).href);
    await page.waitForSelector('ls-search[data-settled]');
    const results = await page.locator('ol[data-results] li').first().boundingBox();
    const filters = await page.locator('details[data-filters]').boundingBox();
    expect(results && filters && results.y < filters.y).toBe(true);
    await expect(page.locator('details[data-filters]').getAttribute('open')).resolves.toBeNull();
    await expect(page.locator('fieldset[data-filter="list"]').isVisible()).resolves.toBe(false);
    await page.locator('details[data-filters] > summary').click();
    await expect(page.locator('fieldset[data-filter="list"]').isVisible()).resolves.toBe(true);
    await page.close();
  });
});

describe('finding things', () => {
  it('links threads, lists, locks, symbols and search from the header of every page, and a thread to its list', async () => {
    const page = await browser.newPage();
    await page.goto(new URL(SEED, base).href);
    const nav = await page
      .locator('header.site-header nav a')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(nav).toEqual([
      ['Threads', '/'],
      ['Lists', '/lists/'],
      ['Locks', '/locks/'],
      ['Symbols', '/symbols/'],
      ['Search', '/search/'],
    ]);
    for (const [, href] of nav) {
      const response = await page.request.get(new URL(href as string, base).href);
      expect(response.status()).toBe(200);
    }
    // The symbols index links symbol pages that exist.
    await page.goto(new URL('/symbols/', base).href);
    const symbol = await page.locator('ul.symbols a').first().getAttribute('href');
    expect((await page.request.get(new URL(symbol as string, base).href)).status()).toBe(200);
    // The thread's list name opens the list's archive.
    await page.goto(new URL(SEED, base).href);
    await page.locator('.thread-facts a', { hasText: 'ofa-general' }).click();
    await page.waitForURL(/\/lists\/ofa-general\/$/);
    await page.close();
  });

  it('joins the five versions of the rxe dead lock fix on one page, in the order they were posted', async () => {
    // The annotation folder joins v2…v5 (each posted as a new thread) to v1's page; lib/mail/series.ts
    // (unit-tested on this mbox) joins them on builds without that annotation.
    expect(await threadsStartingWith('linux-rdma-2022-rdma-rxe-fix-a-dead-lock-problem-')).toEqual([]);
    const [rxe] = await threadsStartingWith('rxe-xa-lock-softirq-deadlock-fix/');
    expect(rxe).toBeDefined();
    const page = await browser.newPage();
    await page.goto(new URL(rxe as string, base).href);
    const texts = await page.locator('article.message').allTextContents();
    // The version of each message that opens one ("[PATCH 1/1]" is v1, "[PATCHv5 1/2]" is v5).
    const opened = texts.flatMap((t) => {
      const m = /\[PATCH(?:v(\d))? 1\/[12]\] RDMA\/rxe: Fix a dead lock problem/.exec(t);
      return m ? [Number(m[1] ?? 1)] : [];
    });
    expect([...new Set(opened)]).toEqual([1, 2, 3, 4, 5]);
    await page.screenshot({ path: screenshotPath('series-joined.png') });
    await page.close();
  });

  it('keeps search excerpts readable: words apart, no control labels, arrows as arrows', async () => {
    const page = await browser.newPage();
    const excerpts: string[] = [];
    for (const query of ['Zhang', 'timed_work', 'deadlock']) {
      await page.goto(new URL(`/search/?q=${query}`, base).href);
      await page.waitForSelector('ls-search[data-settled]');
      excerpts.push(...(await page.locator('.result-excerpt').allTextContents()));
    }
    expect(excerpts.length).toBeGreaterThan(10);
    const text = excerpts.join('\n');
    // A header label glued to the sender ("FromA…"), a paragraph mark or a button's label in the text.
    expect(text).not.toMatch(/From[A-Z]/);
    expect(text).not.toMatch(/¶|Copy Mermaid|Run edited model/);
    // Lock chains keep their arrows (symbol pages list the annotated thread's chain).
    expect(text).toContain('→');
    expect(text).not.toContain('\uFFFD');
    await page.close();
  });

  it('links a quote to the message it quotes, and that message back to the reply', async () => {
    const [hfi1] = await threadsStartingWith('hfi1-irq-src-lock-prose-cpu-table/');
    expect(hfi1).toBeDefined();
    const page = await browser.newPage();
    await page.goto(new URL(hfi1 as string, base).href);
    const review = page.locator('article.message').nth(1);
    const link = review.locator('.quote-source a').first();
    const target = (await link.getAttribute('href')) as string;
    expect(target).toMatch(/^#m[0-9a-f]{40}-p\d+$/);
    await link.click();
    await page.waitForURL((url) => url.hash === target);
    // The quoted paragraph is in the first message, which lists the review among its answers.
    const patch = page.locator('article.message').first();
    await expect(patch.locator(target).count()).resolves.toBe(1);
    const reviewAnchor = await review.getAttribute('data-anchor');
    const back = patch.locator(`.answered-in a[href^="#${reviewAnchor}-p"]`);
    await expect(back.count()).resolves.toBe(1);
    await back.click();
    await page.waitForURL((url) => url.hash.startsWith(`#${reviewAnchor}-p`));
    await page.screenshot({ path: screenshotPath('quote-source.png') });
    await page.close();
  });
});
