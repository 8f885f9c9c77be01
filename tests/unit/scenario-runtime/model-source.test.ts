import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRIMITIVE_MODELS } from '../../../bench/models/primitives.ts';
import seed from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import {
  checkScenario,
  locateInSource,
  ModelSourceError,
  syntaxErrorLine,
  transpileModel,
} from '../../../src/lib/scenario-runtime/model-source.ts';

// The worker evaluates the transpiled model the same way: a function of `exports` and `require`.
function evaluate(code: string): unknown {
  const exports: Record<string, unknown> = {};
  new Function('exports', 'require', code)(exports, (name: string) => {
    throw new Error(`require ${name}`);
  });
  return exports.default;
}

const SEED_FILE = new URL(
  '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts',
  import.meta.url,
);

describe('transpileModel', () => {
  it('turns a seed model file into code whose default export equals the module', () => {
    const source = readFileSync(SEED_FILE, 'utf8');
    const value = evaluate(transpileModel(source));
    expect(value).toEqual(seed);
    expect(checkScenario(value)).toBe(value);
  });

  it('drops type-only imports and keeps value imports visible as require calls', () => {
    expect(
      transpileModel("import type { A } from './a.ts';\nconst x: A = 1 as A;\nexport default x;"),
    ).not.toContain('require');
    expect(transpileModel("import { a } from './a.ts';\nexport default a;")).toContain("require('./a.ts')");
  });

  it('reports syntax errors as transpile errors with a position', () => {
    try {
      transpileModel('const x = {\nexport default x;');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelSourceError);
      expect((error as ModelSourceError).phase).toBe('transpile');
      expect((error as Error).message).toMatch(/^Syntax error: .*\(2:\d+\)/);
    }
  });
});

describe('checkScenario', () => {
  const base = {
    id: 'x',
    thread: 't',
    title: 'T',
    answers: 'm@x',
    summary: 's',
    cpus: 1,
    locks: [],
    tasks: [
      { id: 'a', name: 'a', cpu: 0, steps: [{ op: 'do', target: 'x', code: { fn: 'f()', file: 'a.c' } }] },
    ],
  };

  it('accepts a well-formed scenario', () => {
    expect(checkScenario(base)).toBe(base);
  });

  it('accepts every primitive of the registry (the models of bench/models/primitives.ts)', () => {
    for (const m of PRIMITIVE_MODELS) expect(checkScenario(m.scenario)).toBe(m.scenario);
  });

  it('checks the ops of nested bodies and release functions too', () => {
    const nested = {
      ...base,
      tasks: [{ id: 'a', steps: [{ op: 'if', cond: { var: 'x' }, steps: [{ op: 'spin_lcok' }] }] }],
    };
    expect(() => checkScenario(nested)).toThrow(/task a step 1 steps step 1: unknown op `spin_lcok`/);
    const release = { ...base, refcounts: [{ id: 'r', release: [{ op: 'nope' }] }] };
    expect(() => checkScenario(release)).toThrow(/refcount r release step 1: unknown op `nope`/);
  });

  it.each([
    [undefined, /export default/],
    [{ ...base, id: 3 }, /`id` must be a string/],
    [{ ...base, cpus: 0 }, /`cpus`/],
    [{ ...base, tasks: 'no' }, /`tasks` must be an array/],
    [{ ...base, irqs: {} }, /`irqs` must be an array/],
    [
      { ...base, tasks: [{ id: 'a', steps: [{ op: 'spin_lcok' }] }] },
      /task a step 1: unknown op `spin_lcok`/,
    ],
  ])('rejects %j', (value, message) => {
    expect(() => checkScenario(value)).toThrow(message);
  });
});

describe('errors point at their line', () => {
  it('points an unknown op at the line that writes it', () => {
    const source = [
      'export default {',
      "  id: 'x', thread: 't', title: 't', answers: 'a', summary: 's', cpus: 1,",
      "  locks: [{ id: 'a', name: 'A', kind: 'spinlock' }],",
      "  tasks: [{ id: 't', name: 't', cpu: 0, steps: [",
      "    { op: 'spin_lock', target: 'a', code: { fn: 'f()', file: 'f.c' } },",
      "    { op: 'spin_lok', target: 'a', code: { fn: 'f()', file: 'f.c' } },",
      '  ] }],',
      '};',
    ].join('\n');
    const exports: Record<string, unknown> = {};
    new Function('exports', transpileModel(source))(exports);
    let caught: unknown;
    try {
      checkScenario(exports.default);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelSourceError);
    expect(locateInSource(source, (caught as ModelSourceError).hint)).toBe(6);
  });

  it('finds a step by op and target, a field by name, and a syntax error by its position', () => {
    const source =
      "steps: [\n  { op: 'read_lock', target: 'a' },\n  { op: 'read_lock', target: 'b' },\n]\ncpus: 0,";
    expect(locateInSource(source, { op: 'read_lock', target: 'b' })).toBe(3);
    expect(locateInSource(source, { op: 'read_lock' })).toBe(2);
    expect(locateInSource(source, { key: 'cpus' })).toBe(5);
    expect(locateInSource(source, { op: 'down_read' })).toBeUndefined();
    expect(syntaxErrorLine('Syntax error: Unexpected token (12:5)')).toBe(12);
  });
});
