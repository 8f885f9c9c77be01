// Build step (lockstep.ts): index the built site with Pagefind's Node API once the pages are written.
// Only regions marked data-pagefind-body are indexed (thread, symbol and lock pages). Long threads
// are indexed as several parts (lib/search/index-parts.ts), and the search page gets a small
// `search/facets.json` with filter counts per thread and the map from its other records (later parts,
// later pages) to its first one.

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import * as pagefind from 'pagefind';
import { ENGINE_SCRIPT, ENGINE_WASM } from '../lib/search/engine-files.ts';
import {
  buildFacetIndex,
  FACET_INDEX_URL,
  type FacetIndex,
  type IndexRecord,
} from '../lib/search/facet-index.ts';
import { splitIndexDocuments, withoutCodeBlocks } from '../lib/search/index-parts.ts';
import { ownsSharedPages } from '../lib/shards/shard.ts';
import type { BuildStep, StepLogger } from './build-step.ts';
import type { PageChanges } from './render-plan.ts';
import { stepProgress } from './step-progress.ts';

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

/**
 * Indexes `files` with Pagefind into the bundle folder `bundle`; the Pagefind service closes whatever
 * happens. Returns how many records went in beyond one per page (parts of long threads).
 */
async function indexPages(
  files: readonly IndexedFile[],
  bundle: string,
  logger: StepLogger,
): Promise<number> {
  const { index, errors } = await pagefind.createIndex({
    includeCharacters: IDENTIFIER_CHARACTERS,
    excludeSelectors: EXCLUDED_SELECTORS,
  });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let parts = 0;
  try {
    // Each page is read here and handed over as HTML (not addDirectory): one progress tick per page,
    // and a long thread goes in as its parts only, never whole first.
    const progress = stepProgress(logger, 'search index', files.length);
    const add = async (url: string, content: string) => {
      const result = await index.addHTMLFile({ url, content });
      if (result.errors.length > 0)
        throw new Error(`Pagefind indexing failed on ${url}: ${result.errors.join('; ')}`);
    };
    // A long thread goes in as its parts, without their code blocks; a page of one part goes in whole.
    const prepare = async ({ url, file, thread }: IndexedFile) => {
      const html = await readFile(file, 'utf8');
      const documents = thread ? splitIndexDocuments(html, url, PART_BUDGET) : [{ url, html }];
      return documents.length === 1
        ? [{ url, html }]
        : documents.map((d) => ({ url: d.url, html: withoutCodeBlocks(d.html) }));
    };
    // The next page is read and split while Pagefind takes this one; pages still go in one at a time
    // and in order, so the index does not depend on timing.
    let next = files.length > 0 ? prepare(files[0] as IndexedFile) : null;
    for (let i = 0; next; i += 1) {
      const documents = await next;
      next = i + 1 < files.length ? prepare(files[i + 1] as IndexedFile) : null;
      // Handled here too, so a failing add below does not leave the read ahead unhandled.
      next?.catch(() => {});
      for (const document of documents) await add(document.url, document.html);
      parts += documents.length - 1;
      progress.tick();
    }
    progress.done();
    await rm(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
  } finally {
    // The Pagefind service is a child process: left open, it would keep the build from exiting.
    await pagefind.close();
  }
  return parts;
}

/** Writes the search page's facet index over `records`, with the extra bundles and hidden records. */
async function writeFacets(site: string, records: readonly IndexRecord[], extra: Partial<FacetIndex>) {
  const file = join(site, FACET_INDEX_URL);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ ...buildFacetIndex(records), ...extra }));
}

/**
 * Runs Pagefind over the output folder at the end of `astro build`. An incremental build indexes only
 * the pages it rendered (and those of earlier incremental builds since the last full index) into the
 * delta bundle, and hides the base bundle's records of those pages (indexPlan).
 */
export const pagefindStep: BuildStep = {
  name: 'lockstep-pagefind',
  async run(site, logger, { shard, changes }) {
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
      const parts = await indexPages(files, base, logger);
      // The search page preloads these by name; a Pagefind that names them otherwise must not pass unseen.
      for (const file of [ENGINE_SCRIPT, ENGINE_WASM])
        if (!existsSync(join(site, file)))
          throw new Error(`Pagefind wrote no ${file}, which /search/ preloads`);
      const records = await readRecords(join(base, 'fragment'));
      await writeFacets(site, records, {});
      changes.next[this.name] = { delta: [], removed: [], base: records } satisfies KeptIndex;
      return `indexed ${files.length} pages (${parts} more records for parts of long threads)`;
    }
    const wanted = new Set(plan.delta);
    const parts = await indexPages(
      files.filter((f) => wanted.has(f.url)),
      join(site, DELTA_BUNDLE),
      logger,
    );
    // The base bundle's records of pages rendered since (or gone) are hidden; the delta's stand in.
    const baseRecords = kept?.base ?? (await readRecords(join(base, 'fragment')));
    const hiddenIds = new Set(
      baseRecords.filter((r) => plan.superseded.has(r.pageUrl || r.url)).map((r) => r.id),
    );
    const records = [
      ...baseRecords.filter((r) => !hiddenIds.has(r.id)),
      ...(await readRecords(join(site, DELTA_BUNDLE, 'fragment'))),
    ];
    await writeFacets(site, records, { bundles: [`/${DELTA_BUNDLE}/`], hidden: [...hiddenIds] });
    changes.next[this.name] = { ...plan.kept, base: baseRecords } satisfies KeptIndex;
    return `indexed ${plan.delta.length} changed pages (${parts} more records for parts of long threads) into /${DELTA_BUNDLE}/, hiding ${hiddenIds.size} records of the base index`;
  },
};

/** A built page to index: the URL it is served at, its file, and whether it is a thread's page. */
interface IndexedFile {
  url: string;
  file: string;
  thread: boolean;
}

/**
 * The built pages worth indexing, with the URL each is served at: every page of every thread's flat
 * view (`/threads/<slug>/`, `/threads/<slug>/2/`, …), and the symbol and lock pages. The thousands of
 * /r/ redirects, month indexes and nested views are left out: parsing them would only cost time. A
 * shard other than the first indexes its threads only (shard 1 has the symbol and lock pages).
 */
async function indexedFiles(site: string, withShared: boolean): Promise<IndexedFile[]> {
  const out: IndexedFile[] = [];
  const threads = join(site, 'threads');
  for (const slug of (await readdir(threads).catch(() => [] as string[])).sort()) {
    if (!existsSync(join(threads, slug, 'index.html'))) continue;
    out.push({ url: `/threads/${slug}/`, file: join(threads, slug, 'index.html'), thread: true });
    const more = await readdir(join(threads, slug));
    for (const name of more.filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b)))
      out.push({
        url: `/threads/${slug}/${name}/`,
        file: join(threads, slug, name, 'index.html'),
        thread: true,
      });
  }
  for (const section of withShared ? ['symbols', 'locks'] : []) {
    const root = join(site, section);
    const names = (await readdir(root, { recursive: true }).catch(() => [] as string[])).filter(
      (n) => n === 'index.html' || n.endsWith('/index.html'),
    );
    for (const name of names.sort())
      out.push({
        url: `/${section}/${name.replace(/index\.html$/, '')}`,
        file: join(root, name),
        thread: false,
      });
  }
  return out;
}

/** The records of a Pagefind bundle's fragment folder: each fragment is gzip, a 12-byte signature, then JSON. */
export async function readRecords(folder: string): Promise<IndexRecord[]> {
  const records: IndexRecord[] = [];
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.pf_fragment')) continue;
    const json = JSON.parse(
      (await gunzipAsync(await readFile(join(folder, name)))).subarray(12).toString('utf8'),
    );
    records.push({
      id: name.replace(/\.pf_fragment$/, ''),
      url: json.url,
      pageUrl: json.meta?.url,
      thread: json.meta?.thread,
      filters: json.filters ?? {},
    });
  }
  return records;
}
