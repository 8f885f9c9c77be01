import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DELTA_LIMIT,
  indexPlan,
  isSearchIndexFile,
  readRecords,
} from '../../../src/integrations/pagefind.ts';
import { fullBuildChanges, type PageChanges } from '../../../src/integrations/render-plan.ts';

/** Forty indexed thread pages. */
const urls = Array.from({ length: 40 }, (_, i) => `/threads/t${i}/`);

/** An incremental build's changes. */
function incremental(rendered: string[], removed: string[] = []): PageChanges {
  return { incremental: true, rendered: new Set(rendered), removed, written: [], kept: {}, next: {} };
}

describe('the search index plan', () => {
  it('indexes everything in a full build, a shard, without a base bundle, or without a kept state', () => {
    expect(indexPlan(urls, fullBuildChanges(), true, { delta: [], removed: [] })).toEqual({ mode: 'full' });
    expect(indexPlan(urls, incremental(['/threads/t1/']), false, { delta: [], removed: [] })).toEqual({
      mode: 'full',
    });
    expect(indexPlan(urls, incremental(['/threads/t1/']), true, undefined)).toEqual({ mode: 'full' });
  });

  it('keeps the index when no indexed page was rendered and none removed', () => {
    // A month page or a diagram file is rendered, but none is indexed.
    expect(
      indexPlan(urls, incremental(['/lists/l/2020-01/']), true, { delta: ['/threads/t2/'], removed: [] }),
    ).toEqual({
      mode: 'none',
    });
  });

  it('puts the pages rendered since the base bundle into the delta, hiding their base records and the removed ones', () => {
    const plan = indexPlan(urls, incremental(['/threads/t3/', '/lists/l/'], ['/threads/gone/']), true, {
      delta: ['/threads/t1/'],
      removed: ['/threads/older/'],
    });
    expect(plan.mode).toBe('delta');
    if (plan.mode !== 'delta') return;
    // In index order, the earlier delta's pages included: the new bundle replaces the old one.
    expect(plan.delta).toEqual(['/threads/t1/', '/threads/t3/']);
    expect([...plan.superseded].sort()).toEqual([
      '/threads/gone/',
      '/threads/older/',
      '/threads/t1/',
      '/threads/t3/',
    ]);
    expect(plan.kept).toEqual({
      delta: ['/threads/t1/', '/threads/t3/'],
      removed: ['/threads/older/', '/threads/gone/'],
    });
  });

  it('indexes everything again once the delta passes its share of the pages', () => {
    const many = urls.slice(0, Math.floor(DELTA_LIMIT * urls.length) + 1);
    expect(indexPlan(urls, incremental(many), true, { delta: [], removed: [] })).toEqual({ mode: 'full' });
    expect(indexPlan(urls, incremental(many.slice(0, 2)), true, { delta: [], removed: [] }).mode).toBe(
      'delta',
    );
  });

  it('counts the delta bundle among the search index files', () => {
    expect(isSearchIndexFile('pagefind-delta/pagefind-entry.json')).toBe(true);
    expect(isSearchIndexFile('pagefind/fragment/x.pf_fragment')).toBe(true);
    expect(isSearchIndexFile('threads/a/index.html')).toBe(false);
  });
});

describe('reading a bundle’s records', () => {
  it('reads every fragment (gzip: a 12-byte signature, then JSON) into its record, in name order', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ls-fragments-'));
    try {
      const fragment = (record: object) =>
        gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(JSON.stringify(record))]));
      const names = Array.from({ length: 40 }, (_, i) => `en_${(1000 + i).toString(16)}`).reverse();
      for (const [i, name] of names.entries())
        writeFileSync(
          join(folder, `${name}.pf_fragment`),
          fragment({
            url: `/threads/t${i}/?part=2`,
            meta: { url: `/threads/t${i}/`, thread: `/threads/t${i}/` },
            filters: { list: ['linux-rdma'] },
          }),
        );
      writeFileSync(join(folder, 'not-a-fragment.txt'), 'x');
      const records = await readRecords(folder);
      expect(records.map((r) => r.id)).toEqual([...names].sort());
      expect(records.at(-1)).toEqual({
        id: names[0],
        url: '/threads/t0/?part=2',
        pageUrl: '/threads/t0/',
        thread: '/threads/t0/',
        filters: { list: ['linux-rdma'] },
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
