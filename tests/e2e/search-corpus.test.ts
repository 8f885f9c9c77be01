import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { SHOWN_VALUES } from '../../src/lib/search/facets.ts';
import { watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// Search on the build with the 12 imported showcase threads, some long enough to be indexed in parts.
const base = inject('corpusUrl');
const MKEY = resolve('../shared/corpus/threads/mlx5-mkey-table-inconsistent-lock-state.mbox');

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  anchors: { element: string; id: string; location: number }[];
}

const browser = useChromium();

async function fragment(id: string): Promise<Fragment> {
  const response = await fetch(`${base}pagefind/fragment/${id}.pf_fragment`);
  expect(response.status).toBe(200);
  return JSON.parse(
    gunzipSync(Buffer.from(await response.arrayBuffer()))
      .subarray(12)
      .toString('utf8'),
  );
}

async function searchPage(query: string): Promise<{ page: Page; hrefs: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('ls-search[data-ready="true"]');
  const hrefs = await page
    .locator('ol[data-results] a.result-title')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return { page, hrefs, errors };
}

describe('search over long threads', () => {
  it('finds a message in a later part of a long thread, showing the thread once and linking to the message', async () => {
    const facets = (await (await fetch(`${base}search/facets.json`)).json()) as {
      parts: Record<string, string>;
    };
    const [laterId, firstId] = Object.entries(facets.parts)[0] ?? [];
    expect(laterId, 'no thread of the corpus build was indexed in parts').toBeDefined();
    const later = await fragment(laterId as string);
    const thread = later.meta.url as string;
    expect(later.url).toMatch(/\?part=\d+$/);
    expect(thread).toMatch(/^\/threads\/[^/?]+\/$/);
    // Six consecutive words of one message of that part, found in no other part of the thread.
    const siblings = await Promise.all(
      Object.entries(facets.parts)
        .filter(([id, first]) => first === firstId && id !== laterId)
        .map(([id]) => fragment(id)),
    );
    const others = [await fragment(firstId as string), ...siblings].map((f) => f.content).join(' ');
    const words = later.content.split(/\s+/);
    const messages = later.anchors.filter((a) => /^m[0-9a-f]{40}$/.test(a.id));
    let query = '';
    let expected = '';
    for (const anchor of messages) {
      for (let at = anchor.location + 12; at < anchor.location + 200 && !query; at += 7) {
        const phrase = words.slice(at, at + 6);
        const text = phrase.join(' ');
        if (phrase.length < 6 || !/^[\w ,.'-]+$/.test(text) || others.includes(text)) continue;
        const next = messages.find((a) => a.location > anchor.location);
        if (next && at + 6 > next.location) break;
        query = phrase.map((w) => w.replace(/[,.]$/, '')).join(' ');
        expected = `${thread}#${anchor.id}`;
      }
      if (query) break;
    }
    expect(query, 'no distinctive phrase found in the later part').not.toBe('');
    const { page, hrefs, errors } = await searchPage(query);
    expect(hrefs).toContain(expected);
    expect(hrefs.filter((h) => h.startsWith(thread))).toHaveLength(1);
    expect(hrefs.some((h) => h.includes('?part='))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
    // The thread's title is in every part: the thread is still listed once.
    const byTitle = await searchPage(later.meta.title as string);
    expect(byTitle.hrefs.filter((h) => h.startsWith(thread))).toHaveLength(1);
    await byTitle.page.close();
  });

  it('counts filter values per thread, not per index part, and lists only the frequent ones of large filters', async () => {
    const home = await browser.newPage();
    await home.goto(base);
    // Imported linux-rdma threads, and the annotated showcase threads their mail joined (list linux-rdma
    // too): every thread page linked from the list's section of the home page (earlier patch versions
    // are linked from their series' latest version there).
    const hrefs = await home
      .locator('section.list', { has: home.locator('h3 a[href="/lists/linux-rdma/"]') })
      .locator('a[href^="/threads/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const threads = new Set(hrefs).size;
    await home.close();
    expect(threads).toBeGreaterThanOrEqual(12);
    const { page } = await searchPage('lockdep');
    const label = page.locator('fieldset[data-filter="list"] label', { hasText: 'linux-rdma' });
    await expect(label.locator('.count').textContent()).resolves.toBe(`(${threads})`);
    // Some hundred symbols are named in these threads: the most frequent are listed, sym: reaches the rest.
    const { totals } = (await (await fetch(`${base}search/facets.json`)).json()) as {
      totals: Record<string, number>;
    };
    expect(totals.symbol).toBeGreaterThan(SHOWN_VALUES);
    const symbols = page.locator('fieldset[data-filter="symbol"]');
    await expect(symbols.locator('input[type=checkbox]').count()).resolves.toBe(SHOWN_VALUES);
    await expect(symbols.locator('.more-values').textContent()).resolves.toBe(
      `${(totals.symbol as number) - SHOWN_VALUES} more: type sym:name in the box`,
    );
    await page.close();
  });

  it('goes straight to the message for a Message-ID, with or without <>, and offers it while typing', async () => {
    const id = /^Message-ID:\s*<([^>]+)>/im.exec(readFileSync(MKEY, 'utf8'))?.[1] as string;
    // The thread is annotated: its mail shows on the annotation's page, which the permalink lands on.
    const landing = /\/threads\/mlx5-mkey-table-inconsistent-lock-state\/#m[0-9a-f]{40}$/;
    for (const query of [`<${id}>`, id]) {
      const page = await browser.newPage();
      await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
      await page.waitForURL(landing);
      await page.close();
    }
    const { page } = await searchPage('');
    await page.locator('#q').fill(`<${id}>`);
    const link = page.locator('[data-direct] a');
    await link.waitFor();
    await expect(link.textContent()).resolves.toBe(`<${id}>`);
    await page.close();
    const unknown = await searchPage('<no-such-message@example.invalid>');
    await unknown.page.waitForLoadState('networkidle');
    await expect(unknown.page.locator('[data-direct] a').count()).resolves.toBe(0);
    expect(unknown.page.url()).toContain('/search/');
    await unknown.page.close();
  });
});
