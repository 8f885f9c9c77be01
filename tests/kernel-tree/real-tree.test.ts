// Real excerpts from a real tree: every symbol page of the 2.6.30 facts and the seed page's popovers must
// show exactly the lines the tree at v2.6.30 has at the facts' line numbers. The expected text is read
// from the tree while the test runs (no kernel source is kept in this repository).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../src/cli/serve.ts';
import { symbolKey } from '../../src/lib/kernel/lookup.ts';
import type { KernelFacts } from '../../src/lib/kernel/types.ts';
import { launchChromium } from '../e2e/browser.ts';

const tree = process.env.KERNEL_TREE;
if (!tree) {
  throw new Error(
    'KERNEL_TREE is not set: this suite needs a real Linux git tree with the tag v2.6.30 ' +
      '(e.g. KERNEL_TREE=/work/trees/linux-2.6.30 npm run test:kernel-tree)',
  );
}
const facts = JSON.parse(readFileSync('content/kernel/2.6.30.json', 'utf8')) as KernelFacts;
const treeLines = new Map<string, string[]>();
const lineOf = (file: string, n: number): string => {
  let lines = treeLines.get(file);
  if (!lines) {
    lines = execFileSync('git', ['-C', tree, 'show', `v2.6.30:${file}`], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }).split('\n');
    treeLines.set(file, lines);
  }
  return (lines[n - 1] ?? '').trimEnd();
};

let browser: Browser;
let base = '';
let close: () => Promise<void> = async () => {};
beforeAll(async () => {
  mkdirSync(resolve('test-results'), { recursive: true });
  const work = mkdtempSync(resolve('test-results', 'kernel-tree-'));
  const out = join(work, 'dist');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KERNEL_TREE: tree,
    LOCKSTEP_CONTENT: '',
    LOCKSTEP_CACHE_DIR: `${out}-cache`,
  };
  delete env.KERNEL_MIRROR;
  execFileSync(resolve('node_modules/.bin/astro'), ['build', '--outDir', out], { stdio: 'inherit', env });
  const site = await serveStatic(out, 0);
  base = site.url;
  browser = await launchChromium();
  close = async () => {
    await browser.close();
    await new Promise((done) => site.server.close(done));
    rmSync(work, { recursive: true, force: true });
  };
});
afterAll(() => close());

// The excerpt's lines as the page shows them: [file line number, code text].
async function shownLines(url: string, selector: string): Promise<Array<[number, string, boolean]>> {
  const page = await browser.newPage();
  await page.goto(url);
  const rows = await page.$$eval(`${selector} .line[data-line]`, (lines) =>
    lines.map((l) => {
      const ln = l.querySelector('.ln')?.textContent ?? '';
      return [
        Number(l.getAttribute('data-line')),
        (l.textContent ?? '').slice(ln.length),
        l.classList.contains('hl'),
      ] as [number, string, boolean];
    }),
  );
  await page.close();
  return rows.map(([n, text, hl]) => [n, text.trimEnd(), hl]);
}

describe(`real v2.6.30 excerpts from ${tree}`, () => {
  for (const def of facts.symbols) {
    const key = symbolKey(def);
    it(`symbol page ${key}: the tree's lines ${def.line}..${def.endLine ?? ''} of ${def.file}`, async () => {
      expect(def.line, 'the 2.6.30 facts carry real lines').toBeGreaterThan(0);
      const rows = await shownLines(
        `${base}symbols/2.6.30/${encodeURIComponent(key)}/`,
        '.ls-kernel-excerpt',
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const [n, text] of rows) expect(text, `${def.file}:${n}`).toBe(lineOf(def.file, n));
      // A function, struct or macro starts at its line; a field is shown inside its struct, highlighted.
      if (def.kind === 'field') expect(rows.find(([n]) => n === def.line)?.[2]).toBe(true);
      else expect(rows[0]?.[0]).toBe(def.line);
      if (def.endLine && def.kind !== 'field') expect(rows.at(-1)?.[0]).toBe(def.endLine);
      expect(lineOf(def.file, def.line ?? 0)).toContain(def.name);
    });
  }

  it('seed page: each popover shows the tree at the fact line, and says where', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}threads/ofa-general-2009-irq-lock-inversion/`);
    const pops = await page.$$eval('.ls-sym', (syms) =>
      syms.map((s) => ({
        text: s.querySelector('a')?.textContent ?? '',
        where: s.querySelector('.ls-sym-where code')?.textContent ?? '',
        lines: [...s.querySelectorAll('.line[data-line]')].map((l) => [
          Number(l.getAttribute('data-line')),
          (l.textContent ?? '').slice((l.querySelector('.ln')?.textContent ?? '').length),
        ]),
      })),
    );
    await page.close();
    const withCode = pops.filter((p) => p.lines.length > 0);
    expect(withCode.length).toBeGreaterThanOrEqual(10);
    for (const pop of withCode) {
      const [file = '', line = ''] = pop.where.split(':');
      const fact = facts.symbols.find((d) => d.file === file && String(d.line) === line);
      expect(fact, `${pop.text} → ${pop.where} is a 2.6.30 fact`).toBeDefined();
      for (const [n, text] of pop.lines as Array<[number, string]>)
        expect(text.trimEnd(), `${file}:${n}`).toBe(lineOf(file, n));
      expect(pop.lines.some(([n]) => n === Number(line))).toBe(true);
    }
    expect(withCode.map((p) => p.text)).toEqual(
      expect.arrayContaining(['del_timer_sync()', 'ib_post_send_mad()']),
    );
  });
});
