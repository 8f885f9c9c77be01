import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BENCH_QUERIES } from '../../bench/search-queries.ts';
import { serveStatic } from '../../src/cli/serve.ts';
import { comparable, filesUnder, pageOf, searchResults } from './build-compare.ts';
import { useChromium } from './use-chromium.ts';

// The corpus build made again as two shards (`npm run build -- --shard i/2`, both at once, as two CI
// jobs would), merged with `npm run merge-shards`, and compared with the whole build global-setup made:
// the same files with the same bytes, and the same answers to the search bench's queries: every thread
// a whole build finds when the search page merges the shards' own indexes, and exactly the whole
// build's results when the merge indexes the merged site once (--reindex).
const run = promisify(execFile);
const corpus = inject('corpusBuild');
const wholeUrl = inject('corpusUrl');
const node = resolve('node_modules/.bin/node');
const browser = useChromium();

let work: string;
let merged: string;
let mergedUrl: string;
let reindexedUrl: string;
const servers: Server[] = [];
const stamps: { index: number; count: number; threads: string[] }[] = [];

beforeAll(async () => {
  mkdirSync(resolve('test-results'), { recursive: true });
  work = mkdtempSync(resolve('test-results', 'shards-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCKSTEP_CONTENT: corpus.content,
    KERNEL_TREE: corpus.kernelTree,
  };
  delete env.LOCKSTEP_CACHE_DIR;
  delete env.KERNEL_MIRROR;
  await Promise.all(
    [1, 2].map((i) =>
      run(node, ['src/cli/build.ts', '--shard', `${i}/2`, '--outDir', join(work, `shard-${i}`)], {
        env: { ...env, LOCKSTEP_CACHE_DIR: join(work, `cache-${i}`) },
        maxBuffer: 256 << 20,
      }),
    ),
  );
  for (const i of [1, 2])
    stamps.push(JSON.parse(readFileSync(join(work, `shard-${i}`, 'lockstep-shard.json'), 'utf8')));
  merged = join(work, 'merged');
  await run(node, ['src/cli/merge-shards.ts', '--out', merged, join(work, 'shard-2'), join(work, 'shard-1')]);
  const reindexed = join(work, 'reindexed');
  await run(node, [
    'src/cli/merge-shards.ts',
    '--reindex',
    '--out',
    reindexed,
    join(work, 'shard-1'),
    join(work, 'shard-2'),
  ]);
  for (const [dir, set] of [
    [merged, (url: string) => (mergedUrl = url)],
    [reindexed, (url: string) => (reindexedUrl = url)],
  ] as const) {
    const { server, url } = await serveStatic(dir, 0);
    servers.push(server);
    set(url);
  }
}, 900_000);

afterAll(async () => {
  for (const server of servers) await new Promise((done) => server.close(done));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** All results of a query on a site's search page (build-compare.ts). */
const results = (base: string, query: string) => searchResults(browser, base, query);

/** How a CLI run failed (exit code and stderr), or null when it succeeded. */
const failure = (args: string[]) =>
  run(node, args).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );

describe('a build in two shards, merged', () => {
  it('splits the threads between the shards, each thread to one', () => {
    const whole = readdirSync(join(corpus.dir, 'threads')).sort();
    const [one, two] = stamps;
    expect(one?.threads.length).toBeGreaterThan(0);
    expect(two?.threads.length).toBeGreaterThan(0);
    expect(one?.threads.filter((t) => two?.threads.includes(t))).toEqual([]);
    expect([...(one?.threads ?? []), ...(two?.threads ?? [])].sort()).toEqual(whole);
    // Shard 2 renders no page that is no one thread's: no home page of its own in the merge, no symbol pages.
    expect(existsSync(join(work, 'shard-2', 'symbols', '2.6.30'))).toBe(false);
  });

  it('writes the same files with the same bytes as the whole build, but for the search bundles', () => {
    const bundle = /^pagefind(-shard-\d+)?\//;
    const wholeFiles = filesUnder(corpus.dir);
    const mergedFiles = filesUnder(merged);
    expect(mergedFiles.filter((f) => !bundle.test(f))).toEqual(wholeFiles.filter((f) => !bundle.test(f)));
    expect(mergedFiles.some((f) => f.startsWith('pagefind-shard-2/fragment/'))).toBe(true);
    const differing = wholeFiles.filter(
      (f) =>
        !bundle.test(f) &&
        !f.endsWith('.gz') &&
        f !== 'search/facets.json' &&
        comparable(join(corpus.dir, f)) !== comparable(join(merged, f)),
    );
    expect(differing).toEqual([]);
    expect(existsSync(join(merged, 'lockstep-shard.json'))).toBe(false);
  });

  it('counts the same filter values, and lists the other shard for the search page to merge', () => {
    const read = (root: string) => JSON.parse(readFileSync(join(root, 'search', 'facets.json'), 'utf8'));
    const whole = read(corpus.dir);
    const both = read(merged);
    expect(both.filters).toEqual(whole.filters);
    expect(both.totals).toEqual(whole.totals);
    expect(Object.keys(both.parts)).toHaveLength(Object.keys(whole.parts).length);
    expect(both.bundles).toEqual(['/pagefind-shard-2/']);
    expect(whole.bundles).toBeUndefined();
  });

  it('finds every thread and page a whole build finds for each search bench query, from the merged shard indexes', async () => {
    for (const query of BENCH_QUERIES) {
      const [fromWhole, fromMerged] = [await results(wholeUrl, query), await results(mergedUrl, query)];
      const found = new Set(fromMerged.hrefs.map(pageOf));
      expect(
        fromWhole.hrefs.map(pageOf).filter((p) => !found.has(p)),
        query,
      ).toEqual([]);
    }
    // At least some queries find something in each shard's threads, or the comparison proves little.
    const found = (await results(mergedUrl, 'lockdep')).hrefs.map((h) => h.split('/')[2] ?? '');
    for (const stamp of stamps) expect(found.some((slug) => stamp.threads.includes(slug))).toBe(true);
  }, 240_000);

  it('answers every search bench query exactly as the whole build does, once the merge indexes the site', async () => {
    for (const query of BENCH_QUERIES) {
      const [fromWhole, fromReindexed] = [await results(wholeUrl, query), await results(reindexedUrl, query)];
      expect(fromReindexed, query).toEqual(fromWhole);
      expect(fromWhole.hrefs.length, query).toBeGreaterThan(0);
    }
  }, 240_000);

  it('refuses folders that are not one build\u2019s complete set of shards', async () => {
    const failed = await failure([
      'src/cli/merge-shards.ts',
      '--out',
      join(work, 'half'),
      join(work, 'shard-2'),
    ]);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/shards 2 of 2; need 1\.\.N/);
    const twice = await failure([
      'src/cli/merge-shards.ts',
      '--out',
      join(work, 'twice'),
      join(work, 'shard-1'),
      join(work, 'shard-1'),
    ]);
    expect(twice?.code).toBe(1);
    const badShard = await failure(['src/cli/build.ts', '--shard', '3/2']);
    expect(badShard?.code).toBe(2);
    expect(badShard?.stderr).toMatch(/i\/N with 1 <= i <= N/);
  });
});
