// /lists/<list>/atom.xml: one list's Atom feed, its newest threads.
import type { APIRoute } from 'astro';
import { atomXml } from '../../../lib/feeds/atom.ts';
import { sharedPagesHere } from '../../../site-data/build-shard.ts';
import { FEED_SIZE, threadEntries } from '../../../site-data/feed-data.ts';

/** One feed per list that the list pages show. */
export async function getStaticPaths() {
  // Shard 1 of a sharded build renders it (site-data/build-shard.ts).
  if (!sharedPagesHere) return [];
  const base = new URL('http://127.0.0.1:4321');
  const lists = new Set((await threadEntries(base)).flatMap((t) => t.lists));
  return [...lists].map((list) => ({ params: { list }, props: { list } }));
}

/** Serves the feed. */
export const GET: APIRoute = async ({ props, site }) => {
  const list = String(props.list);
  const base = site ?? new URL('http://127.0.0.1:4321');
  const path = `/lists/${encodeURIComponent(list)}/`;
  const entries = (await threadEntries(base))
    .filter((t) => t.lists.includes(list))
    .slice(0, FEED_SIZE)
    .map((t) => t.entry);
  const xml = atomXml({
    id: new URL(`${path}atom.xml`, base).href,
    title: `Lockstep: ${list}`,
    subtitle: `Newest threads of ${list}`,
    self: new URL(`${path}atom.xml`, base).href,
    alternate: new URL(path, base).href,
    author: 'Lockstep',
    entries,
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
