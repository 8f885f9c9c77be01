import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import type { PageWatcher } from '../../../src/integrations/build-step.ts';
import { renderedUrl, watchedPrerenderer } from '../../../src/integrations/watched-prerenderer.ts';

/** A prerenderer standing in for Astro's: it answers each path with a page naming it (or a redirect). */
function pages(metadata: boolean): AstroPrerenderer {
  return {
    name: 'astro:default',
    getStaticPaths: async () => [],
    async render(request) {
      const path = new URL(request.url).pathname;
      const response = path.startsWith('/old/')
        ? new Response(null, { status: 301, headers: { location: '/new/' } })
        : new Response(`<h1>${path}</h1>`, { headers: { 'content-type': 'text/html', 'x-page': path } });
      return metadata ? { response, metadata: { path } as never } : response;
    },
  };
}

/** A watcher of thread pages that records what it was shown. */
function threadWatcher(seen: string[]): PageWatcher {
  return {
    wants: (url) => url.startsWith('/threads/'),
    page: (url, page) => seen.push(`${url} ${new TextDecoder().decode(page.bytes)}`),
  };
}

const render = (p: AstroPrerenderer, path: string) =>
  p.render(new Request(`http://localhost${path}`), { routeData: {} as never });

describe('watchedPrerenderer', () => {
  it('shows each watcher the pages it wants, and gives Astro the same page', async () => {
    const seen: string[] = [];
    const others: string[] = [];
    const wrapped = watchedPrerenderer(pages(false), [
      threadWatcher(seen),
      { wants: (url) => url.endsWith('/2/'), page: (url) => others.push(url) },
    ]);
    const kinds: unknown[] = [];
    const kinded = watchedPrerenderer(pages(false), [
      { wants: () => true, page: (_, p) => kinds.push(p.route) },
    ]);
    await kinded.render(new Request('http://localhost/feed.xml'), {
      routeData: { type: 'endpoint' } as never,
    });
    expect(kinds).toEqual(['endpoint']);
    const response = (await render(wrapped, '/threads/a/2/')) as Response;
    expect(await response.text()).toBe('<h1>/threads/a/2/</h1>');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-page')).toBe('/threads/a/2/');
    await render(wrapped, '/symbols/x/');
    expect(seen).toEqual(['/threads/a/2/ <h1>/threads/a/2/</h1>']);
    expect(others).toEqual(['/threads/a/2/']);
  });

  it('leaves pages no watcher wants, and redirects, as the base prerenderer made them', async () => {
    const seen: string[] = [];
    const wrapped = watchedPrerenderer(pages(false), [threadWatcher(seen)]);
    const other = (await render(wrapped, '/symbols/x/')) as Response;
    expect(other.bodyUsed).toBe(false);
    const moved = (await render(wrapped, '/old/threads/')) as Response;
    expect(moved.status).toBe(301);
    expect(seen).toEqual([]);
  });

  it("keeps the incremental-build metadata Astro's prerenderer reports with the page", async () => {
    const seen: string[] = [];
    const wrapped = watchedPrerenderer(pages(true), [threadWatcher(seen)]);
    const result = await render(wrapped, '/threads/b/');
    if (result instanceof Response) throw new Error('the metadata was dropped');
    expect(result.metadata).toEqual({ path: '/threads/b/' });
    expect(await result.response.text()).toBe('<h1>/threads/b/</h1>');
    expect(seen).toEqual(['/threads/b/ <h1>/threads/b/</h1>']);
  });
});

describe('watchedPrerenderer with pages rendered side by side', () => {
  it('shows the watchers the pages in the order Astro started them, whatever order they finish in', async () => {
    const seen: string[] = [];
    const gates = new Map<string, () => void>();
    const slow: AstroPrerenderer = {
      name: 'astro:default',
      getStaticPaths: async () => [],
      async render(request) {
        const path = new URL(request.url).pathname;
        await new Promise<void>((open) => gates.set(path, open));
        return new Response(`<p>${path}</p>`);
      },
    };
    const wrapped = watchedPrerenderer(slow, [threadWatcher(seen)]);
    const paths = ['/threads/a/', '/symbols/x/', '/threads/b/', '/threads/c/'];
    const rendering = paths.map((path) => render(wrapped, path));
    await new Promise((done) => setTimeout(done, 0));
    // The last finishes first, then the second and third: nothing can be shown before the first.
    for (const path of ['/threads/c/', '/symbols/x/', '/threads/b/']) gates.get(path)?.();
    await Promise.all(rendering.slice(1));
    expect(seen).toEqual([]);
    gates.get('/threads/a/')?.();
    await Promise.all(rendering);
    expect(seen.map((s) => s.split(' ')[0])).toEqual(['/threads/a/', '/threads/b/', '/threads/c/']);
  });
});

describe('watchedPrerenderer listing the pages', () => {
  /** A path as Astro lists it, with the type of its route. */
  const listed = (pathname: string, type: 'page' | 'endpoint' = 'page') => ({
    pathname,
    route: { type } as never,
  });

  it('lists first the pages of the watchers that are told what comes, each group in the order Astro listed it', async () => {
    const told: string[][] = [];
    const base: AstroPrerenderer = {
      ...pages(false),
      getStaticPaths: async () => [
        listed('/'),
        listed('/threads/a'),
        listed('/atom.xml', 'endpoint'),
        listed('/threads/a/nested'),
        listed('/threads/b/'),
        listed('/lists/x'),
      ],
    };
    const watcher: PageWatcher = {
      wants: (url) => /^\/threads\/[^/]+\/$/.test(url),
      page: () => {},
      expect: (urls) => told.push([...urls]),
    };
    const wrapped = watchedPrerenderer(base, [watcher, threadWatcher([])]);
    const ordered = await wrapped.getStaticPaths();
    // The other watcher's nested page is not hurried: it keeps its place among the rest.
    expect(ordered.map((p) => p.pathname)).toEqual([
      '/threads/a',
      '/threads/b/',
      '/',
      '/atom.xml',
      '/threads/a/nested',
      '/lists/x',
    ]);
    // As the pages are requested: a page's path with its slash, an endpoint's file name as it is.
    expect(told).toEqual([['/threads/a/', '/threads/b/']]);
  });

  it('gives the path an endpoint and a page are requested at', () => {
    expect(renderedUrl('/atom.xml', 'endpoint')).toBe('/atom.xml');
    expect(renderedUrl('/feeds/x', 'endpoint')).toBe('/feeds/x/');
    expect(renderedUrl('/symbols/6.1', 'page')).toBe('/symbols/6.1/');
    expect(renderedUrl('/threads/a/', 'page')).toBe('/threads/a/');
  });
});
