// Build steps (lockstep.ts): write a gzip copy (`file.gz`) next to every text asset of the build, as static
// hosts and our own server serve them to browsers that accept gzip. Two steps: the pages' copies are made
// while Pagefind indexes, and the search index's own files get theirs once Pagefind has written them.

import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { FACET_INDEX_URL } from '../lib/search/facet-index.ts';
import { COMPRESSIBLE, GZIP_LEVEL, wantsGzipCopy } from '../loaders/gzip-copy.ts';
import { stepProgress } from '../loaders/step-progress.ts';
import type { BuildStep, StepContext } from './build-step.ts';
import { isSearchIndexFile, pagefindStep } from './pagefind.ts';
import { SHARD_STAMP, shardStampStep } from './shard-stamp.ts';
import { siteFiles } from './site-files.ts';

const gzipAsync = promisify(gzip);

/** The folder where Vite names each file by a hash of its bytes (Astro's `build.assets`). */
const HASHED_ASSETS = '_astro/';

/**
 * Writes `path.gz` when that saves bytes; returns how many (0 when no copy was written). A copy newer
 * than its file is kept: an incremental build leaves the pages it did not render, and their copies. So
 * is any copy of a file whose name says its bytes (`namedByBytes`): Vite writes the scripts and styles
 * of `_astro/` again in every build, under the same names when their bytes are the same.
 */
export async function gzipCopy(path: string, namedByBytes = false): Promise<number> {
  const file = await stat(path);
  if (!wantsGzipCopy(path, file.size)) return 0;
  const copy = await stat(`${path}.gz`).catch(() => null);
  if (copy && (namedByBytes || copy.mtimeMs >= file.mtimeMs)) return 0;
  const raw = await readFile(path);
  const packed = await gzipAsync(raw, { level: GZIP_LEVEL });
  if (packed.length >= raw.length) return 0;
  await writeFile(`${path}.gz`, packed);
  return raw.length - packed.length;
}

/** Which of the output's files (paths relative to it, with `/`) a gzip step considers in a build. */
type Candidates = (out: string, context: StepContext) => Promise<string[]>;

/** The files under `out` but for the folders `skip` accepts: the whole output, walked. */
function walked(skip: (folder: string) => boolean): Candidates {
  return async (out) => {
    const paths: string[] = [];
    for await (const path of siteFiles(out, skip)) paths.push(path);
    return paths;
  };
}

/**
 * A step that gzips the build's text assets among `candidates` whose path (relative to the output,
 * with `/`) `wanted` accepts, a few at a time so memory stays flat on big builds.
 */
function precompressStep(
  name: string,
  after: readonly string[],
  wanted: (path: string) => boolean,
  candidates: Candidates,
): BuildStep {
  return {
    name,
    after,
    async run(out, logger, context) {
      let count = 0;
      let saved = 0;
      const batch: Promise<void>[] = [];
      const hashedFolder = join(out, HASHED_ASSETS);
      const one = async (path: string) => {
        const bytes = await gzipCopy(path, path.startsWith(hashedFolder));
        if (bytes === 0) return;
        count += 1;
        saved += bytes;
      };
      const paths = (await candidates(out, context))
        .filter((path) => COMPRESSIBLE.test(path) && wanted(path))
        .map((path) => join(out, path));
      const progress = stepProgress(logger, 'gzip copies', paths.length);
      // Several at a time: zlib runs in libuv's thread pool, so both cores compress.
      for (const path of paths) {
        batch.push(one(path).then(() => progress.tick()));
        if (batch.length >= 16) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
      progress.done();
      return `gzipped ${count} files (${(saved / 1e6).toFixed(1)} MB smaller)`;
    },
  };
}

/** The whole output but the permalinks (`r/`: 14,600 folders on a big list, not even listed). */
const wholeSite = walked((folder) => folder === 'r');

/**
 * What a build may have changed: in a full build, the whole output. An incremental build keeps the
 * copies of the pages it did not render, so only what it wrote needs one: the files of the routes
 * Astro rendered (as Astro lists them), `_astro/` (written again in every build) and a shard's stamp.
 * Walking the whole output instead cost about a second of the bulk archive's incremental build.
 */
const changedFiles: Candidates = async (out, context) => {
  if (!context.changes.incremental) return wholeSite(out, context);
  const paths = context.changes.written.map((file) => relative(out, file).split(sep).join('/'));
  for await (const path of siteFiles(join(out, HASHED_ASSETS))) paths.push(`${HASHED_ASSETS}${path}`);
  if (existsSync(join(out, SHARD_STAMP))) paths.push(SHARD_STAMP);
  return paths;
};

/**
 * Gzips every text asset but the search index's and the permalinks' (`r/`: the parse workers gzipped
 * those with the rest of each message's files, and the mail-files step places the copies), as soon as
 * Astro has written the pages (and a shard is stamped).
 */
export const precompressPagesStep = precompressStep(
  'lockstep-precompress',
  [shardStampStep.name],
  (path) => !isSearchIndexFile(path) && !path.startsWith('r/'),
  changedFiles,
);

/** Gzips the search index's text files (Pagefind's scripts, the facets file) once Pagefind has written them. */
export const precompressSearchStep = precompressStep(
  'lockstep-precompress-search',
  [pagefindStep.name],
  isSearchIndexFile,
  // Only the index's folders and the one holding the facets file are listed.
  walked((folder) => folder !== dirname(FACET_INDEX_URL.slice(1)) && !isSearchIndexFile(`${folder}/`)),
);
