// Hands the build steps' page watchers (build-step.ts) each page as Astro renders it, through Astro's
// prerenderer hook (`setPrerenderer` in astro:build:start): the wrapped prerenderer renders as Astro's
// own does, and a page some watcher wants is read once and given back to Astro as the same bytes.

import type { AstroPrerenderer } from 'astro';
import type { PageWatcher } from './build-step.ts';

/** `base`, with every rendered page that a watcher in `watchers` wants shown to that watcher. */
export function watchedPrerenderer(
  base: AstroPrerenderer,
  watchers: readonly PageWatcher[],
): AstroPrerenderer {
  return {
    ...base,
    name: `${base.name}+lockstep-watchers`,
    async render(request, options) {
      const result = await base.render(request, options);
      const url = new URL(request.url).pathname;
      const wanting = watchers.filter((w) => w.wants(url));
      const response = result instanceof Response ? result : result.response;
      if (wanting.length === 0 || response.status !== 200 || !response.body) return result;
      const html = await response.text();
      for (const watcher of wanting) watcher.page(url, html);
      const copy = new Response(html, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return result instanceof Response ? copy : { ...result, response: copy };
    },
  };
}
