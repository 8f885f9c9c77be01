import { readFileSync } from 'node:fs';
import { parseMermaid, renderMermaidSVG } from 'beautiful-mermaid';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// The simulations on the seed thread page, driven with the keyboard only (focus + Enter/arrow keys).
const SLUG = 'ofa-general-2009-irq-lock-inversion';
const base = inject('baseUrl');
const seedUrl = `${base}threads/${SLUG}/`;
const SIM = (id: string) => `ls-sim[data-id="${id}"]`;

const browser = useChromium();

async function open(url = seedUrl, options: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    ...options,
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

/** Presses a button of a simulation with the keyboard. */
async function press(page: Page, id: string, act: string) {
  await page.locator(`${SIM(id)} button[data-act="${act}"]`).focus();
  await page.keyboard.press('Enter');
}

async function verdictOf(page: Page, id: string, timeout = 15_000) {
  await page.waitForFunction(
    (sel) => {
      const v = document.querySelector(`${sel} .sim-run`)?.getAttribute('data-verdict');
      return v && v !== 'error' ? v : null;
    },
    SIM(id),
    { timeout },
  );
  return page.locator(`${SIM(id)} .sim-run`).textContent();
}

const current = (page: Page, id: string) =>
  page
    .locator(`${SIM(id)} .diagram-svg .is-current`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step') ?? e.getAttribute('data-edge')));

/** Replaces the editor text by keyboard: select all, then type (insert) the new text. */
async function typeModel(page: Page, id: string, text: string) {
  await page.locator(`${SIM(id)} .cm-content`).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

describe('simulations on the seed page', () => {
  it('runs the baseline in a worker and reports the deadlock with counts and time', async () => {
    const { context, page, errors } = await open();
    await press(page, 'baseline-2630', 'run');
    const text = await verdictOf(page, 'baseline-2630');
    expect(text).toMatch(
      /^Deadlock: 475 states, 1092 transitions, explored in [\d.]+ ms \(\d+ ms from Run to verdict\)/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs a fix chosen with the fix selector beside the baseline and reports no deadlock', async () => {
    const { context, page, errors } = await open();
    const panels = page.locator('ls-scenarios > .scenario:not([hidden])');
    await expect(
      panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-scenario-id'))),
    ).resolves.toEqual(['baseline-2630', 'fix-canceling']);
    // The seed's 3-CPU sequence diagram cannot be read in half the column: the pair is stacked.
    const [a, b] = [await panels.nth(0).boundingBox(), await panels.nth(1).boundingBox()];
    expect(a && b && b.y >= a.y + a.height - 1).toBe(true);
    await expect(page.locator('ls-scenarios').getAttribute('data-stacked')).resolves.toBe('');
    // Two fixes with small diagrams fit side by side: the two visible panels share a row.
    const left = page.locator('.scenario-compare select').nth(0);
    await left.selectOption('fix-canceling');
    await page.locator('.scenario-compare select').nth(1).selectOption('fix-del-timer');
    await expect(page.locator('ls-scenarios').getAttribute('data-stacked')).resolves.toBeNull();
    const [c, d] = [await panels.nth(0).boundingBox(), await panels.nth(1).boundingBox()];
    expect(c && d && Math.abs(c.y - d.y) < 2 && d.x > c.x + c.width - 1).toBe(true);
    await left.selectOption('baseline-2630');
    await page.locator('.scenario-compare select').nth(1).selectOption('fix-canceling');
    // Keyboard: focus the right-hand select and move to the next scenario (fix-del-timer).
    const right = page.locator('.scenario-compare select').nth(1);
    await right.focus();
    await page.keyboard.press('ArrowDown');
    await expect(right.inputValue()).resolves.toBe('fix-del-timer');
    await expect(page.locator('#scenario-fix-del-timer').isVisible()).resolves.toBe(true);
    await expect(page.locator('#scenario-fix-canceling').isVisible()).resolves.toBe(false);
    await press(page, 'fix-del-timer', 'run');
    expect(await verdictOf(page, 'fix-del-timer')).toMatch(/^No deadlock: 2546 states, 6808 transitions/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('steps through the counterexample, moving the highlight in both diagrams and the CPU columns', async () => {
    const { context, page, errors } = await open();
    const id = 'baseline-2630';
    await expect(current(page, id)).resolves.toEqual([]);
    await press(page, id, 'step');
    await expect(current(page, id)).resolves.toEqual(['s1']);
    await expect(page.locator(`${SIM(id)} .sim-cpu[data-cpu="0"] li.is-current`).textContent()).resolves.toBe(
      'ib_cm send: spin_lock_irqsave(cm_id_priv->lock): irqs off',
    );
    await page.keyboard.press('Enter'); // focus stays on Step
    await expect(current(page, id)).resolves.toEqual(['s2']);
    await expect(page.locator(`${SIM(id)} .sim-status`).textContent()).resolves.toBe(
      'Step 2 of 7: CPU0 ib_cm send: spin_lock_irqsave(cm_id_priv->lock): acquire.',
    );
    await press(page, id, 'back');
    await expect(current(page, id)).resolves.toEqual(['s1']);
    // To the end: the stuck contexts' notes and the lock-graph edges of the cycle light up.
    await press(page, id, 'step');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Enter');
    const lit = await current(page, id);
    expect(lit).toEqual(expect.arrayContaining(['s7', 's8', 's11', 'cm->mad', 'timer:timed_work.timer~>cm']));
    await expect(page.locator(`${SIM(id)} .sim-blocked`).allTextContents()).resolves.toEqual([
      'Blocked: ib_cm send: CPU0 spins on mad_agent_priv->lock held by CPU1',
      'Blocked: ib_mad send completion: CPU1 waits in del_timer_sync() for the timed_work.timer function running on CPU2',
      'Blocked: softirq timed_work.timer fn: CPU2 softirq is interrupted by hardirq comm-established event, which cannot finish',
      'Blocked: hardirq comm-established event: CPU2 hardirq spins on cm_id_priv->lock held by CPU0',
    ]);
    await expect(page.locator(`${SIM(id)} .code-refs li.is-current`).count()).resolves.toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('?sim=baseline-2630&step=7');
    await page.screenshot({ path: screenshotPath('simulation-deadlock.png') });
    await press(page, id, 'reset');
    await expect(current(page, id)).resolves.toEqual([]);
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plays the trace to the end by itself', async () => {
    const { context, page, errors } = await open();
    await press(page, 'baseline-2630', 'play');
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('data-position') === '7',
      SIM('baseline-2630'),
      {
        timeout: 15_000,
      },
    );
    await expect(page.locator(`${SIM('baseline-2630')} button[data-act="play"]`).textContent()).resolves.toBe(
      'Play',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a link with a step at that step, bringing a hidden scenario into view', async () => {
    const { context, page, errors } = await open(`${seedUrl}?sim=baseline-2630&step=5`);
    await expect(page.locator(SIM('baseline-2630')).getAttribute('data-position')).resolves.toBe('5');
    await expect(current(page, 'baseline-2630')).resolves.toEqual(['s5']);
    await context.close();
    const other = await open(`${seedUrl}?sim=nonfix-cancel-sync&step=3`);
    await expect(other.page.locator('#scenario-nonfix-cancel-sync').isVisible()).resolves.toBe(true);
    await expect(current(other.page, 'nonfix-cancel-sync')).resolves.toEqual(['s3']);
    expect([...errors, ...other.errors]).toEqual([]);
    await other.context.close();
  });

  it('re-runs an edited model, shows its diagrams, and Reset restores the original', async () => {
    const { context, page, errors } = await open();
    const id = 'baseline-2630';
    const original = (await page.locator(`${SIM(id)} .model-source code`).textContent()) ?? '';
    await press(page, id, 'edit');
    await page.waitForSelector(`${SIM(id)} .cm-content`);
    // The del_timer() fix, typed into the model: the deadlock goes away.
    await typeModel(page, id, original.replace("op: 'cancel_delayed_work'", "op: '__cancel_delayed_work'"));
    await press(page, id, 'run-edited');
    expect(await verdictOf(page, id)).toMatch(/^No deadlock: 2546 states/);
    // A still-deadlocking edit: new diagrams are drawn (Mermaid, lazily) and stepping highlights them.
    await page.waitForSelector(`${SIM(id)} .sim-edited-diagrams svg`, { timeout: 20_000 });
    await typeModel(page, id, original.replace("name: 'ib_cm send'", "name: 'ib_cm edited'"));
    await press(page, id, 'run-edited');
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .sim-edited-diagrams`)?.textContent?.includes('ib_cm edited'),
      SIM(id),
      { timeout: 20_000 },
    );
    expect(await verdictOf(page, id)).toMatch(/^Deadlock: 475 states/);
    await expect(page.locator(`${SIM(id)} .sim-edited-diagrams`).textContent()).resolves.toContain(
      'ib_cm edited',
    );
    await press(page, id, 'step');
    await expect(
      page.locator(`${SIM(id)} .sim-edited-diagrams .is-current[data-step="s1"]`).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator(`${SIM(id)} .sim-cpu li.is-current`).textContent()).resolves.toContain(
      'ib_cm edited',
    );
    await press(page, id, 'reset-model');
    await expect(page.locator(`${SIM(id)} .sim-edited-diagrams`).isVisible()).resolves.toBe(false);
    await expect(page.locator(`${SIM(id)} .diagrams`).isVisible()).resolves.toBe(true);
    await expect(page.locator(`${SIM(id)} .sim-run`).textContent()).resolves.toBe('');
    // The editor holds the original again: running it draws the original names.
    await press(page, id, 'run-edited');
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .sim-edited-diagrams`)?.textContent?.includes('ib_cm send'),
      SIM(id),
      { timeout: 20_000 },
    );
    expect(await verdictOf(page, id)).toMatch(/^Deadlock: 475 states/);
    const redrawn = (await page.locator(`${SIM(id)} .sim-edited-diagrams`).textContent()) ?? '';
    expect(redrawn).toContain('ib_cm send');
    expect(redrawn).not.toContain('ib_cm edited');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs an edited fix written as the baseline plus its change, and refuses a non-sibling import', async () => {
    const { context, page, errors } = await open();
    const id = 'fix-del-timer';
    await page.locator('.scenario-compare select').nth(1).selectOption(id);
    const original = (await page.locator(`${SIM(id)} .model-source code`).textContent()) ?? '';
    // The page shows the fix as written: the baseline imported, only the change spelled out.
    expect(original).toContain("import baseline from './baseline-2630.ts';");
    expect(original).not.toContain("name: 'ib_cm send'");
    await press(page, id, 'edit');
    await page.waitForSelector(`${SIM(id)} .cm-content`);
    // Undo the fix's one change: the worker resolves the baseline and finds the baseline's deadlock.
    await typeModel(
      page,
      id,
      original.replace("{ op: '__cancel_delayed_work' }", "{ op: 'cancel_delayed_work' }"),
    );
    await press(page, id, 'run-edited');
    expect(await verdictOf(page, id)).toMatch(/^Deadlock: 475 states, 1092 transitions/);
    // Only siblings of the same folder: any other path is refused at the line of its import.
    const line = original.split('\n').findIndex((l) => l.includes("'./baseline-2630.ts'")) + 1;
    await typeModel(
      page,
      id,
      original.replace("'./baseline-2630.ts'", "'../other/scenarios/baseline-2630.ts'"),
    );
    await press(page, id, 'run-edited');
    await page.waitForFunction((sel) => document.querySelector(`${sel} .sim-error`)?.textContent, SIM(id));
    await expect(page.locator(`${SIM(id)} .sim-error`).textContent()).resolves.toBe(
      `Error (evaluate) at line ${line}: A model may import values only from its sibling models ('./<name>.ts') ` +
        "and src/lib/locks/derive.ts; it imports '../other/scenarios/baseline-2630.ts'.",
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stops an endless loop in an edited model with a message, and shows syntax errors', async () => {
    const { context, page, errors } = await open();
    const id = 'baseline-2630';
    const original = (await page.locator(`${SIM(id)} .model-source code`).textContent()) ?? '';
    await press(page, id, 'edit');
    await page.waitForSelector(`${SIM(id)} .cm-content`);
    await typeModel(
      page,
      id,
      original.replace('export default scenario;', 'while (true) {}\nexport default scenario;'),
    );
    await press(page, id, 'run-edited');
    await page.waitForFunction((sel) => document.querySelector(`${sel} .sim-error`)?.textContent, SIM(id), {
      timeout: 15_000,
    });
    await expect(page.locator(`${SIM(id)} .sim-error`).textContent()).resolves.toMatch(
      /^Stopped: the model did not finish within 4 s \(an endless loop\?\)/,
    );
    // The page still answers: stepping works right away.
    await press(page, id, 'step');
    await expect(page.locator(SIM(id)).getAttribute('data-position')).resolves.toBe('1');
    await typeModel(page, id, original.replace('cpus: 3,', 'cpus: 3,\n  oops(,'));
    await press(page, id, 'run-edited');
    await page.waitForFunction((sel) => document.querySelector(`${sel} .sim-error`)?.textContent, SIM(id));
    await expect(page.locator(`${SIM(id)} .sim-error`).textContent()).resolves.toMatch(
      /^Error \(transpile\)(?: at line \d+)?: Syntax error/,
    );
    await typeModel(
      page,
      id,
      original.replace(
        "target: 'timed_work', code: at('wait_for_response()'",
        "target: 'nope', code: at('wait_for_response()'",
      ),
    );
    await press(page, id, 'run-edited');
    await page.waitForFunction((sel) => document.querySelector(`${sel} .sim-error`)?.textContent, SIM(id));
    await expect(page.locator(`${SIM(id)} .sim-error`).textContent()).resolves.toMatch(
      /^Error \(explore\)(?: at line \d+)?: scenario baseline-2630:/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads SVG, text, Mermaid and PNG exports that parse, and copies Mermaid', async () => {
    const { context, page, errors } = await open(seedUrl, { acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const figure = page.locator('figure[data-diagram="baseline-2630-sequence"]');
    const fetchDownload = async (selector: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        (async () => {
          await figure.locator(selector).focus();
          await page.keyboard.press('Enter');
        })(),
      ]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const svg = await fetchDownload('a[data-export="svg"]');
    expect(svg.name).toBe('baseline-2630-sequence.svg');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        arrows: doc.querySelectorAll('g.message').length,
      };
    }, svg.bytes.toString('utf8'));
    expect(parsed).toEqual({ error: null, root: 'svg', arrows: 7 });

    const txt = await fetchDownload('a[data-export="txt"]');
    const lines = txt.bytes.toString('utf8').split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(72);
    expect(lines.join('\n')).toMatch(/CPU0\s+CPU1\s+CPU2/);

    const mmd = await fetchDownload('a[data-export="mmd"]');
    const mermaidText = mmd.bytes.toString('utf8');
    expect(mermaidText.startsWith('sequenceDiagram')).toBe(true);
    // Parsed again by an independent Mermaid implementation: one message per step.
    expect(renderMermaidSVG(mermaidText).match(/<g class="message"/g)).toHaveLength(7);
    const graphText = await (await fetch(`${base}diagrams/baseline-2630-lock-graph.mmd`)).text();
    const graph = parseMermaid(graphText) as unknown as { edges: unknown[] };
    expect(graph.edges).toHaveLength(5);

    const png = await fetchDownload('button[data-act="png"]');
    expect(png.name).toBe('baseline-2630-sequence.png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(500); // IHDR width

    await figure.locator('button[data-act="copy"][data-format="mmd"]').focus();
    await page.keyboard.press('Enter');
    // The status line still says "PNG saved" from the step before: wait for the copy's own words.
    await page.waitForFunction(() =>
      /^Cop(ied|y failed)/.test(
        document.querySelector('figure[data-diagram="baseline-2630-sequence"] .export-status')?.textContent ??
          '',
      ),
    );
    await expect(figure.locator('.export-status').textContent()).resolves.toMatch(
      /^Copied the Mermaid source/,
    );
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(mermaidText);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('presents full screen in large type, arrow keys stepping, Escape leaving', async () => {
    const { context, page, errors } = await open();
    const id = 'baseline-2630';
    const panel = page.locator('#scenario-baseline-2630');
    const normal = await page
      .locator(`${SIM(id)} .sim-status`)
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    await press(page, id, 'present');
    await expect(panel.getAttribute('class')).resolves.toContain('presenting');
    const large = await page
      .locator(`${SIM(id)} .sim-status`)
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(large).toBeGreaterThan(normal * 1.4);
    const box = await panel.boundingBox();
    expect(box?.width).toBeGreaterThan(1300);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect(current(page, id)).resolves.toEqual(['s2']);
    await page.keyboard.press('End');
    await expect(page.locator(SIM(id)).getAttribute('data-position')).resolves.toBe('7');
    await page.screenshot({ path: screenshotPath('simulation-present.png') });
    await page.keyboard.press('Escape');
    await expect(panel.getAttribute('class')).resolves.not.toContain('presenting');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reaches the controls by Tab alone', async () => {
    const { context, page } = await open();
    await page.locator(`${SIM('baseline-2630')} button[data-act="run"]`).focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.act ?? ''));
    }
    // Reset and Back start disabled (nothing to undo), so Tab skips them.
    expect(order.slice(0, 4)).toEqual(['step', 'play', 'present', 'edit']);
    await context.close();
  });

  it('shows every diagram, verdict and scenario table with JavaScript off', async () => {
    const { context, page } = await open(seedUrl, { javaScriptEnabled: false });
    await expect(page.locator('.diagram-svg > svg').count()).resolves.toBe(10);
    for (const svg of await page.locator('.diagram-svg > svg').all())
      await expect(svg.isVisible()).resolves.toBe(true);
    await expect(page.locator('.diagram-svg:not([data-pagefind-ignore])').count()).resolves.toBe(0);
    await expect(page.locator('.diagram-summary').count()).resolves.toBe(10);
    // The verdict table after Roland's message (the thread's model table above the messages has its own rows).
    const rows = page.locator('tr[data-verdict-row]');
    await expect(rows.count()).resolves.toBe(5);
    await expect(page.locator('tr[data-verdict-row] td.verdict').allTextContents()).resolves.toEqual([
      'deadlock',
      'no deadlock',
      'no deadlock',
      'no deadlock',
      'deadlock',
    ]);
    await expect(
      page.locator('tr[data-verdict-row="baseline-2630"] td.num').allTextContents(),
    ).resolves.toEqual(['475', '1092', '7']);
    await expect(page.locator('#scenario-baseline-2630 .ascii-table pre').textContent()).resolves.toContain(
      'CPU0                CPU1                CPU2',
    );
    await expect(page.locator('.sim-controls').first().isVisible()).resolves.toBe(false);
    await expect(page.locator('script:not([src])').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('simulation-no-js.png'), fullPage: false });
    await context.close();
  });
});
