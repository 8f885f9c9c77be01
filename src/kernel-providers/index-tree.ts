// Indexing a kernel git tree at a version: which files, the parse, and the on-disk cache keyed by commit.

import type { SymbolIndex } from '../lib/kernel/types.ts';
import { buildIndex, isCFile } from './build-index.ts';
import {
  cacheKey,
  DEFAULT_INDEX_CACHE,
  indexerDigest,
  probeCachedIndex,
  readCachedIndex,
  writeCachedIndex,
} from './index-cache.ts';
import { createLocalGitProvider, readManyBytes, tagCommit } from './local-git.ts';

/** What to index and how. */
export interface IndexTreeOptions {
  /** A kernel git repository (bare or not) with a tag `v<version>`. */
  tree: string;
  version: string;
  /** Path prefixes to keep (`drivers/infiniband/core`); all C files when empty. */
  paths?: string[];
  /** Parser threads (default: one per core). */
  workers?: number;
  /** Cache folder; null turns the cache off. Default: `KERNEL_INDEX_CACHE` or node_modules/.cache/… */
  cacheDir?: string | null;
  /**
   * False when the caller needs only to know the index is there and up to date: a cache hit is then
   * checked from the file's first bytes and not read (index: null). Default true.
   */
  load?: boolean;
  /** Called every so many files while parsing. */
  onProgress?: (done: number, total: number) => void;
}

/** An index with what it took to get it. */
export interface IndexTreeResult {
  /** The index; null only for a cache hit with `load: false`. */
  index: SymbolIndex | null;
  /** Counts of symbols and of typed variable names. */
  symbols: number;
  varTypes: number;
  commit: string;
  /** The files indexed (C sources and headers under the paths). */
  files: string[];
  /** Bytes of C read and parsed, UTF-8 (0 when the index came from the cache). */
  bytes: number;
  /** True when the index was read from the cache. */
  cached: boolean;
}

/** The files of a tree at a version that an index covers, in tree order. */
export async function indexedFiles(tree: string, version: string, paths: string[] = []): Promise<string[]> {
  const prefixes = paths.map((p) => p.replace(/\/*$/, '/'));
  const all = await createLocalGitProvider(tree).listFiles(version);
  return all.filter((f) => isCFile(f) && (prefixes.length === 0 || prefixes.some((p) => f.startsWith(p))));
}

/**
 * Indexes the tree at `v<version>`, or reads the index cached for the same commit, file selection and
 * indexer code. Throws when the tag is missing.
 */
export async function indexTree(options: IndexTreeOptions): Promise<IndexTreeResult> {
  const { tree, version } = options;
  const commit = await tagCommit(tree, version);
  if (!commit) throw new Error(`${tree}: no tag v${version} (git tag v${version} <commit> in that tree)`);
  const paths = options.paths ?? [];
  const cacheDir =
    options.cacheDir === undefined
      ? (process.env.KERNEL_INDEX_CACHE ?? DEFAULT_INDEX_CACHE)
      : options.cacheDir;
  const key = cacheDir ? cacheKey(commit, paths, await indexerDigest()) : '';
  if (cacheDir && options.load === false) {
    const probe = await probeCachedIndex(cacheDir, key);
    if (probe) return { index: null, ...probe, commit, files: [], bytes: 0, cached: true };
  } else if (cacheDir) {
    const cached = await readCachedIndex(cacheDir, key);
    if (cached && cached.version === version) {
      return { index: cached, ...counts(cached), commit, files: [], bytes: 0, cached: true };
    }
  }
  const files = await indexedFiles(tree, version, paths);
  let bytes = 0;
  let done = 0;
  const index = await buildIndex(
    version,
    (async function* () {
      for await (const f of readManyBytes(tree, version, files)) {
        bytes += f.bytes.length;
        yield f;
      }
    })(),
    () => {
      done++;
      if (done % 2000 === 0) options.onProgress?.(done, files.length);
    },
    options.workers,
  );
  if (cacheDir) await writeCachedIndex(cacheDir, key, index);
  return { index, ...counts(index), commit, files, bytes, cached: false };
}

const counts = (index: SymbolIndex) => ({
  symbols: index.symbols.length,
  varTypes: Object.keys(index.varTypes).length,
});
