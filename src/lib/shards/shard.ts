// A build split into N shards (`npm run build -- --shard i/N`): each shard renders the pages of a
// stable, disjoint subset of threads, and shard 1 also renders the pages that are not a thread's
// (home, lists, months, symbols, locks, search, feeds). `npm run merge-shards` joins them
// (src/integrations/merge-shards.ts). Which shard owns a thread depends only on its slug, which
// the importer derives from the thread's root (lib/mail/thread-slug.ts), so it never moves between
// builds, whatever else the archive holds.

/** One shard of a sharded build: `index` from 1 to `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The environment variable the build command sets for Astro and its steps (`1/2`). */
export const SHARD_ENV = 'LOCKSTEP_SHARD';

/** Reads `i/N` (1 ≤ i ≤ N); throws a readable error on anything else. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > 1024)
    throw new Error(`--shard takes i/N with 1 <= i <= N <= 1024 (as in 1/2), not "${text}"`);
  return { index, count };
}

/** The shard (1..count) that owns the thread with this slug: FNV-1a of the slug, modulo count. */
export function shardOfThread(slug: string, count: number): number {
  // FNV-1a: tiny, stable across Node and browsers, and spreads slugs that differ in one character.
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i += 1) {
    hash ^= slug.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

/** The shard named by LOCKSTEP_SHARD's value (`i/N`), or null when it is unset or empty (a whole build). */
export function shardFromEnvironment(value: string | undefined): Shard | null {
  return value ? parseShard(value) : null;
}

/** Whether this build renders the thread's pages: always when the build is not sharded. */
export function ownsThread(shard: Shard | null, slug: string): boolean {
  return shard === null || shardOfThread(slug, shard.count) === shard.index;
}

/** Whether this build renders the pages that belong to no one thread: an unsharded build, or shard 1. */
export function ownsSharedPages(shard: Shard | null): boolean {
  return shard === null || shard.index === 1;
}

/** Where a shard's build goes by default, relative to the project: `shards/1-of-2`. */
export function shardFolder(shard: Shard): string {
  return `shards/${shard.index}-of-${shard.count}`;
}

/** The URL of a shard's Pagefind bundle in the merged site: shard 1's stays `/pagefind/`. */
export function shardBundleUrl(index: number): string {
  return index === 1 ? '/pagefind/' : `/pagefind-shard-${index}/`;
}
