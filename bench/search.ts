// Search at scale: imports the locking corpus (or uses BENCH_CONTENT=DIR), builds the site with it
// through LOCKSTEP_CONTENT, then prints the Pagefind index time and size, and for ten queries the
// bytes fetched (fresh page per query) and the latency in headless Chromium: cold (first search of a
// visit) and warm (a page that has searched before).
// Usage: npm run bench:search   (BENCH_CONTENT=DIR reuses an import; BENCH_DIST=DIR an existing build)

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '../src/cli/serve.ts';
import { launchChromium } from '../tests/e2e/browser.ts';

const QUERIES = [
  'del_timer_sync',
  'cm_id_priv->lock',
  'ib_post_send_mad',
  'circular locking dependency',
  'inconsistent lock state',
  'xa_lock_irq',
  'handler_mutex',
  'rdma_destroy_id',
  'Ousterhout',
  'spectacularly unlikely',
];

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
  const indexed = /indexed (\d+) pages in (\d+) ms/.exec(log);
  console.log(`build: ${buildSeconds.toFixed(1)} s wall with LOCKSTEP_CONTENT=${content}`);
  console.log(
    `pagefind: ${indexed?.[1]} pages indexed in ${indexed?.[2]} ms; index size ${(du(join(out, 'pagefind')) / 1e6).toFixed(1)} MB`,
  );
}
const { server, url } = await serveStatic(out, 0);
const browser = await launchChromium();
try {
  console.log('query                              results  bytes fetched  cold ms  warm ms');
  // Warm: one page that has already run a search (the wasm and shared metadata are loaded), as for
  // every query after a reader's first. Cold: a fresh page per query, first search of a visit.
  const warm = await browser.newPage();
  await warm.goto(url);
  await warm.evaluate(
    `(async () => { const pf = await import('/pagefind/pagefind.js'); await pf.init(); await pf.search('warmup'); window.__pf = pf; })()`,
  );
  for (const query of QUERIES) {
    const page = await browser.newPage();
    await page.goto(url);
    let bytes = 0;
    page.on('requestfinished', (request) => {
      if (request.url().includes('/pagefind/')) {
        void request.sizes().then((s) => {
          bytes += s.responseBodySize + s.responseHeadersSize;
        });
      }
    });
    const timed = `(async (q) => {
      const pf = window.__pf ?? (await import('/pagefind/pagefind.js'));
      await pf.init();
      const t0 = performance.now();
      const r = await pf.search(q);
      await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
      return { ms: performance.now() - t0, count: r.results.length };
    })(${JSON.stringify(query)})`;
    const cold = (await page.evaluate(timed)) as { ms: number; count: number };
    await page.waitForLoadState('networkidle');
    const hot = (await warm.evaluate(timed)) as { ms: number; count: number };
    console.log(
      `${query.padEnd(34)} ${String(cold.count).padStart(7)}  ${(bytes / 1024).toFixed(0).padStart(9)} KB  ${cold.ms.toFixed(0).padStart(7)}  ${hot.ms.toFixed(0).padStart(7)}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
