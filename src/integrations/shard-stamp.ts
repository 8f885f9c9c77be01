// Build step (lockstep.ts): a shard of a sharded build leaves `lockstep-shard.json` in its output (which
// shard of how many, and the threads it rendered), so `npm run merge-shards` can check that the shards
// it is given are one build's complete, disjoint set (src/integrations/merge-shards.ts).

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Shard } from '../lib/shards/shard.ts';
import type { BuildStep } from './build-step.ts';

/** The stamp's file name, at the root of a shard's output. */
export const SHARD_STAMP = 'lockstep-shard.json';

/** What the stamp holds. */
export interface ShardStamp extends Shard {
  /** Slugs of the threads whose pages this shard rendered. */
  threads: string[];
}

/** Writes the stamp in a shard build; does nothing in a whole build. */
export const shardStampStep: BuildStep = {
  name: 'lockstep-shard',
  async run(out, _logger, { shard }) {
    if (!shard) return 'whole build, not a shard';
    const threads = (await readdir(join(out, 'threads'), { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const stamp: ShardStamp = { ...shard, threads };
    await writeFile(join(out, SHARD_STAMP), JSON.stringify(stamp));
    return `shard ${shard.index} of ${shard.count}: ${threads.length} threads`;
  },
};
