// Hands the build steps' page watchers (build-step.ts) each page as Astro renders it, through Astro's
// prerenderer hook (`setPrerenderer` in astro:build:start): the wrapped prerenderer renders as Astro's
// own does, and a page some watcher wants is read once and given back to Astro as the same bytes.
// Astro renders a few pages at a time (build.concurrency), so they can finish in any order; watchers get
// them in the order Astro started them, which does not depend on timing (Pagefind's index depends on
// the order it is given pages). A watcher that can finish early (`expect`) is told beforehand which
// pages it will get, and those render first, in the order Astro listed them: Pagefind writes its index
// while the pages it does not index (redirects, month lists, embeds, diagrams) still render.

import type { AstroPrerenderer, RouteType } from 'astro';
import type { PageWatcher, RenderedPage } from './build-step.ts';

/**
 * The path a page Astro lists at `pathname` is requested at when rendered (Astro's getUrlForPath for
 * this site's directory format with trailing slashes always): a page's path ends with `/`; an
 * endpoint's ending in a file name (`/atom.xml`) is left as it is, and gets a `/` otherwise (Astro
 * may list an endpoint's path with a `/` already: `/diagrams/x.svg/`, still written as the file).
 */
export function renderedUrl(pathname: string, routeType: RouteType): string {
  if (routeType === 'endpoint' && /\/[^/]+\.\w+$/.test(pathname)) return pathname;
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

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
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      const url = (path: (typeof paths)[number]) => renderedUrl(path.pathname, path.route.type);
      // Watchers told what comes can finish as soon as their last page is in: their pages go first.
      const waiting = watchers.filter((w) => w.expect);
      const first = (path: (typeof paths)[number]) => waiting.some((w) => w.wants(url(path)));
      // A stable split: each group keeps Astro's order.
      const ordered = [...paths.filter(first), ...paths.filter((path) => !first(path))];
      const urls = ordered.map(url);
      for (const watcher of waiting) watcher.expect?.(urls.filter((u) => watcher.wants(u)));
      return ordered;
    },
    async render(request, options) {
      const turn = started++;
      let show = () => {};
      try {
        const result = await base.render(request, options);
        const url = new URL(request.url).pathname;
        const wanting = watchers.filter((w) => w.wants(url));
        const response = result instanceof Response ? result : result.response;
        if (wanting.length === 0 || response.status !== 200 || !response.body) return result;
        // Read as bytes, handed to the watchers as they are; Astro gets the same bytes back (not text
        // it would encode again).
        const bytes = new Uint8Array(await response.arrayBuffer());
        const page: RenderedPage = { bytes, route: options.routeData.type };
        show = () => {
          for (const watcher of wanting) watcher.page(url, page);
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
