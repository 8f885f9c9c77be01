// What the search page needs besides Pagefind's own files: filter value counts per thread (a thread
// indexed as several pages, or a page as several parts, counts once), and which index records belong
// to the same thread, so results can show each thread once. Built from Pagefind's fragments.
// Only the values the page lists are kept (the most frequent ones of large filters): thousands of
// symbol names would make every visit download some 60 KB; prefixes ask Pagefind for the rest.

import { shownValues } from './facets.ts';

/** Where the build writes the facet index and the search page fetches it. */
export const FACET_INDEX_URL = '/search/facets.json';

/** One Pagefind record as written in its fragment file. */
export interface IndexRecord {
  /** Pagefind's id for the record (its fragment file name without extension). */
  id: string;
  url: string;
  /** The page the record stands for (`url` meta), when it is one part of a longer page. */
  pageUrl?: string;
  /** The first page of the thread the record belongs to (`thread` meta), on every page of a paged thread. */
  thread?: string;
  filters: Record<string, string[]>;
}

/** Filter counts by page (the listed values only), distinct values per filter, and each later part's first part. */
export interface FacetIndex {
  filters: Record<string, Record<string, number>>;
  totals: Record<string, number>;
  parts: Record<string, string>;
  /**
   * Pagefind bundles to merge into `/pagefind/` before searching: the other shards' of a sharded
   * build (src/integrations/merge-shards.ts); absent in a whole build.
   */
  bundles?: string[];
  /**
   * Records of the base bundle that an incremental build's delta bundle replaces (their pages were
   * rendered again, or are gone): results never show them (src/integrations/pagefind.ts).
   */
  hidden?: string[];
}

/** Counts filter values once per thread, keeps the listed ones, and maps every other record of a thread to its first. */
export function buildFacetIndex(records: readonly IndexRecord[]): FacetIndex {
  const pages = new Map<string, IndexRecord[]>();
  for (const record of records) {
    const page = record.thread || record.pageUrl || record.url;
    const group = pages.get(page);
    if (group) group.push(record);
    else pages.set(page, [record]);
  }
  // Maps, not objects: filter values are mail text, and an author called `__proto__` must count too.
  const filters = new Map<string, Map<string, number>>();
  const parts: Record<string, string> = {};
  for (const [page, group] of pages) {
    const seen = new Set<string>();
    for (const record of group)
      for (const [name, values] of Object.entries(record.filters))
        for (const value of values) {
          const key = `${name}\u0000${value}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const counts = filters.get(name) ?? new Map<string, number>();
          filters.set(name, counts);
          counts.set(value, (counts.get(value) ?? 0) + 1);
        }
    // The record under the thread's first page URL is its part 1; the others point at it.
    const first = group.find((r) => r.url === page) ?? group[0];
    for (const record of group) if (first && record !== first) parts[record.id] = first.id;
  }
  const listed: FacetIndex['filters'] = {};
  const totals: FacetIndex['totals'] = {};
  for (const [name, counts] of filters) {
    totals[name] = counts.size;
    // Object.fromEntries defines own properties, `__proto__` included.
    listed[name] = Object.fromEntries(
      shownValues(Object.fromEntries(counts), []).map((value) => [value, counts.get(value) ?? 0]),
    );
  }
  return { filters: listed, totals, parts };
}
