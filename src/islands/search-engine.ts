// What the search page and the header's search box share: starting Pagefind, the build's facet
// index, one result per thread, and the result entry (thread title, best message, excerpt) built
// with DOM calls only; excerpts go through excerptFragment (text and <mark> only).

import { bestSection, contentWords, queryTerms } from '../lib/search/best-section.ts';
import { ENGINE_BUNDLE, ENGINE_SCRIPT } from '../lib/search/engine-files.ts';
import { FACET_INDEX_URL, type FacetIndex } from '../lib/search/facet-index.ts';
import type { ParsedQuery } from '../lib/search/query.ts';
import { type Fragment, type ResultData, readFragment, recordData } from '../lib/search/record-data.ts';
import { excerptFragment } from './safe-excerpt.ts';

export type { ResultData };

/** A search result as Pagefind returns it: its record's id, the word numbers the query matched. */
export interface Result {
  id: string;
  words: number[];
  data(): Promise<ResultData>;
}
export interface Pagefind {
  init(): Promise<void>;
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string): Promise<void>;
  preload(term: string): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    query: string | null,
    options?: { filters?: Record<string, { any: string[] }> },
  ): Promise<{ results: Result[] }>;
}

const MESSAGE_ANCHOR = /#m[0-9a-f]{40}/;

/**
 * Pagefind splits every query into graphemes with Intl.Segmenter, and the first segmenter a page
 * makes loads the browser's break rules: some 30 ms on a slow machine. Made while Pagefind's files
 * are still downloading, that time is off the first query's path.
 */
function warmSegmenter() {
  if (typeof Intl.Segmenter === 'undefined') return;
  const lang = document.documentElement.lang || 'en';
  Array.from(new Intl.Segmenter(lang, { granularity: 'grapheme' }).segment('a'));
}

/**
 * Resolves once Pagefind's engine is up. Its calls wait for the engine in 50 ms sleeps, so one call
 * could idle up to 50 ms past that; of five calls started 10 ms apart, one ends within 10 ms of it.
 * `-` is a query of no words: it runs the query normaliser once (warming its Unicode patterns) and
 * fetches nothing.
 */
async function engineReady(pagefind: Pagefind): Promise<void> {
  const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.race([0, 10, 20, 30, 40].map((ms) => after(ms).then(() => pagefind.preload('-'))));
}

/**
 * Loads Pagefind and makes it ready (wasm and index metadata loaded), so that the reader's first
 * query does not pay for it: Pagefind would load them then, and wait for them in 50 ms polls. The
 * other bundles `facets.bundles` names (a sharded build's other shards, an incremental build's delta)
 * are merged in, so one query searches all.
 */
export async function startPagefind(facets: Promise<FacetIndex | null>): Promise<Pagefind> {
  const pagefind = (await import(/* @vite-ignore */ ENGINE_SCRIPT)) as Pagefind;
  // On the page's own thread, not in Pagefind's worker: a worker takes some 100 ms to start on a slow
  // machine, and every result's data would then cross to the page in a message. Measured with the
  // search bench, both a fresh page and a typed query were faster this way.
  await pagefind.options({ noWorker: true });
  // The engine starts before the facet index is in (it used to wait for it, for the bundle list):
  // Pagefind merges a bundle into a started engine once its wasm is up.
  await pagefind.init();
  // init() has asked for the index metadata; the segmenter is made while that downloads.
  warmSegmenter();
  const bundles = (await facets)?.bundles ?? [];
  await Promise.all(bundles.map((bundle) => pagefind.mergeIndex(bundle)));
  await engineReady(pagefind);
  return pagefind;
}

/**
 * Runs the engine once while the reader has not typed yet, so that their first query does not also
 * pay for the browser compiling the engine's search, decompression and excerpt code (measured on the
 * 15k-message archive: a first query some 30 to 100 ms slower without). A search with no words
 * lists every record without fetching anything; one record's data costs one small fragment.
 */
export async function warmUp(pagefind: Pagefind, load: RecordLoader): Promise<void> {
  try {
    const { results } = await pagefind.search(null);
    const first = results[0];
    // Reading the excerpt runs its code too (excerpts are made when read).
    if (first) void (await load(first)).excerpt;
  } catch {
    // Only a head start: a failing engine is reported by the query that needs it.
  }
}

/** Loads a result's data for the result list. */
export type RecordLoader = (result: Result) => Promise<ResultData>;

/**
 * The result list's loader of result data. On a site whose search is Pagefind's one bundle, a
 * result's fragment is read here (lib/search/record-data.ts: one excerpt per result, not one per
 * matching message); a site that merges other bundles (shards, an incremental build's delta) goes
 * through Pagefind, which knows which bundle each result came from, as does a fragment that fails
 * to load here.
 */
export function recordLoader(facets: FacetIndex | null): RecordLoader {
  if (!facets || (facets.bundles ?? []).length > 0) return (result) => result.data();
  const fragments = new Map<string, Promise<Fragment>>();
  return async (result) => {
    let fragment = fragments.get(result.id);
    if (!fragment) {
      fragment = fetch(`${ENGINE_BUNDLE}fragment/${result.id}.pf_fragment`).then(async (response) => {
        if (!response.ok) throw new Error(`fragment ${result.id}: HTTP ${response.status}`);
        return readFragment(new Uint8Array(await response.arrayBuffer()));
      });
      fragments.set(result.id, fragment);
    }
    try {
      return recordData(await fragment, result.words);
    } catch {
      return result.data();
    }
  };
}

/**
 * Resolves once the browser has painted what the page holds now (the next frame, then a task after
 * it); after 100 ms at most, as a hidden tab paints no frames.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/**
 * Filter counts per thread and the part map, written by the build (src/integrations/pagefind.ts);
 * null without them (an index built elsewhere).
 */
export async function fetchFacetIndex(): Promise<FacetIndex | null> {
  try {
    const response = await fetch(FACET_INDEX_URL);
    return response.ok ? ((await response.json()) as FacetIndex) : null;
  } catch {
    return null;
  }
}

/**
 * The results with each thread once (at its best-ranked part), in Pagefind's order, without the
 * records an incremental build's delta bundle replaced (`hidden`).
 */
export function oneResultPerThread(
  results: readonly Result[],
  parts: FacetIndex['parts'],
  hidden: ReadonlySet<string> = new Set(),
): Result[] {
  const threads = new Set<string>();
  return results.filter((result) => {
    if (hidden.has(result.id)) return false;
    const thread = parts[result.id] ?? result.id;
    if (threads.has(thread)) return false;
    threads.add(thread);
    return true;
  });
}

/** The page a record stands for: later parts of long threads carry their thread's URL in a `url` meta. */
export function pageUrl(data: ResultData): string {
  return data.meta.url || data.url;
}

/**
 * One entry for a matching page: its title linked to the message that best matches the query
 * (`fallback` when no message does), that message's subject and an excerpt. Null when the query's
 * s: words are in none of the page's matching message subjects.
 */
export function resultEntry(
  data: ResultData,
  parsed: ParsedQuery,
  fallback: string | null,
): HTMLLIElement | null {
  const subject = parsed.subject.map((s) => s.toLowerCase());
  const messages = data.sub_results.filter((s) => MESSAGE_ANCHOR.test(s.url));
  const matching = messages.filter((s) => subject.every((w) => s.title.toLowerCase().includes(w)));
  if (subject.length > 0 && matching.length === 0) return null;
  const terms = queryTerms(parsed.text);
  const best = matching[bestSection(contentWords(data.content), matching, terms)] ?? data.sub_results[0];
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = best?.url ?? fallback ?? pageUrl(data);
  link.className = 'result-title';
  link.textContent = data.meta.title ?? data.url;
  item.append(link);
  if (best && MESSAGE_ANCHOR.test(best.url)) {
    const sub = document.createElement('div');
    sub.className = 'result-message';
    sub.textContent = best.title;
    item.append(sub);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'result-excerpt';
  excerpt.append(excerptFragment(best?.excerpt ?? data.excerpt));
  item.append(excerpt);
  return item;
}
