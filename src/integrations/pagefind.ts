// Build step (lockstep.ts): index the built site with Pagefind's Node API once the pages are written.
// Only regions marked data-pagefind-body are indexed (thread, symbol and lock pages). Long threads
// are indexed as several parts (lib/search/index-parts.ts), and the search page gets a small
// `search/facets.json` with filter counts per thread and the map from its other records (later parts,
// later pages) to its first one.

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';
import * as pagefind from 'pagefind';
import { ENGINE_SCRIPT, ENGINE_WASM } from '../lib/search/engine-files.ts';
import {
  buildFacetIndex,
  FACET_INDEX_URL,
  type FacetIndex,
  type IndexRecord,
} from '../lib/search/facet-index.ts';
import { splitIndexDocuments } from '../lib/search/index-parts.ts';
import { indexedHtml } from '../lib/search/indexed-html.ts';
import { readFragment } from '../lib/search/record-data.ts';
import { ownsSharedPages } from '../lib/shards/shard.ts';
import { inLanes } from '../loaders/lanes.ts';
import { stepHeartbeat, stepProgress } from '../loaders/step-progress.ts';
import type { BuildStep, PageWatcher, RenderedPage, StepLogger } from './build-step.ts';
import type { IndexFeedMessage, IndexFeedReport } from './pagefind-worker.ts';
import type { PageChanges } from './render-plan.ts';
import { siteFiles } from './site-files.ts';

const gunzipAsync = promisify(gunzip);

/** Characters kept inside words, so C identifiers (`del_timer_sync`) index as one token. */
export const IDENTIFIER_CHARACTERS = '_';

/**
 * Page furniture never indexed, wherever it sits: control labels (Run, Step, Copy text…), header
 * labels (`From`) and our "Quoted text, N lines" summaries. Left in, they show up inside excerpts and
 * glue onto the words beside them ("FromYi Zhang"). (The ¶ paragraph links have no text to exclude:
 * their mark comes from CSS.)
 */
export const EXCLUDED_SELECTORS = ['button', 'dt', 'summary.quote-summary'];

/**
 * Indexed characters per part of a long thread: a result's fragment (which the browser downloads and
 * scans for excerpts) stays near the size of a typical thread's, about 20 KB gzipped at most.
 */
export const PART_BUDGET = 32_000;

/** Pages read from disk and sent to Pagefind ahead of its answers, at most. */
const AHEAD = 16;

/** The bundle of an incremental build's changed pages, merged into `/pagefind/` by the search page. */
export const DELTA_BUNDLE = 'pagefind-delta';

/**
 * Share of the indexed pages past which an incremental build indexes everything again rather than
 * grow its delta bundle: the delta's records shadow the base's, and every query searches both.
 */
export const DELTA_LIMIT = 0.1;

/** True for a file (path relative to the output, with `/`) that the search index step writes. */
export function isSearchIndexFile(path: string): boolean {
  return (
    path.startsWith('pagefind/') || path.startsWith(`${DELTA_BUNDLE}/`) || path === FACET_INDEX_URL.slice(1)
  );
}

/** What the search index step keeps for the next build: the pages indexed apart from the base bundle. */
interface KeptIndex {
  /** URLs in the delta bundle (every indexed page rendered since the base bundle was made). */
  delta: string[];
  /** URLs indexed in the base bundle and gone since. */
  removed: string[];
  /** The base bundle's records, as read from its fragments when it was made (no gunzip of them all again). */
  base?: IndexRecord[];
}

/** How this build indexes: everything, only the changed pages into the delta bundle, or nothing. */
export type IndexPlan =
  | { mode: 'full' }
  | { mode: 'none' }
  | { mode: 'delta'; delta: string[]; superseded: Set<string>; kept: KeptIndex };

/**
 * The index plan for `urls` (the pages to index, in order): a full build, a shard, a missing base
 * bundle or a delta past DELTA_LIMIT index everything; an incremental build that rendered none of
 * them and removed none indexes nothing; otherwise the pages rendered since the base bundle go into the
 * delta bundle, and the base's records of those pages and of removed ones are hidden.
 */
export function indexPlan(
  urls: readonly string[],
  changes: PageChanges,
  canDelta: boolean,
  kept: KeptIndex | undefined,
): IndexPlan {
  if (!changes.incremental || !canDelta || !kept) return { mode: 'full' };
  // A removed page that was never indexed hides nothing: harmless to list.
  if (!urls.some((url) => changes.rendered.has(url)) && changes.removed.length === 0) return { mode: 'none' };
  const before = new Set(kept.delta);
  const delta = urls.filter((url) => changes.rendered.has(url) || before.has(url));
  const indexed = new Set(urls);
  const removed = [...new Set([...kept.removed, ...changes.removed])].filter((url) => !indexed.has(url));
  if (delta.length + removed.length > DELTA_LIMIT * urls.length) return { mode: 'full' };
  return { mode: 'delta', delta, superseded: new Set([...delta, ...removed]), kept: { delta, removed } };
}

/** How a built page at `url` is indexed: as a thread's page (in parts when long), as a page, or not. */
export function indexedPageKind(url: string): 'thread' | 'page' | null {
  if (/^\/threads\/[^/]+\/(?:\d+\/)?$/.test(url)) return 'thread';
  if (/^\/(?:symbols|locks)\/(?:.+\/)?$/.test(url)) return 'page';
  return null;
}

/** The bundle's writing when a feed started it on its own (IndexFeed.expect). */
export interface EarlyWrite {
  /** Settles once the bundle is written. */
  done: Promise<void>;
  /** When the writing started (performance.now()). */
  started: number;
  /** When Pagefind had taken every page sent before it (performance.now()); its files come after. */
  taken?: number;
}

/**
 * A Pagefind index fed one page at a time, in the order the pages come, while the caller goes on:
 * during a full build it takes the pages as Astro renders them (in the search step's worker thread,
 * pagefind-worker.ts), so Pagefind (its own process, on the core Astro leaves idle) indexes beside the
 * rendering instead of after it. Told which pages are coming (`expect`), it writes its bundle into
 * `bundle` as soon as the last of them is in, while Astro renders the pages no one indexes and before
 * the build's steps start. The step's run also uses one to index pages read from disk.
 */
export class IndexFeed {
  /** URLs of the pages handed over so far. */
  readonly seen = new Set<string>();
  /** Records beyond one per page (parts of long threads). */
  parts = 0;
  /** The bundle's writing, once started by the last expected page. */
  early: EarlyWrite | null = null;
  private readonly index: Promise<PagefindIndex>;
  /** Pages sent and not yet answered. */
  private readonly pending = new Set<Promise<void>>();
  private failure: Error | null = null;
  /** Expected pages not seen yet; null until told. */
  private awaited: Set<string> | null = null;

  /** The folder to write into once every expected page is in (null: only when asked, by `write`). */
  private readonly bundle: string | null;

  constructor(bundle: string | null = null) {
    this.bundle = bundle;
    this.index = pagefind
      .createIndex({ includeCharacters: IDENTIFIER_CHARACTERS, excludeSelectors: EXCLUDED_SELECTORS })
      .then(({ index, errors }) => {
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        return index;
      });
    // Reported by write(), with whatever else failed.
    this.index.catch(() => {});
  }

  /** Takes the URLs of the pages to come (`take`), so it can write its bundle once the last is in. */
  expect(urls: readonly string[]): void {
    this.awaited = new Set(urls.filter((url) => !this.seen.has(url)));
    this.writeWhenComplete();
  }

  /**
   * Takes the page at `url` as rendered, in the order Astro started them. None may come once the
   * bundle is being written (the build's thread keeps later ones out: ThreadedIndexFeed).
   */
  take(url: string, html: string): void {
    void this.add(url, html, indexedPageKind(url) === 'thread');
    this.awaited?.delete(url);
    this.writeWhenComplete();
  }

  /** Starts writing the bundle once every expected page is in (and there was one at least). */
  private writeWhenComplete(): void {
    if (!this.bundle || this.early || this.awaited?.size !== 0 || this.seen.size === 0) return;
    const early: EarlyWrite = {
      done: this.write(this.bundle, () => {
        early.taken = performance.now();
      }),
      started: performance.now(),
    };
    // Reported by whoever awaits it (the step's run).
    early.done.catch(() => {});
    this.early = early;
  }

  /**
   * Sends the page at `url` to Pagefind without waiting for the pages before it to be answered: the
   * service takes them in the order sent, and a page waiting on this process's busy event loop for
   * its turn would leave Pagefind idle. Only what Pagefind indexes is sent (indexedHtml); a long
   * thread goes in as its parts. Resolves once Pagefind has taken the page (or the feed has failed).
   */
  add(url: string, html: string, thread: boolean): Promise<void> {
    this.seen.add(url);
    const slim = indexedHtml(html);
    const documents = thread ? splitIndexDocuments(slim, url, PART_BUDGET) : [{ url, html: slim }];
    const sent: Promise<void> = this.index
      .then(async (index) => {
        // All of a page's documents are sent at once, in order; their answers come back in any order.
        const results = await Promise.all(
          documents.map((d) => index.addHTMLFile({ url: d.url, content: d.html })),
        );
        results.forEach((result, i) => {
          if (result.errors.length > 0)
            throw new Error(`Pagefind indexing failed on ${documents[i]?.url}: ${result.errors.join('; ')}`);
        });
        this.parts += documents.length - 1;
      })
      .catch((error: Error) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
    return sent;
  }

  /** Resolves once fewer than `limit` pages wait for Pagefind's answer. */
  async room(limit: number): Promise<void> {
    while (this.pending.size >= limit) await Promise.race(this.pending);
  }

  /** True once a page could not be indexed. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /**
   * Waits for the pages sent (then calls `taken`), then writes the bundle folder `bundle` (emptied
   * first).
   */
  async write(bundle: string, taken: () => void = () => {}): Promise<void> {
    await Promise.all(this.pending);
    taken();
    if (this.failure) throw this.failure;
    const index = await this.index;
    await rm(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
  }
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/**
 * Indexes `files` (read from disk, in order) into the bundle folder `bundle`, then writes the bundle;
 * returns the records beyond one per page (parts of long threads). The Pagefind service closes
 * whatever happens.
 */
async function indexPages(
  files: readonly IndexedFile[],
  bundle: string,
  logger: StepLogger,
): Promise<{ parts: number }> {
  const feed = new IndexFeed();
  try {
    // Each page is read here and handed over as HTML (not addDirectory): one progress tick per page,
    // and a long thread goes in as its parts only, never whole first.
    const progress = stepProgress(logger, 'search index', files.length);
    // Pages are sent in order, a few ahead of Pagefind's answers (IndexFeed.add).
    for (const { url, file, thread } of files) {
      if (feed.failed) break;
      await feed.room(AHEAD);
      void feed.add(url, await readFile(file, 'utf8'), thread).then(() => progress.tick());
    }
    await feed.room(1);
    progress.done();
    // Pagefind builds the whole bundle in memory and writes its files at the end (watched while it
    // wrote 18,890 pages of the locking corpus' site: no file on disk for 25 of its 26 s), so there
    // is nothing to count: a line every 5 s instead.
    const writing = stepHeartbeat(
      logger,
      `search index: writing the bundle (${files.length + feed.parts} records)`,
    );
    try {
      await feed.write(bundle);
    } finally {
      writing.stop();
    }
    return { parts: feed.parts };
  } finally {
    // The Pagefind service is a child process: left open, it would keep the build from exiting.
    await pagefind.close();
  }
}

/** Writes the search page's facet index over `records`, with the extra bundles and hidden records. */
async function writeFacets(site: string, records: readonly IndexRecord[], extra: Partial<FacetIndex>) {
  const file = join(site, FACET_INDEX_URL);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ ...buildFacetIndex(records), ...extra }));
}

/**
 * A full build's search index fed from a worker thread (pagefind-worker.ts): the build's thread posts
 * each indexed page's bytes as Astro renders it, and the worker prepares them for Pagefind, feeds its
 * service and writes the bundle as soon as the last expected page is in (IndexFeed, there). Pages
 * shown after the last expected one are kept out and counted here (`late`).
 */
class ThreadedIndexFeed implements PageWatcher {
  /** URLs of the pages handed over. */
  readonly seen = new Set<string>();
  /** Pages shown after the last expected one: not in the bundle. */
  readonly late: string[] = [];
  /** When the last expected page was handed over (performance.now()); null until then. */
  complete: number | null = null;
  /** Settles with the worker's report once the bundle is written (or could not be). */
  readonly report: Promise<IndexFeedReport>;
  private readonly worker: Worker;
  /** Expected pages not handed over yet; null until told. */
  private awaited: Set<string> | null = null;

  constructor(bundle: string) {
    this.worker = new Worker(new URL('./pagefind-worker.ts', import.meta.url), { workerData: { bundle } });
    this.report = new Promise<IndexFeedReport>((resolve) => {
      this.worker.on('message', resolve);
      this.worker.on('error', (error: Error) => resolve({ kind: 'failed', message: error.message }));
      // After the report this changes nothing; before it, the worker stopped without one.
      this.worker.on('exit', (code) =>
        resolve({ kind: 'failed', message: `the worker stopped (exit code ${code})` }),
      );
    });
  }

  wants(url: string): boolean {
    return indexedPageKind(url) !== null;
  }

  expect(urls: readonly string[]): void {
    this.awaited = new Set(urls.filter((url) => !this.seen.has(url)));
    this.worker.postMessage({ kind: 'expect', urls: [...urls] } satisfies IndexFeedMessage);
    this.checkComplete();
  }

  page(url: string, { bytes }: RenderedPage): void {
    if (this.complete !== null) {
      this.late.push(url);
      return;
    }
    this.seen.add(url);
    this.awaited?.delete(url);
    this.worker.postMessage({ kind: 'page', url, bytes } satisfies IndexFeedMessage);
    this.checkComplete();
  }

  private checkComplete(): void {
    if (this.complete === null && this.awaited?.size === 0 && this.seen.size > 0)
      this.complete = performance.now();
  }

  /** Ends the worker (and with it its Pagefind service) whatever it is doing. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Waits for the bundle `feed`'s worker began writing while the pages rendered (saying every 5 s that
 * it is still writing), and logs how much of the writing came after the pages; throws its failure.
 */
async function finishThreadedWrite(
  feed: ThreadedIndexFeed,
  logger: StepLogger,
): Promise<{ pages: number; parts: number }> {
  const waiting = performance.now();
  const writing = stepHeartbeat(logger, `search index: writing the bundle (${feed.seen.size} pages)`);
  try {
    const report = await feed.report;
    if (report.kind === 'failed') throw new Error(report.message);
    logger.info(
      `Pagefind: ${report.seconds.toFixed(1)} s writing the bundle (the first ${report.takingSeconds.toFixed(1)} s taking the last pages sent), ${((performance.now() - waiting) / 1000).toFixed(1)} s of it after the pages`,
    );
    return report;
  } finally {
    writing.stop();
  }
}

/**
 * The end of a full index into `site`'s base bundle: checks the engine files the search page preloads,
 * writes the facet index from the bundle's records and keeps them for the next build; returns `summary`.
 */
async function finishFullIndex(site: string, summary: string, changes: PageChanges): Promise<string> {
  // The search page preloads these by name; a Pagefind that names them otherwise must not pass unseen.
  for (const file of [ENGINE_SCRIPT, ENGINE_WASM])
    if (!existsSync(join(site, file))) throw new Error(`Pagefind wrote no ${file}, which /search/ preloads`);
  const records = await readRecords(join(site, 'pagefind', 'fragment'));
  await writeFacets(site, records, {});
  changes.next[pagefindStep.name] = { delta: [], removed: [], base: records } satisfies KeptIndex;
  return summary;
}

/**
 * Runs Pagefind over the output folder at the end of `astro build`. An incremental build indexes only
 * the pages it rendered (and those of earlier incremental builds since the last full index) into the
 * delta bundle, and hides the base bundle's records of those pages (indexPlan).
 */
export const pagefindStep: BuildStep = {
  name: 'lockstep-pagefind',
  // A full build indexes every page as it is rendered; an incremental one learns which pages to
  // index only once they are all rendered.
  watch: ({ incremental, outDir }) => (incremental ? null : new ThreadedIndexFeed(join(outDir, 'pagefind'))),
  async run(site, logger, { shard, changes, watcher }) {
    const feed = watcher instanceof ThreadedIndexFeed ? watcher : undefined;
    if (feed && feed.complete !== null && feed.late.length === 0 && !changes.incremental) {
      const { pages, parts } = await finishThreadedWrite(feed, logger);
      await rm(join(site, DELTA_BUNDLE), { recursive: true, force: true });
      return finishFullIndex(
        site,
        `indexed ${pages} pages (${parts} more records for parts of long threads, ${pages} of them as Astro rendered them)`,
        changes,
      );
    }
    if (feed) {
      // A page Astro rendered without listing it would be missing from the bundle (and one it listed
      // but did not render would leave it unwritten): all the pages again, from disk.
      await feed.stop();
      logger.warn(
        feed.late.length > 0
          ? `${feed.late.length} pages came after the search index was written (${feed.late.slice(0, 3).join(', ')}): indexing every page again`
          : 'the search index did not get every page Astro listed: indexing every page again',
      );
    }
    const files = await indexedFiles(site, ownsSharedPages(shard));
    const base = join(site, 'pagefind');
    const kept = changes.kept[this.name] as KeptIndex | undefined;
    const plan = indexPlan(
      files.map((f) => f.url),
      changes,
      !shard && existsSync(join(base, 'pagefind-entry.json')),
      kept,
    );
    if (plan.mode === 'none') {
      changes.next[this.name] = kept;
      return `no indexed page changed: the index is kept (${kept?.delta.length ?? 0} pages in its delta bundle)`;
    }
    if (plan.mode === 'full') {
      await rm(join(site, DELTA_BUNDLE), { recursive: true, force: true });
      const { parts } = await indexPages(files, base, logger);
      return finishFullIndex(
        site,
        `indexed ${files.length} pages (${parts} more records for parts of long threads)`,
        changes,
      );
    }
    const wanted = new Set(plan.delta);
    // Pages only removed since the base bundle: no delta bundle (Pagefind writes no fragments for
    // none, and the search page would merge an empty index), only hidden records.
    const delta = plan.delta.length > 0;
    if (!delta) await rm(join(site, DELTA_BUNDLE), { recursive: true, force: true });
    const parts = delta
      ? (
          await indexPages(
            files.filter((f) => wanted.has(f.url)),
            join(site, DELTA_BUNDLE),
            logger,
          )
        ).parts
      : 0;
    // The base bundle's records of pages rendered since (or gone) are hidden; the delta's stand in.
    const baseRecords = kept?.base ?? (await readRecords(join(base, 'fragment')));
    const hiddenIds = new Set(
      baseRecords.filter((r) => plan.superseded.has(r.pageUrl || r.url)).map((r) => r.id),
    );
    const records = [
      ...baseRecords.filter((r) => !hiddenIds.has(r.id)),
      ...(delta ? await readRecords(join(site, DELTA_BUNDLE, 'fragment')) : []),
    ];
    await writeFacets(site, records, {
      ...(delta ? { bundles: [`/${DELTA_BUNDLE}/`] } : {}),
      hidden: [...hiddenIds],
    });
    changes.next[this.name] = { ...plan.kept, base: baseRecords } satisfies KeptIndex;
    const hiding = `hiding ${hiddenIds.size} records of the base index`;
    if (!delta) return `no page to index since the base index, ${hiding}`;
    return `indexed ${plan.delta.length} changed pages (${parts} more records for parts of long threads) into /${DELTA_BUNDLE}/, ${hiding}`;
  },
};

/** A built page to index: the URL it is served at, its file, and whether it is a thread's page. */
interface IndexedFile {
  url: string;
  file: string;
  thread: boolean;
}

// One collator for the sort: `localeCompare` with a locale and options builds one per comparison (90 ms
// of a one-thread rebuild of the bulk archive, for its 2,600 indexed pages).
const BY_URL = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The built pages worth indexing (indexedPageKind: every page of every thread's flat view, and the
 * symbol and lock pages), with the URL each is served at, in URL order (page 10 after page 9). The
 * thousands of /r/ redirects, month indexes and nested views are left out: parsing them would only
 * cost time. A shard other than the first indexes its threads only (shard 1 has the symbol and lock
 * pages).
 */
async function indexedFiles(site: string, withShared: boolean): Promise<IndexedFile[]> {
  const out: IndexedFile[] = [];
  for (const section of withShared ? ['threads', 'symbols', 'locks'] : ['threads']) {
    // siteFiles, not a recursive readdir: the mail-files step may remove a gone thread's folder
    // meanwhile, which fails the whole of a recursive readdir.
    for (const name of siteFiles(join(site, section))) {
      if (name !== 'index.html' && !name.endsWith('/index.html')) continue;
      const url = `/${section}/${name.slice(0, -'index.html'.length)}`;
      const kind = indexedPageKind(url);
      if (kind) out.push({ url, file: join(site, section, name), thread: kind === 'thread' });
    }
  }
  return out.sort((a, b) => BY_URL(a.url, b.url));
}

/** Fragments read and unpacked at a time by readRecords (gunzip runs in libuv's thread pool). */
const READ_LANES = 16;

/**
 * The records of a Pagefind bundle's fragment folder, in name order (read as the search page reads
 * them, lib/search/record-data.ts). Read many at a time: one after the other, the 2,600 fragments of the bulk
 * archive took 1.7 s at the very end of the build.
 */
export async function readRecords(folder: string): Promise<IndexRecord[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.pf_fragment')).sort();
  const records: IndexRecord[] = new Array(names.length);
  await inLanes(names, READ_LANES, async (name, i) => {
    // Unpacked with Node's zlib first (in libuv's thread pool: half the time of the web streams'
    // DecompressionStream on the bulk archive's 2,600 fragments, 0.5 s against 1.0–1.5 s).
    const fragment = await readFragment(await gunzipAsync(await readFile(join(folder, name))));
    records[i] = {
      id: name.replace(/\.pf_fragment$/, ''),
      url: fragment.url,
      pageUrl: fragment.meta?.url,
      thread: fragment.meta?.thread,
      filters: fragment.filters ?? {},
    };
  });
  return records;
}
