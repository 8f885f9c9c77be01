import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BENCH_QUERIES } from '../../bench/search-queries.ts';
import { serveStatic } from '../../src/cli/serve.ts';
import { comparable, filesUnder, pageOf, searchResults } from './build-compare.ts';
import { useChromium } from './use-chromium.ts';

// Incremental builds on the corpus: a site built without one thread, then the thread added and the same
// build command run again on the kept output and cache. The second build renders only what changed, and
// its output is the output of a full build of the same content: the same files with the same bytes but
// the search bundles, which answer the search bench's queries with the same pages. Then a thread is
// removed, and its pages, permalinks and search results go with it.
const run = promisify(execFile);
const corpus = inject('corpusBuild');
const astro = resolve('node_modules/.bin/astro');
const browser = useChromium();

let work: string;
let content: string;
let added: string;
let removed: string;
const log = { first: '', added: '', removed: '' };
const untouched = { file: '', mtime: 0 };
let full: string;
const servers: Server[] = [];
const urls = { incremental: '', full: '' };

/** `astro build` of `content` into `out` with its own cache; resolves with the log. */
async function build(out: string, cache: string, extra: NodeJS.ProcessEnv = {}): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCKSTEP_CONTENT: content,
    LOCKSTEP_CACHE_DIR: cache,
    KERNEL_TREE: corpus.kernelTree,
    ...extra,
  };
  delete env.KERNEL_MIRROR;
  delete env.LOCKSTEP_FULL_BUILD;
  if (extra.LOCKSTEP_FULL_BUILD) env.LOCKSTEP_FULL_BUILD = extra.LOCKSTEP_FULL_BUILD;
  const { stdout, stderr } = await run(astro, ['build', '--outDir', out], { env, maxBuffer: 256 << 20 });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Astro colours its log even into a pipe
  return (stdout + stderr).replace(/\u001b\[[0-9;]*m/g, '');
}

/** How many pages Astro rendered, from its last line. */
const rendered = (text: string) => Number(/(\d+) page\(s\) built/.exec(text)?.[1] ?? Number.NaN);

/** The corpus's thread folders that are pages of their own (not joined to an annotated page), biggest first. */
function mailFolders(): string[] {
  return readdirSync(corpus.content)
    .filter(
      (name) =>
        existsSync(join(corpus.content, name, 'thread.mbox')) &&
        existsSync(join(corpus.dir, 'threads', name, 'index.html')),
    )
    .sort(
      (a, b) =>
        statSync(join(corpus.content, b, 'thread.mbox')).size -
          statSync(join(corpus.content, a, 'thread.mbox')).size || a.localeCompare(b),
    );
}

async function serve(dir: string): Promise<string> {
  const { server, url } = await serveStatic(dir, 0);
  servers.push(server);
  return url;
}

beforeAll(async () => {
  mkdirSync(resolve('test-results'), { recursive: true });
  work = mkdtempSync(resolve('test-results', 'incremental-'));
  content = join(work, 'content');
  // The thread added later: the corpus's biggest (several pages: the long thread of our own making).
  // The thread removed at the end: the smallest.
  const folders = mailFolders();
  added = folders[0] as string;
  removed = folders.at(-1) as string;
  cpSync(corpus.content, content, { recursive: true, filter: (path) => !path.endsWith(`/${added}`) });
  const dist = join(work, 'dist');
  const cache = join(work, 'cache');
  log.first = await build(dist, cache);
  untouched.file = join(dist, 'threads', removed, 'index.html');
  untouched.mtime = statSync(untouched.file).mtimeMs;
  cpSync(join(corpus.content, added), join(content, added), { recursive: true });
  log.added = await build(dist, cache);
  untouched.mtime = statSync(untouched.file).mtimeMs - untouched.mtime;
  full = join(work, 'full');
  await build(full, join(work, 'cache-full'), { LOCKSTEP_FULL_BUILD: '1' });
  urls.incremental = await serve(dist);
  urls.full = await serve(full);
}, 900_000);

afterAll(async () => {
  for (const server of servers) await new Promise((done) => server.close(done));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The pages a query's results stand for (build-compare.ts). */
async function pagesFound(base: string, query: string): Promise<string[]> {
  return [...new Set((await searchResults(browser, base, query)).hrefs.map(pageOf))].sort();
}

describe('an incremental build', () => {
  it('builds on the kept output, rendering only the pages that changed', () => {
    expect(log.first).toContain('[lockstep] full build');
    // The full build indexed every page as Astro rendered it, none read back after.
    const indexed =
      /\[lockstep-pagefind\] indexed (\d+) pages \(.*, (\d+) of them as Astro rendered them\)/.exec(
        log.first,
      );
    expect(Number(indexed?.[1])).toBeGreaterThan(10);
    expect(indexed?.[2]).toBe(indexed?.[1]);
    expect(log.added).toContain('[lockstep] incremental: building on the kept output');
    expect(rendered(log.added)).toBeGreaterThan(0);
    expect(rendered(log.added)).toBeLessThan(rendered(log.first) / 4);
    // A thread page it had no reason to render was not written again.
    expect(untouched.mtime).toBe(0);
    expect(log.added).toMatch(/\[lockstep-pagefind\] indexed \d+ changed pages .* into \/pagefind-delta\//);
    expect(existsSync(join(work, 'dist', 'threads', added, '2', 'index.html'))).toBe(true);
  });

  it('leaves the same files with the same bytes as a full build of the same content, but the search bundles', () => {
    const bundle = /^pagefind(-delta)?\//;
    const incremental = filesUnder(join(work, 'dist'));
    const whole = filesUnder(full);
    expect(incremental.filter((f) => !bundle.test(f))).toEqual(whole.filter((f) => !bundle.test(f)));
    const differing = whole.filter(
      (f) =>
        !bundle.test(f) &&
        !f.endsWith('.gz') &&
        f !== 'search/facets.json' &&
        comparable(join(full, f)) !== comparable(join(work, 'dist', f)),
    );
    expect(differing).toEqual([]);
    // Gzip copies are of the current files, kept or made again: each unpacks to its file's bytes.
    const copies = incremental.filter((name) => name.endsWith('.gz') && !bundle.test(name));
    const stale = copies.filter((f) => {
      const file = join(work, 'dist', f.slice(0, -3));
      // A .gz with no file beside it is a download in its own right (a thread's t.mbox.gz).
      return existsSync(file) && !gunzipSync(readFileSync(join(work, 'dist', f))).equals(readFileSync(file));
    });
    expect(copies.filter((f) => f.endsWith('.html.gz')).length).toBeGreaterThan(50);
    expect(stale).toEqual([]);
  });

  it('counts the same filter values as the full build, hiding the base records the delta replaces', () => {
    const read = (root: string) => JSON.parse(readFileSync(join(root, 'search', 'facets.json'), 'utf8'));
    const incremental = read(join(work, 'dist'));
    const whole = read(full);
    expect(incremental.filters).toEqual(whole.filters);
    expect(incremental.totals).toEqual(whole.totals);
    expect(incremental.bundles).toEqual(['/pagefind-delta/']);
    // Hidden are base records only (the added thread's pages are new: they replace none).
    const base = new Set(
      readdirSync(join(work, 'dist', 'pagefind', 'fragment')).map((f) => f.replace(/\.pf_fragment$/, '')),
    );
    expect(incremental.hidden.filter((id: string) => !base.has(id))).toEqual([]);
  });

  // Not exactly the same results: as with merged shards (docs/scale.md), each bundle ranks by its own
  // word statistics, and a query word the small delta bundle lacks makes it fall back to shorter words.
  it('finds every page the full build finds for each search bench query, and the added thread', async () => {
    for (const query of BENCH_QUERIES) {
      const found = new Set(await pagesFound(urls.incremental, query));
      expect(
        (await pagesFound(urls.full, query)).filter((page) => !found.has(page)),
        query,
      ).toEqual([]);
    }
    const title =
      /^title: "?(.+?)"?$/m.exec(readFileSync(join(content, added, 'thread.yaml'), 'utf8'))?.[1] ?? '';
    expect(title).not.toBe('');
    expect(await pagesFound(urls.incremental, title)).toContain(`/threads/${added}/`);
  }, 300_000);

  // Last: it builds again on the same output, after the comparisons above.
  it('takes a removed thread’s pages, permalinks and search results away', async () => {
    const out = join(work, 'dist');
    const title =
      /^title: "?(.+?)"?$/m.exec(readFileSync(join(corpus.content, removed, 'thread.yaml'), 'utf8'))?.[1] ??
      '';
    expect(await pagesFound(urls.incremental, title)).toContain(`/threads/${removed}/`);
    const ids = [
      ...readFileSync(join(corpus.content, removed, 'thread.mbox'), 'latin1').matchAll(
        /^Message-ID:\s*<([^>]+)>/gim,
      ),
    ].map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(existsSync(join(out, 'r', ...id.split('/'), 'index.html')), id).toBe(true);
    rmSync(join(content, removed), { recursive: true });
    log.removed = await build(out, join(work, 'cache'));
    expect(log.removed).toContain('[lockstep] incremental: building on the kept output');
    expect(existsSync(join(out, 'threads', removed))).toBe(false);
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).not.toContain(`/threads/${removed}/`);
    for (const id of ids) expect(existsSync(join(out, 'r', ...id.split('/'), 'index.html')), id).toBe(false);
    // The base index's records of the removed pages are hidden from results.
    const facets = JSON.parse(readFileSync(join(out, 'search', 'facets.json'), 'utf8'));
    expect(facets.hidden.length).toBeGreaterThan(0);
    // A new server: the running one (sirv, not in dev mode) knows the files as they were at its start.
    expect(await pagesFound(await serve(out), title)).not.toContain(`/threads/${removed}/`);
  }, 600_000);
});
