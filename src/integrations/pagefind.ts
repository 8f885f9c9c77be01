// Build step (lockstep.ts): index the built site with Pagefind's Node API once the pages are written.
// Only regions marked data-pagefind-body are indexed (thread, symbol and lock pages). Long threads
// are indexed as several parts (lib/search/index-parts.ts), and the search page gets a small
// `search/facets.json` with filter counts per thread and the map from its other records (later parts,
// later pages) to its first one.

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import * as pagefind from 'pagefind';
import { ENGINE_SCRIPT, ENGINE_WASM } from '../lib/search/engine-files.ts';
import { buildFacetIndex, FACET_INDEX_URL, type IndexRecord } from '../lib/search/facet-index.ts';
import { splitIndexDocuments, withoutCodeBlocks } from '../lib/search/index-parts.ts';
import { ownsSharedPages } from '../lib/shards/shard.ts';
import type { BuildStep } from './build-step.ts';
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

/** True for a file (path relative to the output, with `/`) that the search index step writes. */
export function isSearchIndexFile(path: string): boolean {
  return path.startsWith('pagefind/') || path === FACET_INDEX_URL.slice(1);
}

/** Runs Pagefind over the output folder at the end of `astro build`; its index closes whatever happens. */
export const pagefindStep: BuildStep = {
  name: 'lockstep-pagefind',
  async run(site, logger, { shard }) {
    const { index, errors } = await pagefind.createIndex({
      includeCharacters: IDENTIFIER_CHARACTERS,
      excludeSelectors: EXCLUDED_SELECTORS,
    });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    let pages = 0;
    let parts = 0;
    try {
      // Each page is read here and handed over as HTML (not addDirectory): one progress tick per page,
      // and a long thread goes in as its parts only, never whole first.
      const files = await indexedFiles(site, ownsSharedPages(shard));
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
        pages += 1;
        parts += documents.length - 1;
        progress.tick();
      }
      progress.done();
      const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
      if (written.errors.length > 0)
        throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
      // The search page preloads these by name; a Pagefind that names them otherwise must not pass unseen.
      for (const file of [ENGINE_SCRIPT, ENGINE_WASM])
        if (!existsSync(join(site, file)))
          throw new Error(`Pagefind wrote no ${file}, which /search/ preloads`);
    } finally {
      // The Pagefind service is a child process: left open, it would keep the build from exiting.
      await pagefind.close();
    }
    const facets = buildFacetIndex(await readRecords(join(site, 'pagefind', 'fragment')));
    const file = join(site, FACET_INDEX_URL);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(facets));
    return `indexed ${pages} pages (${parts} more records for parts of long threads)`;
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
