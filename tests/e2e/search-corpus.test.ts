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
  // The site's server sends Pagefind's files gzip-encoded, which fetch unpacks; the bytes are the
  // file's gzip otherwise.
  const bytes = Buffer.from(await response.arrayBuffer());
  const plain = response.headers.get('content-encoding') === 'gzip' ? bytes : gunzipSync(bytes);
  expect(plain.subarray(0, 12).toString('utf8')).toBe('pagefind_dcd');
  return JSON.parse(plain.subarray(12).toString('utf8'));
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
    expect(
      Object.keys(facets.parts).length,
      'no thread of the corpus build was indexed in parts',
    ).toBeGreaterThan(0);
    // Three consecutive words of one message of a later part, each found nowhere else in its thread
    // (no other part, no other message of the part, not even as the start of a longer word: Pagefind
    // matches prefixes), so that part must be the thread's best record and that message its best section.
    const tokens = (text: string) => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
    // How many tokens start with each prefix of five letters or more.
    const prefixCounts = (list: string[]) => {
      const counts = new Map<string, number>();
      for (const t of list)
        for (let n = 5; n <= t.length; n += 1)
          counts.set(t.slice(0, n), (counts.get(t.slice(0, n)) ?? 0) + 1);
      return counts;
    };
    let found: { later: Fragment; query: string; anchor: string } | null = null;
    for (const [laterId, firstId] of Object.entries(facets.parts)) {
      const later = await fragment(laterId);
      const rest = Object.entries(facets.parts)
        .filter(([id, first]) => first === firstId && id !== laterId)
        .map(([id]) => id);
      const words = later.content.split(/\s+/);
      const inThread = prefixCounts([
        ...(await Promise.all([firstId, ...rest].map(fragment))).flatMap((f) => tokens(f.content)),
        ...tokens(later.content),
      ]);
      const messages = later.anchors
        .filter((a) => /^m[0-9a-f]{40}$/.test(a.id))
        .sort((a, b) => a.location - b.location);
      messages.forEach((anchor, i) => {
        const end = messages[i + 1]?.location ?? words.length;
        const inMessage = prefixCounts(tokens(words.slice(anchor.location, end).join(' ')));
        const unique = (w: string) => /^[a-z]{5,}$/.test(w) && inThread.get(w) === inMessage.get(w);
        for (let at = anchor.location; at + 3 <= end && !found; at += 1) {
          const phrase = words.slice(at, at + 3).map((w) => w.toLowerCase().replace(/[,.:;]$/, ''));
          if (phrase.every(unique)) found = { later, query: phrase.join(' '), anchor: anchor.id };
        }
      });
      if (found) break;
    }
    expect(found, 'no distinctive words found in any later part').not.toBeNull();
    const { later, query, anchor } = found as unknown as { later: Fragment; query: string; anchor: string };
    // The part's page (a long thread may also be paged: /threads/<slug>/2/) and the thread's first page.
    const pageOfPart = later.meta.url as string;
    const thread = later.meta.thread as string;
    expect(later.url).toMatch(/\?part=\d+$/);
    expect(pageOfPart).toMatch(/^\/threads\/[^/?]+\/(\d+\/)?$/);
    expect(thread).toMatch(/^\/threads\/[^/?]+\/$/);
    expect(pageOfPart.startsWith(thread)).toBe(true);
    const expected = `${pageOfPart}#${anchor}`;
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
