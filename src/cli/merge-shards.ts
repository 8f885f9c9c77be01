// `npm run merge-shards [-- --out DIR] [--reindex] [SHARD_FOLDER…]`: joins the shards of a sharded build
// (`npm run build -- --shard i/N`) into one site, dist/ by default. Without folders it takes every
// shards/<i>-of-<N>/ folder. The search page merges the shards' Pagefind bundles; --reindex indexes
// the merged site once instead (src/integrations/merge-shards.ts says when that matters). Exits 1,
// with the reason, when the folders are not one build's shards.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeShards } from '../integrations/merge-shards.ts';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string', default: 'dist' }, reindex: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const started = performance.now();
  try {
    const folders =
      positionals.length > 0
        ? positionals
        : readdirSync('shards', { withFileTypes: true })
            .filter((e) => e.isDirectory() && /^\d+-of-\d+$/.test(e.name))
            .map((e) => join('shards', e.name));
    const logger = {
      info: (m: string) => process.stdout.write(`${m}\n`),
      warn: (m: string) => process.stderr.write(`${m}\n`),
    };
    const done = await mergeShards(folders, values.out, { reindex: values.reindex, logger });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `merged ${done.shards} shards (${done.threads} threads, ${done.files} files) into ${values.out} in ${seconds} s\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`merge-shards: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exit(await main());
