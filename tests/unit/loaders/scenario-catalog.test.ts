import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';

const repo = resolve(import.meta.dirname, '../../..');

/** A small model of our own: two spinlocks taken in opposite orders on two CPUs, or in one order. */
function model(id: string, thread: string, extra: string, abba = true): string {
  const second = abba ? "['b', 'a']" : "['a', 'b']";
  return `const at = { fn: 'f()', file: 'x.c' };
const steps = (order) => [
  ...order.map((t) => ({ op: 'spin_lock', target: t, code: at })),
  ...[...order].reverse().map((t) => ({ op: 'spin_unlock', target: t, code: at })),
];
export default {
  id: '${id}', thread: '${thread}', title: 'T', answers: 'm1@x', summary: 'S', cpus: 2,
  locks: [{ id: 'a', name: 'A', kind: 'spinlock' }, { id: 'b', name: 'B', kind: 'spinlock' }],
  tasks: [{ id: 't0', name: 't0', cpu: 0, steps: steps(['a', 'b']) }, { id: 't1', name: 't1', cpu: 1, steps: steps(${second}) }],
  ${extra}
};
`;
}

const dirs: string[] = [];
function root(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ls-catalog-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the scenario catalog', () => {
  it('covers every content root, with the thread root and the path readers see', async () => {
    const extra = root({
      'ext/thread.yaml': 'root: <m1@x>\n',
      'ext/scenarios/report.ts': model('ext-report', 'ext', "role: 'report', expect: 'deadlock'"),
    });
    const all = await loadScenarioCatalog([join(repo, 'content/threads'), extra]);
    const ext = all.find((e) => e.scenario.id === 'ext-report');
    expect(ext).toMatchObject({ thread: 'ext', threadRoot: 'm1@x', path: 'ext/scenarios/report.ts' });
    const seed = all.find((e) => e.scenario.id === 'baseline-2630');
    expect(seed?.path).toBe('content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts');
  });

  it('fails on an id used twice, a model in the wrong folder, and a fix without a fate', async () => {
    const twice = root({
      'one/thread.yaml': 'root: a@x\n',
      'one/scenarios/a.ts': model('same', 'one', ''),
      'two/thread.yaml': 'root: b@x\n',
      'two/scenarios/b.ts': model('same', 'two', ''),
    });
    await expect(loadScenarioCatalog([twice])).rejects.toThrow(/scenario id same is used twice/);
    const moved = root({
      'here/thread.yaml': 'root: a@x\n',
      'here/scenarios/a.ts': model('m', 'elsewhere', ''),
    });
    await expect(loadScenarioCatalog([moved])).rejects.toThrow(
      /thread is 'elsewhere' but the model lives in folder 'here'/,
    );
    const noFate = root({
      'f/thread.yaml': 'root: a@x\n',
      'f/scenarios/a.ts': model('nf', 'f', "role: 'fix'"),
    });
    await expect(loadScenarioCatalog([noFate])).rejects.toThrow(/a fix needs a fate/);
    const notModel = root({ 'n/thread.yaml': 'root: a@x\n', 'n/scenarios/a.ts': 'export default 42;\n' });
    await expect(loadScenarioCatalog([notModel])).rejects.toThrow(/n\/scenarios\/a\.ts: Not a scenario/);
  });

  it('resolves a sibling model import and the derivation helpers, and refuses any other import at its line', async () => {
    const fix = `import { deriveScenario, setSteps } from '../../../src/lib/locks/derive.ts';
import base from './base.ts';
export default deriveScenario(base, { id: 'one-order', role: 'fix', fate: 'proposed' }, [
  setSteps({ task: 't1' }, base.tasks[0].steps),
]);
`;
    const dir = root({
      's/thread.yaml': 'root: a@x\n',
      's/scenarios/base.ts': model('abba', 's', ''),
      's/scenarios/fix.ts': fix,
    });
    const entries = await loadScenarioCatalog([dir]);
    const derived = entries.find((e) => e.scenario.id === 'one-order');
    expect(derived?.siblings).toEqual({ 'base.ts': model('abba', 's', '') });
    expect(derived?.source).toBe(fix);
    expect(derived?.scenario.tasks.map((t) => t.steps.map((x) => x.target))).toEqual([
      ['a', 'b', 'b', 'a'],
      ['a', 'b', 'b', 'a'],
    ]);
    expect(entries.find((e) => e.scenario.id === 'abba')?.siblings).toEqual({});
    for (const spec of ['../../t/scenarios/base.ts', './sub/base.ts', 'node:fs', './base.js']) {
      const bad = root({
        't/thread.yaml': 'root: a@x\n',
        't/scenarios/base.ts': model('tb', 't', ''),
        't/scenarios/fix.ts': `// a fix\nimport base from '${spec}';\nexport default base;\n`,
      });
      await expect(loadScenarioCatalog([bad])).rejects.toThrow(
        /t\/scenarios\/fix\.ts:2: A model may import values only from its sibling models/,
      );
    }
  });

  it('is what `npm run simulate` runs, LOCKSTEP_CONTENT included, with role, fate and thread_root', () => {
    const extra = root({
      'ext/thread.yaml': 'root: m1@x\n',
      'ext/scenarios/report.ts': model('ext-report', 'ext', "role: 'report', expect: 'deadlock'"),
      'ext/scenarios/fix.ts': model(
        'ext-fix',
        'ext',
        "role: 'fix', fate: 'superseded', expect: 'no-deadlock'",
        false,
      ),
    });
    const out = execFileSync(
      join(repo, 'node_modules/.bin/node'),
      ['src/cli/simulate.ts', '--json', 'ext-report', 'ext-fix'],
      {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, LOCKSTEP_CONTENT: extra },
      },
    );
    const rows = JSON.parse(out.trimEnd().split('\n').at(-1) ?? '[]') as Record<string, unknown>[];
    expect(rows.map((r) => [r.id, r.thread_root, r.role, r.fate, r.verdict])).toEqual([
      ['ext-report', 'm1@x', 'report', undefined, 'deadlock'],
      ['ext-fix', 'm1@x', 'fix', 'superseded', 'no-deadlock'],
    ]);
    expect(rows[0]?.lockdep).toEqual([{ kind: 'circular', classes: ['A', 'B'] }]);
  });
});
