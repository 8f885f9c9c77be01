import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readFragment, recordData } from '../../src/lib/search/record-data.ts';
import { watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const SEED = '/threads/ofa-general-2009-irq-lock-inversion/';
const anchor = `m${createHash('sha1').update('pipermail.012c758912452e46341f884c@lockstep.invalid').digest('hex')}`;
const base = inject('baseUrl');

const browser = useChromium();

/** Opens /search/?q=… and waits until the search element has run its first query. */
async function search(query: string, extra = ''): Promise<{ page: Page; hrefs: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}${extra}`);
  await page.waitForSelector('ls-search[data-ready="true"]');
  const hrefs = await page
    .locator('ol[data-results] a.result-title')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return { page, hrefs, errors };
}

describe('search on the default build', () => {
  for (const query of [
    'del_timer_sync',
    'cm_id_priv->lock',
    'ib_post_send_mad',
    'spectacularly unlikely',
    'Ousterhout',
  ]) {
    it(`finds the seed message for "${query}" and deep-links to it`, async () => {
      const { page, hrefs, errors } = await search(query);
      // The symbol page may rank first for a symbol; the seed message must be there, deep-linked.
      expect(hrefs).toContain(`${SEED}#${anchor}`);
      await expect(page.locator('ol[data-results] .result-excerpt mark').count()).resolves.toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('also finds identifiers typed with & and ()', async () => {
    for (const query of ['&mad_agent_priv->timed_work', 'ib_post_send_mad()']) {
      const { page, hrefs } = await search(query);
      expect(hrefs).toContain(`${SEED}#${anchor}`);
      await page.close();
    }
  });

  it('offers list, author and symbol filters, and filtering narrows the results', async () => {
    const { page } = await search('lock');
    for (const name of ['list', 'author', 'symbol', 'year', 'kernel']) {
      await expect(page.locator(`fieldset[data-filter="${name}"]`).count()).resolves.toBe(1);
    }
    await page.locator('fieldset[data-filter="list"] input[value="ofa-general"]').check();
    await page.waitForSelector('ls-search[data-rendered*="list=ofa-general"]');
    await expect(page.locator('ol[data-results] a.result-title').first().getAttribute('href')).resolves.toBe(
      `${SEED}#${anchor}`,
    );
    await page.close();
    const none = await search('lock', '&list=no-such-list');
    expect(none.hrefs).toEqual([]);
    await none.page.close();
  });

  it('applies the filters of its URL to its first results, and shows their boxes checked', async () => {
    // The boxes are drawn after the first results; that search must take the URL's filters itself.
    const { page, hrefs } = await search('lock', '&list=ofa-general');
    expect(hrefs[0]).toBe(`${SEED}#${anchor}`);
    await expect(
      page.locator('fieldset[data-filter="list"] input[value="ofa-general"]').isChecked(),
    ).resolves.toBe(true);
    expect(new URL(page.url()).searchParams.getAll('list')).toEqual(['ofa-general']);
    await page.close();
  });

  it('downloads its engine once, while the page loads, and runs it without a worker', async () => {
    const page = await browser.newPage();
    const engine: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/pagefind/pagefind.js' || path === '/pagefind/wasm.en.pagefind') engine.push(path);
    });
    await page.goto(`${base}search/?q=del_timer_sync`);
    await page.waitForSelector('ls-search[data-ready="true"]');
    // Preloaded from the page's head, each is fetched once: the engine's own requests reuse them.
    await expect(
      page.locator('head link[rel="preload"][href="/pagefind/wasm.en.pagefind"]').count(),
    ).resolves.toBe(1);
    expect(engine.sort()).toEqual(['/pagefind/pagefind.js', '/pagefind/wasm.en.pagefind']);
    expect(page.workers()).toEqual([]);
    await page.close();
  });

  it("reads each result's fragment as Pagefind does: the same messages and word numbers as its own data()", async () => {
    // The result list reads fragments itself (lib/search/record-data.ts) on a one-bundle site; this
    // holds it to Pagefind's own reading of the same results, on the Pagefind version installed, on
    // the default build and on the corpus build (long threads of real mail).
    type View = { id: string; words: number[]; url: string; subs: [string, string, number[]][] };
    for (const site of [base, inject('corpusUrl')]) {
      const page = await browser.newPage();
      await page.goto(`${site}search/`);
      const views = (await page.evaluate(`(async (queries) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.options({ noWorker: true });
        await pagefind.init();
        const out = [];
        for (const query of queries) {
          const { results } = await pagefind.search(query);
          for (const result of results.slice(0, 8)) {
            const data = await result.data();
            out.push({ id: result.id, words: result.words, url: data.url,
              subs: data.sub_results.map((s) => [s.title, s.url, s.locations]) });
          }
        }
        return out;
      })(['del_timer_sync', 'lock', 'timer irq', 'ib_post_send_mad', 'deadlock'])`)) as View[];
      expect(views.length).toBeGreaterThan(10);
      expect(views.some((v) => v.subs.length > 1)).toBe(true);
      for (const view of views) {
        const response = await fetch(`${site}pagefind/fragment/${view.id}.pf_fragment`);
        const data = recordData(await readFragment(new Uint8Array(await response.arrayBuffer())), view.words);
        expect(data.url).toBe(view.url);
        expect(data.sub_results.map((s) => [s.title, s.url, s.locations])).toEqual(view.subs);
      }
      await page.close();
    }
  });

  it('maps lore-style prefixes onto filters', async () => {
    const cases: [string, boolean][] = [
      ['f:Dreier', true],
      ['f:"Roland Dreier" timer', true],
      ['f:nobody-at-all', false],
      ['d:2009', true],
      ['d:2008..2010 lockdep', true],
      ['d:2019..2021', false],
      ['s:inversion', true],
      ['s:unrelatedword', false],
      ['sym:del_timer_sync', true],
      ['sym:cm_id_priv->lock', true],
      ['sym:no_such_symbol', false],
    ];
    for (const [query, hit] of cases) {
      const { page, hrefs } = await search(query);
      // A prefix alone is a filter-only search: it may land on the thread rather than a message.
      const found = hrefs.some((h) => h === SEED || h === `${SEED}#${anchor}`);
      expect({ query, hit: found }).toEqual({ query, hit });
      await page.close();
    }
    // An author-only search still lands on that author's message.
    const byAuthor = await search('f:Dreier');
    expect(byAuthor.hrefs[0]).toBe(`${SEED}#${anchor}`);
    await byAuthor.page.close();
  });

  it('has a search box on every page, focused by the / key', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}threads/ofa-general-2009-irq-lock-inversion/`);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-q');
    await page.keyboard.type('del_timer_sync');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=del_timer_sync/);
    await page.waitForSelector('ls-search[data-ready="true"]');
    const hrefs = await page
      .locator('ol[data-results] a.result-title')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain(`${SEED}#${anchor}`);
    expect(hrefs).toContain('/symbols/2.6.30/del_timer_sync/');
    await page.close();
  });

  it('shows results under the header box as one types, reachable with the arrow keys', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}threads/ofa-general-2009-irq-lock-inversion/`);
    await page.keyboard.press('/');
    await page.keyboard.type('spectacularly unlikely');
    const pop = page.locator('.search-pop[data-rendered="spectacularly unlikely"]');
    await pop.waitFor();
    const hrefs = await pop.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs[0]).toBe(`${SEED}#${anchor}`);
    expect(hrefs.at(-1)).toBe('/search/?q=spectacularly%20unlikely');
    await expect(pop.locator('.result-excerpt mark').count()).resolves.toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe(
      `${SEED}#${anchor}`,
    );
    await page.keyboard.press('Escape');
    await expect(pop.isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-q');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=spectacularly\+unlikely/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
