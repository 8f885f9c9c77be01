// Bytes a reader's browser transfers on the seed thread page
// before any interaction, after pressing Run, after opening the editor and after running an edited
// model; and the time from Run to verdict (median of N runs). Usage: node bench/sim-weight.ts [DIST] [--runs N]
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '../src/cli/serve.ts';
import { launchChromium } from '../tests/e2e/browser.ts';

const args = process.argv.slice(2).filter((a) => a !== '--');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const dist = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? 'dist');
const PATH = '/threads/ofa-general-2009-irq-lock-inversion/';
const SIM = 'ls-sim[data-id="baseline-2630"]';

const { server, url } = await serveStatic(dist, 0);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // Counted at the server (body bytes of every file served): Playwright does not report the requests
  // that load worker scripts, which are part of what Run costs.
  let bytes = 0;
  server.on('request', (req) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    try {
      bytes += statSync(file).size;
    } catch {
      // 404s add nothing
    }
  });
  const settle = async () => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    return bytes;
  };
  await page.goto(new URL(PATH, url).href, { waitUntil: 'networkidle' });
  const before = await settle();
  await page.locator(`${SIM} button[data-act="run"]`).click();
  await page.waitForFunction(
    (sel) => document.querySelector(`${sel} .sim-run`)?.getAttribute('data-run-ms'),
    SIM,
  );
  const afterRun = await settle();
  const times: number[] = [Number(await page.locator(`${SIM} .sim-run`).getAttribute('data-run-ms'))];
  for (let i = 1; i < runs; i++) {
    await page.evaluate(
      (sel) => document.querySelector(`${sel} .sim-run`)?.removeAttribute('data-run-ms'),
      SIM,
    );
    await page.locator(`${SIM} button[data-act="run"]`).click();
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .sim-run`)?.getAttribute('data-run-ms'),
      SIM,
    );
    times.push(Number(await page.locator(`${SIM} .sim-run`).getAttribute('data-run-ms')));
  }
  await page.locator(`${SIM} button[data-act="edit"]`).click();
  await page.waitForSelector(`${SIM} .cm-content`);
  const afterEdit = await settle();
  await page.locator(`${SIM} button[data-act="run-edited"]`).click();
  await page.waitForSelector(`${SIM} .sim-edited-diagrams svg`, { timeout: 30_000 });
  const afterEdited = await settle();
  times.sort((a, b) => a - b);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`seed page ${PATH} (uncompressed body bytes served, browser cache on; ${dist})`);
  console.log(`  before any interaction:        ${before} B (${kb(before)})`);
  console.log(`  after Run (worker + model):    ${afterRun} B (+${kb(afterRun - before)})`);
  console.log(`  after Edit (CodeMirror):       ${afterEdit} B (+${kb(afterEdit - afterRun)})`);
  console.log(
    `  after running the edited model (edit worker + Mermaid): ${afterEdited} B (+${kb(afterEdited - afterEdit)})`,
  );
  console.log(
    `  Run → verdict: median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, min ${times[0]?.toFixed(1)} ms, max ${times[times.length - 1]?.toFixed(1)} ms over ${times.length} runs`,
  );
} finally {
  await browser.close();
  server.close();
}
