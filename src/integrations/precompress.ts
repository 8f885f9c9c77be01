// Build steps (lockstep.ts): write a gzip copy (`file.gz`) next to every text asset of the build, as static
// hosts and our own server serve them to browsers that accept gzip. Two steps: the pages' copies are made
// as Astro renders them (in a worker thread) and checked, with the rest of the site's assets packed,
// once the pages are written; the search index's own files get theirs once Pagefind has written them.

import { existsSync, statSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gzip } from 'node:zlib';
import { FACET_INDEX_URL } from '../lib/search/facet-index.ts';
import { COMPRESSIBLE, GZIP_LEVEL, wantsGzipCopy } from '../loaders/gzip-copy.ts';
import { stepProgress } from '../loaders/step-progress.ts';
import type { BuildStep, PageWatcher, RenderedPage, StepContext } from './build-step.ts';
import type { GzipDone, GzipJob } from './page-gzip-worker.ts';
import { isSearchIndexFile, pagefindStep } from './pagefind.ts';
import { pageFile } from './render-plan.ts';
import { SHARD_STAMP, shardStampStep } from './shard-stamp.ts';
import { siteFiles } from './site-files.ts';

const gzipAsync = promisify(gzip);

/** The folder where Vite names each file by a hash of its bytes (Astro's `build.assets`). */
const HASHED_ASSETS = '_astro/';

/**
 * Which existing copy `gzipCopy` keeps: one newer than its file (an incremental build leaves the pages
 * it did not render, and their copies); any copy of a file whose name says its bytes (Vite writes the
 * scripts and styles of `_astro/` again in every build, under the same names when their bytes are the
 * same); or none (a copy known to be of other bytes).
 */
export type KeptCopy = 'newer' | 'named' | 'none';

/** Writes `path.gz` when that saves bytes, unless a copy `keep` accepts is there; returns how many (0 when no copy was written). */
export async function gzipCopy(path: string, keep: KeptCopy = 'newer'): Promise<number> {
  const file = await stat(path);
  if (!wantsGzipCopy(path, file.size)) return 0;
  const copy = keep === 'none' ? null : await stat(`${path}.gz`).catch(() => null);
  if (copy && (keep === 'named' || copy.mtimeMs >= file.mtimeMs)) return 0;
  const raw = await readFile(path);
  const packed = await gzipAsync(raw, { level: GZIP_LEVEL });
  if (packed.length >= raw.length) return 0;
  await writeFile(`${path}.gz`, packed);
  return raw.length - packed.length;
}

/**
 * Gzips the pages as Astro renders them, in a worker thread (page-gzip-worker.ts), so that the
 * rendering (on one core) and the compression (on the other) overlap instead of the copies waiting
 * for the last page; the build's thread only hands each page over (zlib's calls and the file writes
 * through the build's event loop were 1.5 s of it on the bulk archive). The step then only checks
 * that each file is still the page this watcher packed.
 */
export class RenderedPageGzips implements PageWatcher {
  /** Per page file (relative to the output): its size as rendered, and the bytes its copy saves. */
  private readonly copies = new Map<string, { size: number; saved: Promise<number | null> }>();
  /** Answers awaited from the worker, by job id. */
  private readonly waiting = new Map<number, (saved: number | null) => void>();
  private worker: Worker | null = null;
  /** Set once the worker has stopped (or failed): no page is handed to it after. */
  private failed = false;
  private jobs = 0;
  private readonly out: string;

  constructor(out: string) {
    this.out = out;
  }

  wants(url: string): boolean {
    return url.endsWith('/');
  }

  page(url: string, { bytes, route }: RenderedPage): void {
    // An endpoint's file is named by its URL (diagrams, feeds): the gzip step packs it.
    if (route !== 'page' || this.failed) return;
    const file = pageFile(url);
    if (!wantsGzipCopy(file, bytes.byteLength)) return;
    const id = this.jobs++;
    const worker = this.started();
    // Held open while answers are awaited (an awaited promise alone would let the build's process end).
    if (this.waiting.size === 0) worker.ref();
    const saved = new Promise<number | null>((resolve) => this.waiting.set(id, resolve));
    this.copies.set(file, { size: bytes.byteLength, saved });
    worker.postMessage({ id, path: join(this.out, file), bytes } satisfies GzipJob);
  }

  /** The worker, started with the first page. */
  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./page-gzip-worker.ts', import.meta.url));
    worker.on('message', ({ id, saved }: GzipDone) => {
      this.waiting.get(id)?.(saved);
      this.waiting.delete(id);
      // Idle, it must not keep the process alive: close() ends it, and a build that failed leaves it.
      if (this.waiting.size === 0) worker.unref();
    });
    // A copy that was not made is made again by the step (gzipCopy), so a failure only costs time.
    // Once it has stopped, the pages after are left to the step too.
    const fail = () => {
      this.failed = true;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.worker = worker;
    return worker;
  }

  /**
   * For the page file `file` (relative to the output) now `size` bytes long: the bytes saved by the
   * copy made as it was rendered, once written; 'stale' when the file is no longer the page rendered
   * (or the copy failed), so the copy is not of its bytes; null for a file not rendered as a page.
   */
  async savedFor(file: string, size: number): Promise<number | 'stale' | null> {
    const copy = this.copies.get(file);
    if (!copy) return null;
    if (copy.size !== size) return 'stale';
    return (await copy.saved) ?? 'stale';
  }

  /** Ends the worker once every copy asked for is answered. */
  async close(): Promise<void> {
    await Promise.all([...this.copies.values()].map((copy) => copy.saved));
    await this.worker?.terminate();
    this.worker = null;
  }
}

/** Which of the output's files (paths relative to it, with `/`) a gzip step considers in a build. */
type Candidates = (out: string, context: StepContext) => Promise<string[]>;

/** The files under `out` but for the folders `skip` accepts: the whole output, walked. */
function walked(skip: (folder: string) => boolean): Candidates {
  return async (out) => {
    const paths: string[] = [];
    for (const path of siteFiles(out, skip)) paths.push(path);
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
  watch?: BuildStep['watch'],
): BuildStep {
  return {
    name,
    after,
    ...(watch ? { watch } : {}),
    async run(out, logger, context) {
      let count = 0;
      let saved = 0;
      const batch: Promise<void>[] = [];
      const hashedFolder = join(out, HASHED_ASSETS);
      const rendered = context.watcher instanceof RenderedPageGzips ? context.watcher : null;
      const one = async (file: string) => {
        const path = join(out, file);
        // A page gzipped as it was rendered needs only a look at its size (synchronous: 5,000 pages
        // awaited in batches of 16 waited on libuv's round trips, about 0.15 ms each).
        const early = rendered && (await rendered.savedFor(file, statSync(path).size));
        const bytes =
          typeof early === 'number'
            ? early
            : await gzipCopy(
                path,
                early === 'stale' ? 'none' : path.startsWith(hashedFolder) ? 'named' : 'newer',
              );
        if (bytes === 0) return;
        count += 1;
        saved += bytes;
      };
      const files = (await candidates(out, context)).filter(
        (path) => COMPRESSIBLE.test(path) && wanted(path),
      );
      const progress = stepProgress(logger, 'gzip copies', files.length);
      // Several at a time: zlib runs in libuv's thread pool, so both cores compress.
      for (const file of files) {
        batch.push(one(file).then(() => progress.tick()));
        if (batch.length >= 16) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
      await rendered?.close();
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
  for (const path of siteFiles(join(out, HASHED_ASSETS))) paths.push(`${HASHED_ASSETS}${path}`);
  if (existsSync(join(out, SHARD_STAMP))) paths.push(SHARD_STAMP);
  return paths;
};

/**
 * Gzips every text asset but the search index's and the permalinks' (`r/`: the mail-files step makes
 * those copies in the cache folders it places each message's files from), as soon as
 * Astro has written the pages (and a shard is stamped); the pages themselves as they are rendered.
 */
export const precompressPagesStep = precompressStep(
  'lockstep-precompress',
  [shardStampStep.name],
  (path) => !isSearchIndexFile(path) && !path.startsWith('r/'),
  changedFiles,
  ({ outDir }) => new RenderedPageGzips(outDir),
);

/** Gzips the search index's text files (Pagefind's scripts, the facets file) once Pagefind has written them. */
export const precompressSearchStep = precompressStep(
  'lockstep-precompress-search',
  [pagefindStep.name],
  isSearchIndexFile,
  // Only the index's folders and the one holding the facets file are listed.
  walked((folder) => folder !== dirname(FACET_INDEX_URL.slice(1)) && !isSearchIndexFile(`${folder}/`)),
);
