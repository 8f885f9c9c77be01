// Hands the build steps' page watchers (build-step.ts) each page as Astro renders it, through Astro's
// prerenderer hook (`setPrerenderer` in astro:build:start): the wrapped prerenderer renders as Astro's
// own does, and a page some watcher wants is read once and given back to Astro as the same bytes.
// Astro renders a few pages at a time (build.concurrency), so they can finish in any order; watchers get
// them in the order Astro started them, which does not depend on timing (Pagefind's index depends on
// the order it is given pages).

import type { AstroPrerenderer } from 'astro';
import type { PageWatcher } from './build-step.ts';

const decoder = new TextDecoder();

/** `base`, with every rendered page that a watcher in `watchers` wants shown to that watcher. */
export function watchedPrerenderer(
  base: AstroPrerenderer,
  watchers: readonly PageWatcher[],
): AstroPrerenderer {
  // Pages finished out of turn wait here, by their place in the order Astro started them.
  const finished = new Map<number, () => void>();
  let started = 0;
  let shown = 0;
  const finish = (turn: number, show: () => void) => {
    finished.set(turn, show);
    for (let next = finished.get(shown); next; next = finished.get(shown)) {
      finished.delete(shown);
      shown += 1;
      next();
    }
  };
  return {
    ...base,
    name: `${base.name}+lockstep-watchers`,
    async render(request, options) {
      const turn = started++;
      let show = () => {};
      try {
        const result = await base.render(request, options);
        const url = new URL(request.url).pathname;
        const wanting = watchers.filter((w) => w.wants(url));
        const response = result instanceof Response ? result : result.response;
        if (wanting.length === 0 || response.status !== 200 || !response.body) return result;
        // Read as bytes, decoded once for the watchers; Astro gets the same bytes back (not text it
        // would encode again).
        const bytes = new Uint8Array(await response.arrayBuffer());
        const html = decoder.decode(bytes);
        show = () => {
          for (const watcher of wanting) watcher.page(url, html);
        };
        const copy = new Response(bytes, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        return result instanceof Response ? copy : { ...result, response: copy };
      } finally {
        // A page no watcher wants (or that failed) still takes its turn, so the ones after it go on.
        finish(turn, show);
      }
    },
  };
}
