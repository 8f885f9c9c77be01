// Search at scale: imports the locking corpus (or uses BENCH_CONTENT=DIR), builds the site with it
// through LOCKSTEP_CONTENT, then prints the Pagefind index time and size, and for ten queries, in
// headless Chromium (its headless shell when installed: tests/e2e/browser.ts, timingChromiumPath)
// through the real /search/ page: the bytes fetched by a fresh page (engine,
// filter counts, index chunks, result fragments) and the time from the query to its results on
// screen, for the first query of a fresh page and for a page that has searched before.
// Usage: npm run bench:search   (BENCH_CONTENT=DIR reuses an import; BENCH_DIST=DIR an existing build)

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '../src/cli/serve.ts';
import { launchChromium, timingChromiumPath } from '../tests/e2e/browser.ts';
import { BENCH_QUERIES } from './search-queries.ts';

const QUERIES = BENCH_QUERIES;

function du(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, name) => n + du(join(path, name)), 0);
}

// Inside the project so Astro keeps this build's prerender chunks in its own outDir (see tests/e2e/global-setup.ts).
mkdirSync(resolve('test-results'), { recursive: true });
const work = mkdtempSync(resolve('test-results', 'bench-search-'));
let content = process.env.BENCH_CONTENT ?? '';
if (!content && !process.env.BENCH_DIST) {
  content = join(work, 'imported');
  const corpus = resolve('../shared/corpus/linux-rdma-locking.mbox.gz');
  console.log(`importing ${corpus} …`);
  execFileSync(
    resolve('node_modules/.bin/node'),
    ['src/cli/import.ts', '--list', 'linux-rdma', '--out', content, corpus],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
// BENCH_DIST=DIR measures an existing build (only the query figures are printed then).
const out = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(work, 'dist');
if (!process.env.BENCH_DIST) {
  const started = performance.now();
  const log = execFileSync(resolve('node_modules/.bin/astro'), ['build', '--outDir', out], {
    env: { ...process.env, LOCKSTEP_CONTENT: content, LOCKSTEP_CACHE_DIR: `${out}-cache` },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const buildSeconds = (performance.now() - started) / 1000;
  const indexed = /indexed (\d+) pages \((\d+) more records[^)]*\) in (\d+) ms/.exec(log);
  console.log(`build: ${buildSeconds.toFixed(1)} s wall with LOCKSTEP_CONTENT=${content}`);
  console.log(
    `pagefind: ${indexed?.[1]} pages indexed (${indexed?.[2]} more records for parts of long threads) in ${indexed?.[3]} ms; index size ${(du(join(out, 'pagefind')) / 1e6).toFixed(1)} MB`,
  );
}
const { server, url } = await serveStatic(out, 0);
const browserPath = await timingChromiumPath();
const browser = await launchChromium(browserPath);
console.log(`browser: ${browserPath}, ${browser.version()} (CHROMIUM_PATH chooses another)`);

// Types `query` into a /search/ page that has finished loading (as a paste: one input event) and
// resolves with the milliseconds until its first results are on screen (data-rendered: the first
// five, a frame painted) and until the whole first batch of ten is (data-settled).
const TYPE_AND_WAIT = `(async (q) => {
  const el = document.querySelector('ls-search');
  const input = el.querySelector('input[name="q"]');
  const expected = '?' + new URLSearchParams({ q }).toString();
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const t0 = performance.now();
  const times = {};
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (el.dataset.rendered === expected && times.first === undefined) {
        times.first = null;
        painted().then(() => { times.first = performance.now() - t0; });
      }
      if (el.dataset.settled !== expected) return;
      observer.disconnect();
      painted().then(() => {
        times.settled = performance.now() - t0;
        resolve();
      });
    });
    observer.observe(el, { attributes: true, attributeFilter: ['data-rendered', 'data-settled'] });
  });
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await done;
  return { first: times.first ?? times.settled, settled: times.settled };
})`;

// The header's search box on the home page, focused half a second before the query is typed (the
// box starts the engine on focus): milliseconds until the drop-down shows the query's results.
const TYPE_IN_BOX = `(async (q) => {
  const input = document.querySelector('#site-q');
  const pop = document.querySelector('.search-pop');
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (pop.dataset.rendered !== q) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(resolve, 0));
    });
    observer.observe(pop, { attributes: true, attributeFilter: ['data-rendered'] });
  });
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await done;
  return performance.now() - t0;
})`;

// Resolves once the search page is ready (its filters drawn, after its first batch of results).
const READY = `new Promise((resolve) => {
  const el = document.querySelector('ls-search');
  if (el.dataset.ready === 'true') return resolve();
  new MutationObserver((_, observer) => {
    if (el.dataset.ready !== 'true') return;
    observer.disconnect();
    resolve();
  }).observe(el, { attributes: true, attributeFilter: ['data-ready'] });
})`;

// A /search/ page as a reader finds it when they start typing: loaded, then idle for half a second
// (its engine warms up meanwhile; typing a query takes longer than that).
async function readySearchPage(page: import('playwright-core').Page) {
  await page.goto(`${url}search/`);
  await page.waitForSelector('ls-search[data-ready="true"]');
  await page.waitForTimeout(500);
}

/** Measurements per query; the figures printed are their medians (a 2-core machine is noisy). */
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
type Times = { first: number; settled: number };

try {
  console.log(
    'query                          results  bytes fetched  first query ms (5 / 10 shown)  later query ms (5 / 10)  engine cold ms',
  );
  // "first query": a fresh /search/ page, loaded and idle, then the query. "later query": a page
  // that has run other searches. "engine cold": Pagefind's own API in a fresh page with no warm-up
  // (import, init and search at once), the top 5 results' data: what the page's warm-up saves.
  const laters = [];
  for (let i = 0; i < ROUNDS; i++) {
    const later = await browser.newPage();
    await readySearchPage(later);
    await later.evaluate(`${TYPE_AND_WAIT}('warmup')`);
    laters.push(later);
  }
  const firsts: number[] = [];
  const settles: number[] = [];
  const viaBox: number[] = [];
  const viaBoxAll: number[] = [];
  const inBox: number[] = [];
  for (const query of QUERIES) {
    const q = JSON.stringify(query);
    const fresh: Times[] = [];
    const again: Times[] = [];
    const cold: number[] = [];
    const loads: number[] = [];
    const loadsAll: number[] = [];
    const typed: number[] = [];
    let bytes = 0;
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const page = await browser.newPage();
      const sizes: Promise<void>[] = [];
      page.on('requestfinished', (request) => {
        if (round > 0) return;
        if (request.url().includes('/pagefind/') || request.url().includes('/search/facets.json')) {
          sizes.push(
            request.sizes().then((s) => {
              bytes += s.responseBodySize + s.responseHeadersSize;
            }),
          );
        }
      });
      await readySearchPage(page);
      fresh.push((await page.evaluate(`${TYPE_AND_WAIT}(${q})`)) as Times);
      await page.waitForLoadState('networkidle');
      await Promise.all(sizes);
      const status = await page.locator('[data-status]').textContent();
      const results = /^(\d+) results?(?:, (\d+) more)?/.exec(status ?? '');
      total = results ? Number(results[1]) + Number(results[2] ?? 0) : 0;
      await page.close();
      again.push((await laters[round]?.evaluate(`${TYPE_AND_WAIT}(${q})`)) as Times);
      const bare = await browser.newPage();
      await bare.goto(url);
      cold.push(
        (await bare.evaluate(`(async (q) => {
          const pf = await import('/pagefind/pagefind.js');
          const t0 = performance.now();
          await pf.init();
          const r = await pf.search(q);
          await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
          return performance.now() - t0;
        })(${q})`)) as number,
      );
      await bare.close();
      // From the search box of any page: Enter loads /search/?q=…, which starts the engine and then
      // searches. Timed from the navigation's start to the page's first results in the DOM and to its
      // whole first batch of ten (the page's own marks).
      const loaded = await browser.newPage();
      await loaded.goto(`${url}search/?q=${encodeURIComponent(query)}`);
      // Waited for with a plain evaluate: waitForSelector would first inject Playwright's own selector
      // script (some 25 ms to compile on this machine) into the page while it starts its engine.
      await loaded.evaluate(READY);
      const marks = (await loaded.evaluate(
        `['lockstep:search-first', 'lockstep:search-ready'].map((name) => performance.getEntriesByName(name)[0].startTime)`,
      )) as [number, number];
      loads.push(marks[0]);
      loadsAll.push(marks[1]);
      await loaded.close();
      const home = await browser.newPage();
      await home.goto(url);
      await home.focus('#site-q');
      await home.waitForSelector('.search-pop', { state: 'attached' });
      await home.waitForTimeout(500);
      typed.push((await home.evaluate(`${TYPE_IN_BOX}(${q})`)) as number);
      await home.close();
    }
    const first = { first: median(fresh.map((t) => t.first)), settled: median(fresh.map((t) => t.settled)) };
    const later = { first: median(again.map((t) => t.first)), settled: median(again.map((t) => t.settled)) };
    firsts.push(first.first, later.first);
    settles.push(first.settled, later.settled);
    viaBox.push(median(loads));
    viaBoxAll.push(median(loadsAll));
    inBox.push(median(typed));
    const pair = (t: Times) => `${t.first.toFixed(0).padStart(5)} / ${t.settled.toFixed(0).padStart(3)}`;
    console.log(
      `${query.padEnd(30)} ${String(total).padStart(7)}  ${(bytes / 1024).toFixed(0).padStart(9)} KB  ${pair(first).padStart(29)}  ${pair(later).padStart(23)}  ${median(cold).toFixed(0).padStart(14)}`,
    );
  }
  console.log(`(each figure: the median of ${ROUNDS} measurements)`);
  console.log(
    `first results on screen: median ${median(firsts).toFixed(0)} ms, slowest ${Math.max(...firsts).toFixed(0)} ms; ` +
      `all ten: median ${median(settles).toFixed(0)} ms, slowest ${Math.max(...settles).toFixed(0)} ms (goal: first results under 50 ms)`,
  );
  console.log(
    `header search box, results under the box as one types: median ${median(inBox).toFixed(0)} ms, slowest ${Math.max(...inBox).toFixed(0)} ms`,
  );
  console.log(
    `header search box, Enter (loads /search/?q=…, engine start included): first results on screen median ${median(viaBox).toFixed(0)} ms, slowest ${Math.max(...viaBox).toFixed(0)} ms; all ten median ${median(viaBoxAll).toFixed(0)} ms, slowest ${Math.max(...viaBoxAll).toFixed(0)} ms (goal: under 300 ms)`,
  );
} finally {
  await browser.close();
  server.close();
}
