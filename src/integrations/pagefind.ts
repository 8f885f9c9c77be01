// Astro integration: index the built site with Pagefind's Node API once the build is done.
// Only regions marked data-pagefind-body are indexed (thread, symbol and lock pages).

import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** The built pages worth indexing: thread pages (not their nested views), symbol and lock pages. */
export const INDEXED_PAGES = '{threads/*/index.html,symbols/**/index.html,locks/**/index.html}';

/** Characters kept inside words, so C identifiers (`del_timer_sync`) index as one token. */
export const IDENTIFIER_CHARACTERS = '_';

/** Runs Pagefind over the output folder at the end of `astro build`, failing the build on errors. */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'lockstep-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ includeCharacters: IDENTIFIER_CHARACTERS });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        // Only pages that carry data-pagefind-body: parsing the thousands of /r/ redirects and month
        // indexes would only cost time.
        const added = await index.addDirectory({ path: site, glob: INDEXED_PAGES });
        if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
        if (written.errors.length > 0)
          throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
