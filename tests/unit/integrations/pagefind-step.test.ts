import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DELTA_BUNDLE, pagefindStep } from '../../../src/integrations/pagefind.ts';
import { fullBuildChanges, type PageChanges } from '../../../src/integrations/render-plan.ts';
import { FACET_INDEX_URL } from '../../../src/lib/search/facet-index.ts';

let site = '';

afterEach(() => {
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Writes a thread page at /threads/<slug>/ whose indexed body says `words`. */
function threadPage(slug: string, words: string): void {
  mkdirSync(join(site, 'threads', slug), { recursive: true });
  writeFileSync(
    join(site, 'threads', slug, 'index.html'),
    `<!doctype html><html lang="en"><head><title>${slug}</title></head><body><main data-pagefind-body><h1>${slug}</h1><p>${words}</p></main></body></html>`,
  );
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
});
