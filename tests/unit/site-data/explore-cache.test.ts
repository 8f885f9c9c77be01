import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { explore, type Scenario } from '../../../src/lib/locks/index.ts';
import { analyseScenario } from '../../../src/lib/scenario-runtime/analyse.ts';
import { EXPLORED_ENV } from '../../../src/lib/site/render-plan-files.ts';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';
import { keptAnswer, keptExplorer } from '../../../src/site-data/explore-cache.ts';
import { buildView } from '../../../src/site-data/scenario-views.ts';

const root = path.resolve(import.meta.dirname, '../../..');
let models: Scenario[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  const catalog = await loadScenarioCatalog([path.join(root, 'content/threads')]);
  models = catalog
    .filter((e) => e.scenario.thread === 'ofa-general-2009-irq-lock-inversion')
    .map((e) => e.scenario);
});
// Tests that name a kept folder (EXPLORED_ENV) get the environment back as it was.
const explored = process.env[EXPLORED_ENV];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (explored === undefined) delete process.env[EXPLORED_ENV];
  else process.env[EXPLORED_ENV] = explored;
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-explored-'));
  dirs.push(dir);
  return dir;
};
/** An answer without the time it took, which differs from run to run. */
const timeless = ({ ms: _ms, ...rest }: ReturnType<typeof explore>) => rest;

describe('the model checker with kept answers', () => {
  it("keeps one answer per model, the model checker's, and gives it back the next time", () => {
    const folder = scratch();
    const kept = keptExplorer(folder);
    expect(models.length).toBeGreaterThan(2);
    for (const model of models) expect(timeless(kept(model, {}))).toEqual(timeless(explore(model, {})));
    expect(readdirSync(folder)).toHaveLength(models.length);
    // The next build reads the kept answer instead of exploring (a planted verdict shows it).
    const [model] = models as [Scenario];
    const [file] = readdirSync(folder).filter((name) => {
      const answer = JSON.parse(readFileSync(join(folder, name), 'utf8'));
      return answer.id === model.id && answer.thread === model.thread;
    }) as [string];
    writeFileSync(join(folder, file), JSON.stringify({ ...kept(model, {}), verdict: 'planted' }));
    expect(keptExplorer(folder)(model, {}).verdict).toBe('planted');
    // A model that differs in any way is another answer; an unreadable one is explored again.
    const changed = { ...model, cpus: model.cpus + 1 };
    expect(keptExplorer(folder)(changed, {}).verdict).toBe(explore(changed, {}).verdict);
    writeFileSync(join(folder, file), '{"half');
    expect(timeless(keptExplorer(folder)(model, {}))).toEqual(timeless(explore(model, {})));
  });

  it('draws the same analysis from a kept answer as from a fresh one', () => {
    const folder = scratch();
    for (const model of models) {
      analyseScenario(model, {}, keptExplorer(folder));
      const again = analyseScenario(model, {}, keptExplorer(folder));
      const fresh = analyseScenario(model);
      expect(again.mermaid).toEqual(fresh.mermaid);
      expect(again.result.verdict).toBe(fresh.result.verdict);
      expect(timeless(again.explored)).toEqual(timeless(fresh.explored));
    }
  });

  it('is the model checker alone when no folder is named', () => {
    expect(keptExplorer(undefined)).toBe(explore);
  });
});

describe('kept answers', () => {
  it('computes an answer once per key and reads it back after', () => {
    const folder = scratch();
    let runs = 0;
    const compute = () => {
      runs += 1;
      return { svg: `<svg>${runs}</svg>` };
    };
    expect(keptAnswer(folder, ['k', 1], compute)).toEqual({ svg: '<svg>1</svg>' });
    expect(keptAnswer(folder, ['k', 1], compute)).toEqual({ svg: '<svg>1</svg>' });
    expect(keptAnswer(folder, ['k', 2], compute)).toEqual({ svg: '<svg>2</svg>' });
    expect(keptAnswer(undefined, ['k', 1], compute)).toEqual({ svg: '<svg>3</svg>' });
    expect(runs).toBe(3);
  });

  it('lists a model’s diagrams without laying them out: each SVG is drawn when first shown', () => {
    const folder = scratch();
    const [model] = models as [Scenario];
    process.env[EXPLORED_ENV] = folder;
    // Drawings are kept as the SVG text; the model checker's answers beside them are objects.
    const drawings = () =>
      readdirSync(folder).filter(
        (name) => typeof JSON.parse(readFileSync(join(folder, name), 'utf8')) === 'string',
      );
    const diagrams = buildView(model, 'model.ts', '').diagrams;
    expect(diagrams.map((d) => d.mermaid.length > 0 && d.text.length > 0)).toEqual(diagrams.map(() => true));
    expect(drawings()).toEqual([]);
    expect(diagrams[0]?.standalone).toMatch(/^<svg/);
    expect(drawings()).toHaveLength(1);
    // A page shows the inline SVG alone: the standalone one (the SVG download's) is not drawn for it.
    expect(diagrams[1]?.inline).toMatch(/^<svg/);
    expect(drawings()).toHaveLength(2);
    process.env[EXPLORED_ENV] = '';
    const standalone = buildView(model, 'model.ts', '').diagrams[1]?.standalone as string;
    const kept = readdirSync(folder).map((name) => readFileSync(join(folder, name), 'utf8'));
    expect(kept.some((text) => text.includes(JSON.stringify(standalone)))).toBe(false);
  });

  it("keeps a model's drawn diagrams for the next build of the output, and draws them the same", () => {
    const folder = scratch();
    const [model] = models as [Scenario];
    process.env[EXPLORED_ENV] = folder;
    const drawn = buildView(model, 'model.ts', '').diagrams;
    process.env[EXPLORED_ENV] = '';
    const fresh = buildView(model, 'model.ts', '').diagrams;
    expect(drawn.map((d) => [d.inline, d.standalone])).toEqual(fresh.map((d) => [d.inline, d.standalone]));
    // The next build reads them back: a planted drawing shows it.
    const standalones = new Set(fresh.map((d) => d.standalone));
    for (const name of readdirSync(folder)) {
      const answer = JSON.parse(readFileSync(join(folder, name), 'utf8'));
      if (standalones.has(answer)) writeFileSync(join(folder, name), JSON.stringify('<svg>planted</svg>'));
    }
    process.env[EXPLORED_ENV] = folder;
    const again = buildView(model, 'model.ts', '').diagrams;
    expect(again.map((d) => d.standalone)).toEqual(drawn.map(() => '<svg>planted</svg>'));
    expect(again.map((d) => d.inline)).toEqual(drawn.map((d) => d.inline));
  });
});
