// The shard this build renders (LOCKSTEP_SHARD, set by `npm run build -- --shard i/N`), for the
// routes' getStaticPaths: thread routes keep the threads it owns, the other dynamic routes return no
// paths outside shard 1 (lib/shards/shard.ts). Unset, every route keeps everything.

import {
  ownsSharedPages,
  ownsThread,
  SHARD_ENV,
  type Shard,
  shardFromEnvironment,
} from '../lib/shards/shard.ts';

/** This build's shard, or null for a whole build. */
export const buildShard: Shard | null = shardFromEnvironment(process.env[SHARD_ENV]);

/** Whether this build renders the pages of the thread with this slug. */
export function threadHere(slug: string): boolean {
  return ownsThread(buildShard, slug);
}

/** Whether this build renders the pages that belong to no one thread: a whole build, or shard 1. */
export const sharedPagesHere: boolean = ownsSharedPages(buildShard);
