// Compares the two Mermaid renderers on this site's diagrams: beautiful-mermaid (pure JS, in Node, what
// the build uses) and Mermaid itself (in headless Chromium). For each it prints how many text labels
// end outside the box they belong to (node, note, actor, edge label) or outside the drawing, and the
// time taken. Both SVGs are measured the same way, in the same Chromium.
// Usage: npm run bench:diagrams

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderMermaidSVG } from 'beautiful-mermaid';
import type { Page } from 'playwright-core';
import { lockGraphMermaid, sequenceMermaid } from '../src/lib/diagrams/index.ts';
import { reportGraphMermaid } from '../src/lib/diagrams/report-graph.ts';
import { findReports } from '../src/lib/lockdep/find-reports.ts';
import { explore, validateScenario } from '../src/lib/locks/index.ts';
import { fitNotes, stripRemoteFonts } from '../src/lib/scenario-runtime/svg-annotate.ts';
import { loadScenarioCatalog } from '../src/loaders/scenario-catalog.ts';
import { launchChromium } from '../tests/e2e/browser.ts';

/** Every diagram the site draws from the bundled scenarios, plus one report graph per corpus thread. */
async function diagrams(): Promise<{ id: string; text: string }[]> {
  const out: { id: string; text: string }[] = [];
  for (const e of await loadScenarioCatalog([resolve('content/threads')])) {
    out.push({ id: `${e.scenario.id}-sequence`, text: sequenceMermaid(explore(e.scenario)) });
    out.push({ id: `${e.scenario.id}-lock-graph`, text: lockGraphMermaid(validateScenario(e.scenario)) });
  }
  const corpus = resolve('../shared/corpus/threads');
  for (const f of readdirSync(corpus).filter((n) => n.endsWith('.mbox'))) {
    const graph = findReports(readFileSync(resolve(corpus, f), 'utf8'))
      .map((r) => reportGraphMermaid(r))
      .find((g) => g !== null);
    if (graph) out.push({ id: `report:${f.replace(/\.mbox$/, '')}`, text: graph });
  }
  return out;
}

/**
 * Counts labels outside their box in the SVG shown in `page`: a text belongs to the smallest filled
 * rect/polygon its centre lies in (tolerance 1 px); a text in none must lie inside the drawing.
 */
function countOverflow(page: Page): Promise<{ labels: number; outside: number; examples: string[] }> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg') as SVGSVGElement;
    const area = svg.getBoundingClientRect();
    const shapes = [...svg.querySelectorAll('rect, polygon')]
      .filter((s) => getComputedStyle(s).fill !== 'none' && getComputedStyle(s).visibility !== 'hidden')
      .map((s) => s.getBoundingClientRect())
      .filter((r) => r.width > 2 && r.height > 2);
    // Mermaid draws labels as SVG text (htmlLabels off); tspans belong to their text.
    const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '');
    const inside = (a: DOMRect, b: DOMRect) =>
      a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    let outside = 0;
    const examples: string[] = [];
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const home = shapes
        .filter((s) => cx >= s.left && cx <= s.right && cy >= s.top && cy <= s.bottom)
        .sort((a, b) => a.width * a.height - b.width * b.height)[0];
      if (!inside(r, home ?? area)) {
        outside += 1;
        if (examples.length < 3) examples.push((t.textContent ?? '').slice(0, 60));
      }
    }
    return { labels: texts.length, outside, examples };
  });
}

/** Without --raw: beautiful-mermaid's SVG post-processed as the site ships it (fonts, notes). */
const SHIPPED = !process.argv.includes('--raw');
const all = await diagrams();
console.log(`${all.length} diagrams (${all.filter((d) => d.id.startsWith('report:')).length} report graphs)`);

const t0 = performance.now();
const browser = await launchChromium();
const launchMs = performance.now() - t0;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  // beautiful-mermaid: drawn in Node, measured in Chromium.
  let bmMs = 0;
  const bm = { labels: 0, outside: 0, examples: [] as string[] };
  for (const d of all) {
    const s = performance.now();
    const raw = renderMermaidSVG(d.text, { bg: '#ffffff', fg: '#1d1d1b' });
    // As the site ships it (site-data/scenario-views.ts), or as the library draws it with system-ui.
    const svg = SHIPPED
      ? fitNotes(stripRemoteFonts(raw))
      : raw.replace(/@import url\([^)]*\);/, '').replace(/'Inter',/g, '');
    bmMs += performance.now() - s;
    await page.setContent(`<!DOCTYPE html><body style="margin:0">${svg}</body>`);
    const c = await countOverflow(page);
    bm.labels += c.labels;
    bm.outside += c.outside;
    bm.examples.push(...c.examples.map((e) => `${d.id}: ${e}`));
  }
  // Mermaid: loaded once into a page, each diagram drawn and measured there.
  const m0 = performance.now();
  await page.setContent('<!DOCTYPE html><body style="margin:0"><div id="out"></div></body>');
  await page.addScriptTag({ path: resolve('node_modules/mermaid/dist/mermaid.min.js') });
  await page.evaluate(() => {
    const w = window as unknown as { mermaid: { initialize(c: object): void } };
    w.mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      flowchart: { htmlLabels: false },
    });
  });
  const loadMs = performance.now() - m0;
  let mmMs = 0;
  const mm = { labels: 0, outside: 0, examples: [] as string[] };
  for (const [i, d] of all.entries()) {
    const s = performance.now();
    await page.evaluate(
      async ({ text, n }) => {
        const w = window as unknown as {
          mermaid: { render(id: string, t: string): Promise<{ svg: string }> };
        };
        const { svg } = await w.mermaid.render(`d${n}`, text);
        (document.getElementById('out') as HTMLElement).innerHTML = svg;
      },
      { text: d.text, n: i },
    );
    mmMs += performance.now() - s;
    // Measure the drawn SVG on its own, at its own size (Mermaid sets max-width: 100%).
    const svg = await page.$eval('#out', (e) => e.innerHTML);
    const shown = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    await shown.setContent(`<!DOCTYPE html><body style="margin:0">${svg}</body>`);
    const c = await countOverflow(shown);
    await shown.close();
    mm.labels += c.labels;
    mm.outside += c.outside;
    mm.examples.push(...c.examples.map((e) => `${d.id}: ${e}`));
  }
  const row = (name: string, r: typeof bm, ms: string) =>
    console.log(`${name.padEnd(17)} labels ${r.labels}  outside their box ${r.outside}  ${ms}`);
  row('beautiful-mermaid', bm, `render ${bmMs.toFixed(0)} ms (Node, no browser)`);
  row(
    'mermaid (Chromium)',
    mm,
    `render ${mmMs.toFixed(0)} ms + load ${loadMs.toFixed(0)} ms + Chromium launch ${launchMs.toFixed(0)} ms = ${(mmMs + loadMs + launchMs).toFixed(0)} ms cold`,
  );
  for (const [name, r] of [
    ['beautiful-mermaid', bm],
    ['mermaid', mm],
  ] as const)
    if (r.examples.length > 0) console.log(`  ${name} e.g. ${r.examples.slice(0, 4).join(' | ')}`);
} finally {
  await browser.close();
}
