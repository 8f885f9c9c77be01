import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageWatcher, RenderedPage } from '../../../src/integrations/build-step.ts';
import { DELTA_BUNDLE, pagefindStep } from '../../../src/integrations/pagefind.ts';
import { fullBuildChanges, type PageChanges } from '../../../src/integrations/render-plan.ts';
import { FACET_INDEX_URL } from '../../../src/lib/search/facet-index.ts';

let site = '';

afterEach(() => {
  if (site) rmSync(site, { recursive: true, force: true });
});

/** The HTML of a thread page whose indexed body says `words`. */
function threadHtml(slug: string, words: string): string {
  return `<!doctype html><html lang="en"><head><title>${slug}</title></head><body><main data-pagefind-body><h1>${slug}</h1><p>${words}</p></main></body></html>`;
}

/** Writes a thread page at /threads/<slug>/ whose indexed body says `words`; returns it as rendered. */
function threadPage(slug: string, words: string): RenderedPage {
  mkdirSync(join(site, 'threads', slug), { recursive: true });
  const html = threadHtml(slug, words);
  writeFileSync(join(site, 'threads', slug, 'index.html'), html);
  return { bytes: new TextEncoder().encode(html), route: 'page' };
}

/** Resolves once `path` exists (checked every 50 ms), or rejects after `ms`. */
async function appears(path: string, ms = 20_000): Promise<void> {
  for (const until = Date.now() + ms; !existsSync(path); ) {
    if (Date.now() > until) throw new Error(`${path} did not appear`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

const logger = { info: () => {}, warn: () => {} };

/** Runs the search step over the site with `changes`; returns its summary. */
function run(changes: PageChanges): Promise<string> {
  return pagefindStep.run(site, logger, { cacheDir: site, shard: null, changes });
}

/** The search page's facet index as written. */
function facets(): { bundles?: string[]; hidden?: string[]; totals: { pages?: number } } {
  return JSON.parse(readFileSync(join(site, FACET_INDEX_URL.slice(1)), 'utf8'));
}

/** A fresh site folder and the search step's watcher for a full build of it. */
function fullBuildWatcher(): PageWatcher & { expect(urls: readonly string[]): void } {
  site = mkdtempSync(join(tmpdir(), 'ls-pagefind-step-'));
  const watcher = pagefindStep.watch?.({ shard: null, incremental: false, outDir: site, cacheDir: site });
  if (!watcher?.expect) throw new Error('a full build watches the pages');
  return watcher as PageWatcher & { expect(urls: readonly string[]): void };
}

/** Runs the search step of a full build after `watcher` saw the pages; its summary and warnings. */
async function runWatched(watcher: PageWatcher): Promise<{ summary: string; warnings: string[] }> {
  const warnings: string[] = [];
  const summary = await pagefindStep.run(
    site,
    { info: () => {}, warn: (m) => warnings.push(m) },
    { cacheDir: site, shard: null, changes: fullBuildChanges(), watcher },
  );
  return { summary, warnings };
}

describe('the search step', () => {
  it('after a full index, takes a build that only removed a page as hidden records, with no delta bundle', async () => {
    site = mkdtempSync(join(tmpdir(), 'ls-pagefind-step-'));
    // Enough pages that one gone stays within the delta's share (DELTA_LIMIT).
    for (let i = 0; i < 11; i += 1) threadPage(`t${i}`, `spinlock inversion number ${i} under the timer`);
    threadPage('beta', 'mutex held across a completion wait');
    const full = fullBuildChanges();
    expect(await run(full)).toMatch(/^indexed 12 pages/);
    expect(existsSync(join(site, 'pagefind', 'pagefind-entry.json'))).toBe(true);
    expect(facets().hidden ?? []).toEqual([]);

    rmSync(join(site, 'threads', 'beta'), { recursive: true });
    const removal: PageChanges = {
      incremental: true,
      rendered: new Set(),
      removed: ['/threads/beta/'],
      written: [],
      kept: full.next,
      next: {},
    };
    expect(await run(removal)).toBe(
      'no page to index since the base index, hiding 1 records of the base index',
    );
    expect(existsSync(join(site, DELTA_BUNDLE))).toBe(false);
    expect(facets().bundles).toBeUndefined();
    expect(facets().hidden).toHaveLength(1);
  }, 60_000);

  it('in a full build, writes the bundle as soon as the last page it was told of is in, before the step runs', async () => {
    const watcher = fullBuildWatcher();
    watcher.expect(['/threads/a/', '/threads/b/']);
    watcher.page('/threads/a/', threadPage('a', 'spinlock taken in the timer'));
    expect(existsSync(join(site, 'pagefind'))).toBe(false);
    watcher.page('/threads/b/', threadPage('b', 'mutex held across a completion wait'));
    // Written with no step run: while Astro would still render the pages no one indexes.
    await appears(join(site, 'pagefind', 'pagefind-entry.json'));
    const changes = fullBuildChanges();
    expect(await pagefindStep.run(site, logger, { cacheDir: site, shard: null, changes, watcher })).toBe(
      'indexed 2 pages (0 more records for parts of long threads, 2 of them as Astro rendered them)',
    );
    expect(readdirSync(join(site, 'pagefind', 'fragment'))).toHaveLength(2);
    expect(changes.next[pagefindStep.name]).toMatchObject({ delta: [], removed: [] });
  }, 60_000);

  it('indexes every page again from disk when a page comes after the bundle was written', async () => {
    const watcher = fullBuildWatcher();
    watcher.expect(['/threads/a/']);
    watcher.page('/threads/a/', threadPage('a', 'spinlock taken in the timer'));
    watcher.page('/threads/late/', threadPage('late', 'rwsem read twice under writer starvation'));
    const { summary, warnings } = await runWatched(watcher);
    expect(warnings).toEqual([
      '1 pages came after the search index was written (/threads/late/): indexing every page again',
    ]);
    expect(summary).toBe('indexed 2 pages (0 more records for parts of long threads)');
    expect(readdirSync(join(site, 'pagefind', 'fragment'))).toHaveLength(2);
  }, 60_000);

  it('indexes every page from disk when a page it was told of never came', async () => {
    const watcher = fullBuildWatcher();
    watcher.expect(['/threads/a/', '/threads/b/']);
    watcher.page('/threads/a/', threadPage('a', 'spinlock taken in the timer'));
    // Written to disk, never shown to the watcher.
    threadPage('b', 'mutex held across a completion wait');
    const { summary, warnings } = await runWatched(watcher);
    expect(warnings).toEqual([
      'the search index did not get every page Astro listed: indexing every page again',
    ]);
    expect(summary).toBe('indexed 2 pages (0 more records for parts of long threads)');
    expect(readdirSync(join(site, 'pagefind', 'fragment'))).toHaveLength(2);
  }, 60_000);
});
