// Astro integration: index the built site with Pagefind's Node API once the build is done.
// Only regions marked data-pagefind-body are indexed (thread, symbol and lock pages). Long threads
// are indexed as several parts (lib/search/index-parts.ts), and the search page gets a small
// `search/facets.json` with filter counts per page and the map from later parts to their thread.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { buildFacetIndex, FACET_INDEX_URL, type IndexRecord } from '../lib/search/facet-index.ts';
import { splitIndexDocuments, withoutCodeBlocks } from '../lib/search/index-parts.ts';

const gunzipAsync = promisify(gunzip);

/** The built pages worth indexing: thread pages (not their nested views), symbol and lock pages. */
export const INDEXED_PAGES = '{threads/*/index.html,symbols/**/index.html,locks/**/index.html}';

/** Characters kept inside words, so C identifiers (`del_timer_sync`) index as one token. */
export const IDENTIFIER_CHARACTERS = '_';

/**
 * Page furniture never indexed, wherever it sits: control labels (Run, Step, Copy text…), the ¶
 * paragraph links, header labels (`From`) and our "Quoted text, N lines" summaries. Left in, they
 * show up inside excerpts and glue onto the words beside them ("FromYi Zhang").
 */
export const EXCLUDED_SELECTORS = ['button', '.para-anchor', 'dt', 'summary.quote-summary'];

/**
 * Indexed characters per part of a long thread: a result's fragment (which the browser downloads and
 * scans for excerpts) stays near the size of a typical thread's, about 20 KB gzipped at most.
 */
export const PART_BUDGET = 32_000;

/** Runs Pagefind over the output folder at the end of `astro build`, failing the build on errors. */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'lockstep-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({
          includeCharacters: IDENTIFIER_CHARACTERS,
          excludeSelectors: EXCLUDED_SELECTORS,
        });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        // Only pages that carry data-pagefind-body: parsing the thousands of /r/ redirects and month
        // indexes would only cost time.
        const added = await index.addDirectory({ path: site, glob: INDEXED_PAGES });
        if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        // Long threads again, as parts: Pagefind keeps the last record added under a URL, so part 1
        // replaces the whole page added above.
        let parts = 0;
        for (const slug of await readdir(join(site, 'threads'))) {
          const url = `/threads/${slug}/`;
          const html = await readFile(join(site, 'threads', slug, 'index.html'), 'utf8').catch(() => null);
          if (html === null) continue;
          const documents = splitIndexDocuments(html, url, PART_BUDGET);
          if (documents.length === 1) continue;
          for (const document of documents) {
            const content = withoutCodeBlocks(document.html);
            const result = await index.addHTMLFile({ url: document.url, content });
            if (result.errors.length > 0)
              throw new Error(`Pagefind indexing failed on ${document.url}: ${result.errors.join('; ')}`);
          }
          parts += documents.length - 1;
        }
        const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
        if (written.errors.length > 0)
          throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
        await pagefind.close();
        const facets = buildFacetIndex(await readRecords(join(site, 'pagefind', 'fragment')));
        const file = join(site, FACET_INDEX_URL);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(facets));
        logger.info(
          `indexed ${added.page_count} pages (${parts} more records for parts of long threads) in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}

/** Pagefind's records as written: each fragment is gzip, a 12-byte signature, then JSON. */
async function readRecords(folder: string): Promise<IndexRecord[]> {
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
      filters: json.filters ?? {},
    });
  }
  return records;
}
