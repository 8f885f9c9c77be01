import { readFileSync } from 'node:fs';
import { renderMermaidSVG } from 'beautiful-mermaid';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { copies } from '../../bench/explore-copies.ts';
import fixCanceling from '../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-canceling.ts';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// The simulation panels with the newer model kinds (readers/writers, completions, RCU grace periods)
// and the reduced explorer in the browser's worker: edited models typed into the seed page's editor,
// and a bundled rwsem model on the corpus build.
const base = inject('baseUrl');
const corpus = inject('corpusUrl');
const seedUrl = `${base}threads/ofa-general-2009-irq-lock-inversion/`;
const SIM = (id: string) => `ls-sim[data-id="${id}"]`;
const model = (name: string) => readFileSync(`tests/e2e/models/${name}.ts`, 'utf8');

/** The bound for three independent copies of fix-canceling, from Run to verdict. */
const K3_LIMIT_MS = 30_000;

const browser = useChromium();

async function open(url: string) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  return { context, page, errors };
}

async function press(page: Page, id: string, act: string) {
  await page.locator(`${SIM(id)} button[data-act="${act}"]`).focus();
  await page.keyboard.press('Enter');
}

/** Opens the editor of simulation `id`, replaces its text with `source` and runs it; returns the verdict line. */
async function runEdited(page: Page, id: string, source: string, timeout = 15_000) {
  await press(page, id, 'edit');
  await page.waitForSelector(`${SIM(id)} .cm-content`);
  await page.locator(`${SIM(id)} .cm-content`).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(source);
  await press(page, id, 'run-edited');
  await page.waitForFunction(
    (sel) => {
      const v = document.querySelector(`${sel} .sim-run`)?.getAttribute('data-verdict');
      return v || document.querySelector(`${sel} .sim-error`)?.textContent;
    },
    SIM(id),
    { timeout },
  );
  await expect(page.locator(`${SIM(id)} .sim-error`).textContent()).resolves.toBe('');
  return page.locator(`${SIM(id)} .sim-run`);
}

/** Downloads one export link or button of `figure` by keyboard; returns its file name and text. */
async function download(page: Page, figure: Locator, selector: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await figure.locator(selector).focus();
      await page.keyboard.press('Enter');
    })(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** Parses SVG text in the page; returns what the checks need. */
function parseSvg(page: Page, text: string) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      arrows: doc.querySelectorAll('g.message').length,
      boxes: [...doc.querySelectorAll('g.block')].map((b) => b.getAttribute('data-label')),
      text: doc.documentElement.textContent ?? '',
    };
  }, text);
}

const highlighted = (page: Page, id: string) =>
  page
    .locator(`${SIM(id)} .sim-edited-diagrams .is-current`)
    .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-step')).filter(Boolean))]);

describe('the reduced explorer in the browser worker', () => {
  it('answers three independent copies of fix-canceling (no deadlock) within 30 s of Run', async () => {
    const { context, page, errors } = await open(seedUrl);
    const k3 = copies(fixCanceling, 3);
    const source = `const scenario = ${JSON.stringify(k3, null, 1)};\nexport default scenario;\n`;
    const run = await runEdited(page, 'fix-canceling', source, K3_LIMIT_MS + 5_000);
    await expect(run.getAttribute('data-verdict')).resolves.toBe('no-deadlock');
    const text = (await run.textContent()) ?? '';
    expect(text).toMatch(/^No deadlock: \d+ states, \d+ transitions, explored in [\d.]+ ms/);
    // Unreduced, the product space has 2542^3 (about 1.6e10) states; the worker must not have walked it.
    expect(Number(/(\d+) states/.exec(text)?.[1])).toBeLessThan(2542 * 2542);
    const ms = Number(await run.getAttribute('data-run-ms'));
    console.log(`K=3 copies of fix-canceling in Chromium's worker: ${text}`);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(K3_LIMIT_MS);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('edited models with readers/writers, completions and RCU', () => {
  it('runs an rwsem + completion model, steps through it, draws readers and writers, and exports', async () => {
    const { context, page, errors } = await open(seedUrl);
    const id = 'baseline-2630';
    const run = await runEdited(page, id, model('rwsem-completion'));
    await expect(run.getAttribute('data-verdict')).resolves.toBe('deadlock');
    await page.waitForSelector(`${SIM(id)} .sim-edited-diagrams svg`, { timeout: 20_000 });
    await expect(highlighted(page, id)).resolves.toEqual([]);
    await press(page, id, 'step');
    await expect(highlighted(page, id)).resolves.toEqual(['s1']);
    await expect(page.locator(`${SIM(id)} .sim-status`).textContent()).resolves.toBe(
      'Step 1 of 2: CPU0 config reader: down_read(cfg_rwsem): taken as a reader, read-held by CPU0.',
    );
    await page.keyboard.press('Enter');
    await expect(highlighted(page, id)).resolves.toEqual(expect.arrayContaining(['s2']));
    await expect(page.locator(`${SIM(id)} .sim-blocked`).allTextContents()).resolves.toEqual([
      'Blocked: config reader: CPU0 sleeps in wait_for_completion() until ready is completed',
      'Blocked: config writer: CPU1 sleeps in down_write(cfg_rwsem), read-held by CPU0',
    ]);
    await press(page, id, 'back');
    await expect(highlighted(page, id)).resolves.toEqual(['s1']);

    const figure = page.locator(`${SIM(id)} .sim-edited-diagrams figure[data-kind="sequence"]`);
    const drawn = (await figure.locator('.diagram-svg').textContent()) ?? '';
    expect(drawn).toContain('taken as a reader');
    expect(drawn).toContain('queues as a writer');
    const svg = await download(page, figure, 'a[data-export="svg"]');
    expect(svg.name).toBe('baseline-2630-edited-sequence.svg');
    const parsed = await parseSvg(page, svg.text);
    expect([parsed.error, parsed.root, parsed.arrows]).toEqual([null, 'svg', 2]);
    const mmd = await download(page, figure, 'a[data-export="mmd"]');
    expect(mmd.text.startsWith('sequenceDiagram')).toBe(true);
    // Parsed again by the renderer on its own: one arrow per step, one note per stuck context.
    const again = renderMermaidSVG(mmd.text);
    expect(again.match(/<g class="message"/g)).toHaveLength(2);
    expect(again.match(/<g class="note"/g)).toHaveLength(2);
    const txt = await download(page, figure, 'a[data-export="txt"]');
    const lines = txt.text.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(72);
    expect(txt.text).toMatch(/CPU0\s+CPU1/);
    expect(txt.text).toContain('down_write(cfg_rwsem)');
    const graph = page.locator(`${SIM(id)} .sim-edited-diagrams figure[data-kind="lock-graph"]`);
    const graphMmd = await download(page, graph, 'a[data-export="mmd"]');
    expect(graphMmd.text).toContain('cfg_rwsem');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the RCU grace period synchronize_rcu() waits in as a box, and exports it', async () => {
    const { context, page, errors } = await open(seedUrl);
    const id = 'baseline-2630';
    const run = await runEdited(page, id, model('rcu-grace-period'));
    await expect(run.getAttribute('data-verdict')).resolves.toBe('deadlock');
    await page.waitForSelector(`${SIM(id)} .sim-edited-diagrams svg`, { timeout: 20_000 });
    const figure = page.locator(`${SIM(id)} .sim-edited-diagrams figure[data-kind="sequence"]`);
    const box = figure.locator('.diagram-svg g.block');
    await expect(box.count()).resolves.toBe(1);
    await expect(box.getAttribute('data-label')).resolves.toBe(
      'RCU grace period, waiting for the RCU reader on CPU0',
    );
    await expect(box.isVisible()).resolves.toBe(true);
    for (let i = 0; i < 3; i++) await press(page, id, 'step');
    await expect(highlighted(page, id)).resolves.toEqual(expect.arrayContaining(['s3']));
    await expect(page.locator(`${SIM(id)} .sim-status`).textContent()).resolves.toBe(
      'Step 3 of 3: CPU1 table remove: synchronize_rcu(): grace period starts, waits for the RCU reader on CPU0. ' +
        'Deadlock: no context can move.',
    );
    await expect(page.locator(`${SIM(id)} .sim-blocked`).allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        'Blocked: table remove: CPU1 waits in synchronize_rcu() for the RCU reader on CPU0 to finish',
      ]),
    );
    await figure.screenshot({ path: screenshotPath('simulation-rcu-grace-period.png') });
    const svg = await parseSvg(page, (await download(page, figure, 'a[data-export="svg"]')).text);
    expect(svg.boxes).toEqual(['RCU grace period, waiting for the RCU reader on CPU0']);
    const mmd = (await download(page, figure, 'a[data-export="mmd"]')).text;
    expect(mmd).toContain('critical RCU grace period, waiting for the RCU reader on CPU0');
    expect(renderMermaidSVG(mmd)).toContain('data-type="critical"');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a bundled readers/writers model on the corpus build', () => {
  it('runs in the worker, steps to the reader queued behind a writer, and exports what it draws', async () => {
    const id = 'ib-client-removal-report';
    const { context, page, errors } = await open(
      `${corpus}threads/ib-core-client-removal-circular/?sim=${id}&step=1`,
    );
    await expect(page.locator(SIM(id)).getAttribute('data-position')).resolves.toBe('1');
    await expect(page.locator(`${SIM(id)} .sim-status`).textContent()).resolves.toMatch(
      /^Step 1 of \d+: CPU0 .*down_read\(clients_rwsem\): taken as a reader, read-held by CPU0\.$/,
    );
    await press(page, id, 'run');
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .sim-run`)?.getAttribute('data-verdict'),
      SIM(id),
      { timeout: 15_000 },
    );
    await expect(page.locator(`${SIM(id)} .sim-run`).getAttribute('data-verdict')).resolves.toBe('deadlock');
    await page.locator(SIM(id)).scrollIntoViewIfNeeded();
    const last = Number(
      (/of (\d+):/.exec((await page.locator(`${SIM(id)} .sim-status`).textContent()) ?? '') ?? [])[1],
    );
    for (let i = 1; i < last; i++) await press(page, id, 'step');
    await expect(page.locator(SIM(id)).getAttribute('data-position')).resolves.toBe(String(last));
    await expect(page.locator(`${SIM(id)} .sim-blocked`).allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sleeps in down_read\(.*\) queued behind the writer CPU2$/),
      ]),
    );
    const figure = page.locator(`figure[data-diagram="${id}-sequence"]`);
    await expect(
      figure.locator(`.diagram-svg [data-step="s${last}"].is-current`).count(),
    ).resolves.toBeGreaterThan(0);
    const svg = await parseSvg(page, (await download(page, figure, 'a[data-export="svg"]')).text);
    expect([svg.error, svg.arrows]).toEqual([null, last]);
    expect(svg.text).toContain('queues as a writer');
    const mmd = (await download(page, figure, 'a[data-export="mmd"]')).text;
    expect(renderMermaidSVG(mmd).match(/<g class="message"/g)).toHaveLength(last);
    const txt = (await download(page, figure, 'a[data-export="txt"]')).text;
    expect(Math.max(...txt.split('\n').map((l) => l.length))).toBeLessThanOrEqual(72);
    expect(errors).toEqual([]);
    await context.close();
  });
});
