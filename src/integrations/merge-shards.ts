// `npm run merge-shards`: joins the outputs of a sharded build (`npm run build -- --shard i/N`, one
// per shard) into one site. Shard 1 brings everything it built (the pages of its threads and every
// page that is no one thread's); each other shard brings its threads' pages, their permalinks and
// mail files, and its Pagefind bundle, which goes to /pagefind-shard-<i>/ and which the search page
// merges into shard 1's at start (Pagefind's mergeIndex). The facet index is rebuilt over all
// bundles. Files are hard-linked where the file system allows, so merging costs little disk or time.
//
// Pagefind ranks each bundle's records against that bundle's own statistics, and a query word missing
// from one bundle makes that bundle match shorter words instead; so a merged search finds every thread a
// whole build finds, plus sometimes a few more, and may link a thread to another of its messages.
// `reindex` trades the per-shard bundles for one index of the merged site, searched exactly as a whole
// build's (docs/scale.md).

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildFacetIndex, FACET_INDEX_URL, type FacetIndex } from '../lib/search/facet-index.ts';
import { shardBundleUrl } from '../lib/shards/shard.ts';
import type { StepLogger } from './build-step.ts';
import { place } from './mail-files.ts';
import { pagefindStep, readRecords } from './pagefind.ts';
import { gzipCopy } from './precompress.ts';
import { fullBuildChanges } from './render-plan.ts';
import { SHARD_STAMP, type ShardStamp } from './shard-stamp.ts';

/** What a merge did. */
export interface MergeSummary {
  shards: number;
  threads: number;
  files: number;
}

/** Reads each folder's stamp and checks they are shards 1..N of one build, with disjoint threads. */
export async function readStamps(
  folders: readonly string[],
): Promise<{ folder: string; stamp: ShardStamp }[]> {
  if (folders.length === 0) throw new Error('no shard folders to merge');
  const shards = await Promise.all(
    folders.map(async (folder) => {
      const file = join(folder, SHARD_STAMP);
      if (!existsSync(file)) throw new Error(`${folder} is not a shard build (no ${SHARD_STAMP})`);
      return { folder, stamp: JSON.parse(await readFile(file, 'utf8')) as ShardStamp };
    }),
  );
  shards.sort((a, b) => a.stamp.index - b.stamp.index);
  const count = shards[0]?.stamp.count;
  const indexes = shards.map((s) => s.stamp.index).join(',');
  const wanted = Array.from({ length: count ?? 0 }, (_, i) => i + 1).join(',');
  if (shards.some((s) => s.stamp.count !== count) || indexes !== wanted)
    throw new Error(
      `the folders hold shards ${indexes} of ${shards.map((s) => s.stamp.count).join('/')}; need 1..N of one N`,
    );
  const owner = new Map<string, number>();
  for (const { stamp } of shards)
    for (const slug of stamp.threads) {
      const other = owner.get(slug);
      if (other !== undefined)
        throw new Error(`thread ${slug} was built by shards ${other} and ${stamp.index}`);
      owner.set(slug, stamp.index);
    }
  return shards;
}

/**
 * Hard-links (or copies) one file, making its folder. A file another shard wrote already is an error,
 * except a built asset (`shared`) with the same bytes: every shard builds the scripts and styles.
 */
async function placeOnce(from: string, to: string, what: string, shared = false): Promise<boolean> {
  if (existsSync(to)) {
    if (shared && (await readFile(from)).equals(await readFile(to))) return false;
    throw new Error(
      `${what} is in two shards${shared ? ' with different bytes (built from different sources?)' : ''}`,
    );
  }
  await place(from, to);
  return true;
}

/** Every file under `root`, as paths relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

/**
 * Where a file of shard `index` (> 1) goes in the merged site, or null when shard 1's copy is the one
 * kept. Built assets (`_astro/`) come from every shard: a shard that renders only thread pages may
 * bundle its styles in other chunks than shard 1, and its pages must find them.
 */
function mergedPath(rel: string, index: number, threads: ReadonlySet<string>): string | null {
  const [top, second] = rel.split('/');
  if (top === '_astro') return rel;
  if (top === 'pagefind') return join(shardBundleUrl(index).slice(1), rel.slice('pagefind/'.length));
  if (top === 'threads' && second !== undefined && threads.has(second)) return rel;
  if (top === 'r') return rel;
  return null;
}

/** Merges shard folders into `out` (emptied first); with `reindex`, indexes the merged site once instead. */
export async function mergeShards(
  folders: readonly string[],
  out: string,
  options: { reindex?: boolean; logger?: StepLogger } = {},
): Promise<MergeSummary> {
  const shards = await readStamps(folders);
  await rm(out, { recursive: true, force: true });
  let files = 0;
  for (const { folder, stamp } of shards) {
    const threads = new Set(stamp.threads);
    for (const rel of await filesUnder(folder)) {
      if (rel === SHARD_STAMP || rel === `${SHARD_STAMP}.gz`) continue;
      const to = stamp.index === 1 ? rel : mergedPath(rel, stamp.index, threads);
      if (to === null) continue;
      if (
        await placeOnce(
          join(folder, rel),
          join(out, to),
          `${to} (shard ${stamp.index})`,
          to.startsWith('_astro/'),
        )
      )
        files += 1;
    }
  }
  if (options.reindex) {
    for (const { stamp } of shards)
      await rm(join(out, shardBundleUrl(stamp.index).slice(1)), { recursive: true, force: true });
    await rm(join(out, `${FACET_INDEX_URL.slice(1)}.gz`), { force: true });
    await rm(join(out, FACET_INDEX_URL.slice(1)), { force: true });
    const logger = options.logger ?? { info: () => {}, warn: () => {} };
    await pagefindStep.run(out, logger, { cacheDir: '', shard: null, changes: fullBuildChanges() });
    await gzipCopy(join(out, FACET_INDEX_URL.slice(1)));
    return summary(shards, files);
  }
  // The facet index over every bundle: counts per thread, and the bundles the search page merges.
  const bundles = shards.map((s) => shardBundleUrl(s.stamp.index));
  const records = (
    await Promise.all(bundles.map((url) => readRecords(join(out, url.slice(1), 'fragment'))))
  ).flat();
  const facets: FacetIndex = { ...buildFacetIndex(records), bundles: bundles.slice(1) };
  const file = join(out, FACET_INDEX_URL.slice(1));
  await rm(`${file}.gz`, { force: true });
  // Shard 1's copy is a hard link to its own file: replace it, never write through it.
  await rm(file, { force: true });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(facets));
  await gzipCopy(file);
  return summary(shards, files);
}

function summary(shards: { stamp: ShardStamp }[], files: number): MergeSummary {
  return { shards: shards.length, threads: shards.reduce((n, s) => n + s.stamp.threads.length, 0), files };
}
