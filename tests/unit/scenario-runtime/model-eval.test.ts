import { describe, expect, it } from 'vitest';
import { evaluateModel, importLine } from '../../../src/lib/scenario-runtime/model-eval.ts';
import { ModelSourceError } from '../../../src/lib/scenario-runtime/model-source.ts';

const BASE = `import type { Scenario } from '../../../../src/lib/locks/model.ts';
export const at = (fn: string) => ({ fn, file: 'x.c' });
const s: Scenario = {
  id: 'base', thread: 't', title: 'B', answers: 'm@x', summary: 'S', cpus: 1,
  locks: [{ id: 'a', name: 'A', kind: 'spinlock' }],
  tasks: [{ id: 't0', name: 'T0', cpu: 0, steps: [
    { op: 'spin_lock', target: 'a', code: at('f()') },
    { op: 'spin_unlock', target: 'a', code: at('f()') },
  ] }],
};
export default s;
`;

const FIX = `// the fix
import { deriveScenario, insertSteps } from '../../../../src/lib/locks/derive.ts';
import base, { at } from './base.ts';
export default deriveScenario(base, { id: 'fix', role: 'fix', fate: 'applied' }, [
  insertSteps({ task: 't0' }, { after: { op: 'spin_lock' } }, [{ op: 'do', target: 'work', code: at('g()') }]),
]);
`;

/** The error evaluateModel throws, for assertions on its phase, message and line. */
function failure(name: string, files: Record<string, string>): ModelSourceError {
  try {
    evaluateModel(name, files);
  } catch (error) {
    if (error instanceof ModelSourceError) return error;
    throw error;
  }
  throw new Error('expected a ModelSourceError');
}

describe('evaluateModel', () => {
  it('runs a self-contained model with type-only imports', () => {
    const { scenario, siblings } = evaluateModel('base.ts', { 'base.ts': BASE });
    expect(scenario.id).toBe('base');
    expect(siblings).toEqual([]);
  });

  it('resolves a sibling model (default and named exports) and the derivation helpers', () => {
    const { scenario, siblings } = evaluateModel('fix.ts', { 'base.ts': BASE, 'fix.ts': FIX });
    expect(scenario).toMatchObject({ id: 'fix', thread: 't', role: 'fix', fate: 'applied' });
    expect(scenario.tasks[0]?.steps.map((s) => s.op)).toEqual(['spin_lock', 'do', 'spin_unlock']);
    expect(scenario.tasks[0]?.steps[1]?.code).toEqual({ fn: 'g()', file: 'x.c' });
    expect(siblings).toEqual(['base.ts']);
  });

  it('lists siblings read through another sibling', () => {
    const again = `import fix from './fix.ts';\nexport default { ...fix, id: 'again' };\n`;
    const out = evaluateModel('again.ts', { 'base.ts': BASE, 'fix.ts': FIX, 'again.ts': again });
    expect(out.scenario.id).toBe('again');
    expect(out.siblings).toEqual(['fix.ts', 'base.ts']);
  });

  it('refuses every other import with the line that makes it', () => {
    for (const spec of [
      '../other/scenarios/base.ts',
      './sub/base.ts',
      'node:fs',
      './base.js',
      '../../../../src/lib/locks/explore.ts',
    ]) {
      const source = `// line 1\n\nimport x from '${spec}';\nexport default x;\n`;
      const e = failure('m.ts', { 'm.ts': source, 'base.ts': BASE });
      expect(e.phase).toBe('evaluate');
      expect(e.message).toMatch(/^A model may import values only from its sibling models/);
      expect(e.message).toContain(spec);
      expect(e.line).toBe(3);
    }
  });

  it('names a missing sibling, a cycle and a broken sibling at the importing line', () => {
    const missing = failure('m.ts', { 'm.ts': `\nimport x from './gone.ts';\nexport default x;\n` });
    expect(missing.message).toMatch(/'\.\/gone\.ts': no such model beside this one/);
    expect(missing.line).toBe(2);
    const a = `import b from './b.ts';\nexport default b;\n`;
    const b = `\n\nimport a from './a.ts';\nexport default a;\n`;
    const cycle = failure('a.ts', { 'a.ts': a, 'b.ts': b });
    expect(cycle.message).toMatch(/imports this model back/);
    expect(cycle.line).toBe(1);
    const broken = failure('fix.ts', { 'base.ts': 'export default {;\n', 'fix.ts': FIX });
    expect(broken.phase).toBe('transpile');
    expect(broken.message).toMatch(/^\.\/base\.ts: Syntax error/);
    expect(broken.line).toBe(3);
  });

  it('reports a syntax error of the model itself at its line, and a shape error with a hint', () => {
    const syntax = failure('m.ts', { 'm.ts': `const a = 1;\nconst b = ;\nexport default a;\n` });
    expect(syntax.phase).toBe('transpile');
    expect(syntax.line).toBe(2);
    const shape = failure('m.ts', { 'm.ts': 'export default 42;\n' });
    expect(shape.phase).toBe('check');
  });
});

describe('importLine', () => {
  it('finds the quoted specifier, single or double quotes', () => {
    expect(importLine(`a\nimport x from "./b.ts";\n`, './b.ts')).toBe(2);
    expect(importLine('a\n', './b.ts')).toBeUndefined();
  });
});
