// `npm run build [-- --shard i/N] [-- astro build options]`: the site's build. Without --shard it is
// `astro build` (into dist/). With --shard i/N it builds shard i of N (lib/shards/shard.ts) into
// shards/i-of-N/ (or --outDir) with its own Astro cache, so shards can run side by side on one machine
// or as the jobs of a CI matrix; `npm run merge-shards` joins them.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseShard, SHARD_ENV, shardFolder } from '../lib/shards/shard.ts';
import { CACHE_DIR_ENV, cacheFolder } from '../lib/site/cache-folder.ts';

/** The build's arguments split: the shard asked for (or null) and the rest, passed to `astro build`. */
export function buildArguments(argv: readonly string[]): { shard: string | null; astro: string[] } {
  const astro: string[] = [];
  let shard: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--shard') {
      shard = argv[i + 1] ?? '';
      i += 1;
    } else if (arg.startsWith('--shard=')) shard = arg.slice('--shard='.length);
    else astro.push(arg);
  }
  return { shard, astro };
}

function main(): number {
  const { shard: asked, astro } = buildArguments(process.argv.slice(2));
  const env = { ...process.env };
  if (asked !== null) {
    let shard: ReturnType<typeof parseShard>;
    try {
      shard = parseShard(asked);
    } catch (error) {
      process.stderr.write(`build: ${(error as Error).message}\n`);
      return 2;
    }
    env[SHARD_ENV] = `${shard.index}/${shard.count}`;
    if (!astro.includes('--outDir')) astro.push('--outDir', shardFolder(shard));
    // Astro's data store and our parse cache live in the cache folder: one per shard, so two shard
    // builds in one checkout do not write the same store.
    env[CACHE_DIR_ENV] ??= `./node_modules/.astro-shard-${shard.index}-of-${shard.count}`;
  } else delete env[SHARD_ENV];
  // Node's compile cache (the compiled code of the modules Astro, Vite and Rolldown load) is kept with
  // the build's cache. Astro turns its own off under CI, where it expects nothing to be kept; but a kept
  // cache folder is what an incremental build runs on, and there it saves about 0.3 s of ~8.5 s (measured).
  env.NODE_COMPILE_CACHE ??= resolve(join(cacheFolder(env), 'node-compile-cache'));
  // glibc gives each thread that allocates its own memory arena (up to 8 per core), and an arena keeps
  // what was freed in it. Two arenas for Astro's process and its worker threads: a full build of the bulk
  // archive peaked 115–160 MB lower (all processes, three builds each), in the same time.
  env.MALLOC_ARENA_MAX ??= '2';
  // Astro runs on this Node (the project's, when started by npm), whatever `node` is first on the PATH.
  const run = spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build', ...astro], {
    stdio: 'inherit',
    env,
  });
  if (run.error) {
    process.stderr.write(`build: could not run astro: ${run.error.message}\n`);
    return 1;
  }
  return run.status ?? 1;
}

if (import.meta.main) process.exit(main());
