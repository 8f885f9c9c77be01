import { describe, expect, it } from 'vitest';
import { buildFacetIndex } from '../../../src/lib/search/facet-index.ts';
import { SHOWN_VALUES } from '../../../src/lib/search/facets.ts';

describe('buildFacetIndex', () => {
  it('counts a filter value once per page, however many parts carry it', () => {
    const thread = { list: ['linux-rdma'], author: ['Jason Gunthorpe', 'Leon Romanovsky'] };
    const index = buildFacetIndex([
      { id: 'en_a1', url: '/threads/long/', pageUrl: '/threads/long/', filters: thread },
      { id: 'en_a2', url: '/threads/long/?part=2', pageUrl: '/threads/long/', filters: thread },
      { id: 'en_a3', url: '/threads/long/?part=3', pageUrl: '/threads/long/', filters: thread },
      {
        id: 'en_b',
        url: '/threads/short/',
        pageUrl: '/threads/short/',
        filters: { list: ['linux-rdma'], author: ['Jason Gunthorpe'] },
      },
      { id: 'en_s', url: '/symbols/6.1/ib_post_send_mad/', filters: { symbol: ['ib_post_send_mad'] } },
    ]);
    expect(index.filters).toEqual({
      list: { 'linux-rdma': 2 },
      author: { 'Jason Gunthorpe': 2, 'Leon Romanovsky': 1 },
      symbol: { ib_post_send_mad: 1 },
    });
    expect(index.totals).toEqual({ list: 1, author: 2, symbol: 1 });
  });

  it('keeps the counts of the most frequent values of a large filter, and how many values it has', () => {
    const records = Array.from({ length: SHOWN_VALUES * 2 }, (_, i) => ({
      id: `en_${i}`,
      url: `/threads/t${i}/`,
      // symbol_0 is named by every page, symbol_i by page i only.
      filters: { symbol: ['symbol_0', `symbol_${i + 1}`] },
    }));
    const index = buildFacetIndex(records);
    expect(index.totals.symbol).toBe(SHOWN_VALUES * 2 + 1);
    expect(Object.keys(index.filters.symbol ?? {})).toHaveLength(SHOWN_VALUES);
    expect(index.filters.symbol?.symbol_0).toBe(SHOWN_VALUES * 2);
  });

  it("maps every later part to its page's first part, whatever order the records come in", () => {
    const index = buildFacetIndex([
      { id: 'en_p3', url: '/threads/t/?part=3', pageUrl: '/threads/t/', filters: {} },
      { id: 'en_p1', url: '/threads/t/', pageUrl: '/threads/t/', filters: {} },
      { id: 'en_p2', url: '/threads/t/?part=2', pageUrl: '/threads/t/', filters: {} },
      { id: 'en_x', url: '/threads/x/', pageUrl: '/threads/x/', filters: {} },
    ]);
    expect(index.parts).toEqual({ en_p3: 'en_p1', en_p2: 'en_p1' });
  });

  it("takes every page of a paged thread, and each page's parts, as one thread", () => {
    const t = '/threads/t/';
    const index = buildFacetIndex([
      {
        id: 'en_2b',
        url: '/threads/t/2/?part=2',
        pageUrl: '/threads/t/2/',
        thread: t,
        filters: { author: ['B'] },
      },
      { id: 'en_2a', url: '/threads/t/2/', pageUrl: '/threads/t/2/', thread: t, filters: { author: ['B'] } },
      { id: 'en_1', url: t, pageUrl: t, thread: t, filters: { author: ['A', 'B'] } },
      {
        id: 'en_u',
        url: '/threads/u/',
        pageUrl: '/threads/u/',
        thread: '/threads/u/',
        filters: { author: ['B'] },
      },
    ]);
    expect(index.parts).toEqual({ en_2b: 'en_1', en_2a: 'en_1' });
    expect(index.filters.author).toEqual({ B: 2, A: 1 });
  });

  it('counts values that are also names of object properties', () => {
    const index = buildFacetIndex([
      { id: 'en_1', url: '/threads/a/', filters: { author: ['__proto__', 'constructor'] } },
      { id: 'en_2', url: '/threads/b/', filters: { author: ['__proto__'] } },
    ]);
    expect(Object.entries(index.filters.author ?? {})).toEqual([
      ['__proto__', 2],
      ['constructor', 1],
    ]);
    expect(JSON.parse(JSON.stringify(index)).filters.author).toEqual(index.filters.author);
    expect(index.totals.author).toBe(2);
  });
});
