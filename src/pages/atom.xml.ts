// /atom.xml: the site's Atom feed, the newest threads and annotations.
import type { APIRoute } from 'astro';
import { atomXml } from '../lib/feeds/atom.ts';
import { FEED_SIZE, threadEntries } from '../site-data/feed-data.ts';

/** Serves the feed. */
export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://127.0.0.1:4321');
  const entries = (await threadEntries(base)).slice(0, FEED_SIZE).map((t) => t.entry);
  const xml = atomXml({
    id: new URL('/atom.xml', base).href,
    title: 'Lockstep: kernel locking threads',
    subtitle: 'Newest threads and annotations',
    self: new URL('/atom.xml', base).href,
    alternate: new URL('/', base).href,
    author: 'Lockstep',
    entries,
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
