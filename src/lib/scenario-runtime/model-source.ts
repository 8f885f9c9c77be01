// Turns a scenario model as typed in the editor (TypeScript, `export default` a Scenario, type-only
// imports) into a function body a Web Worker can evaluate, and checks that what it exports is a
// Scenario. The evaluation itself happens in the worker, never on the page.

import { transform } from 'sucrase';
import { OP_NAMES, type Scenario } from '../locks/index.ts';

/** A model that could not be turned into a Scenario, with the phase that failed. */
export class ModelSourceError extends Error {
  readonly phase: 'transpile' | 'evaluate' | 'check';
  /** What to look for in the source to find the line at fault (a step's op and target). */
  readonly hint?: SourceHint;
  constructor(phase: 'transpile' | 'evaluate' | 'check', message: string, hint?: SourceHint) {
    super(message);
    this.phase = phase;
    if (hint) this.hint = hint;
  }
}

/** Words a faulty step or field is written with, used to find its line in the reader's source. */
export interface SourceHint {
  op?: string;
  target?: string;
  /** A property name (`cpus`) when no step is at fault. */
  key?: string;
}

/**
 * The 1-based line of the reader's source where `hint` is written: the first line naming both the op
 * and the target as string literals, else the op, else the key; undefined when none matches. Sucrase
 * keeps line numbers, but the check runs on evaluated data, so the source text is searched instead.
 */
export function locateInSource(source: string, hint: SourceHint | undefined): number | undefined {
  if (!hint) return undefined;
  const lines = source.split('\n');
  const quoted = (line: string, word: string): boolean =>
    line.includes(`'${word}'`) || line.includes(`"${word}"`) || line.includes(`\`${word}\``);
  const find = (pred: (line: string) => boolean): number | undefined => {
    const i = lines.findIndex(pred);
    return i >= 0 ? i + 1 : undefined;
  };
  const { op, target, key } = hint;
  if (op && target) {
    const both = find((l) => quoted(l, op) && quoted(l, target));
    if (both) return both;
  }
  if (op) {
    const one = find((l) => quoted(l, op));
    if (one) return one;
  }
  if (key) return find((l) => new RegExp(`(^|[\\s{,])${key}\\s*:`).test(l));
  return undefined;
}

/** The line a syntax error message names (`(12:5)`), if any. */
export function syntaxErrorLine(message: string): number | undefined {
  const m = /\((\d+):\d+\)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Strips the types and rewrites the module to CommonJS form (`exports.default = …`), so the worker can
 * run it as a function of `exports` and `require`. Sucrase rather than the TypeScript compiler: the
 * only job is type stripping, and it is a fraction of the download.
 */
export function transpileModel(source: string): string {
  try {
    return transform(source, { transforms: ['typescript', 'imports'], filePath: 'model.ts' }).code;
  } catch (error) {
    throw new ModelSourceError('transpile', `Syntax error: ${(error as Error).message}`);
  }
}

// The ops a model may use: the primitive registry's, so the editor accepts every primitive the
// explorer knows and nothing else.
const OPS: ReadonlySet<string> = new Set(OP_NAMES);

/** Checks the shape of an evaluated model's default export; throws a ModelSourceError naming the first problem. */
export function checkScenario(value: unknown): Scenario {
  const fail = (what: string, hint?: SourceHint): never => {
    throw new ModelSourceError('check', `Not a scenario: ${what}`, hint);
  };
  if (typeof value !== 'object' || value === null) return fail('the module must `export default` an object');
  const s = value as Record<string, unknown>;
  for (const key of ['id', 'thread', 'title', 'answers', 'summary'])
    if (typeof s[key] !== 'string') fail(`\`${key}\` must be a string`);
  if (!Number.isInteger(s.cpus) || (s.cpus as number) < 1 || (s.cpus as number) > 16)
    fail('`cpus` must be a whole number from 1 to 16', { key: 'cpus' });
  if (!Array.isArray(s.locks)) fail('`locks` must be an array');
  if (!Array.isArray(s.tasks)) fail('`tasks` must be an array');
  for (const key of [
    'timers',
    'workqueues',
    'works',
    'irqs',
    'completions',
    'vars',
    'refcounts',
    'rcuCallbacks',
  ])
    if (s[key] !== undefined && !Array.isArray(s[key])) fail(`\`${key}\` must be an array when present`);
  const list = (key: string) => (s[key] ?? []) as Array<Record<string, unknown>>;
  const bodies: Array<[string, unknown]> = [
    ...list('tasks').map((t): [string, unknown] => [`task ${t.id}`, t.steps]),
    ...list('timers').map((t): [string, unknown] => [`timer ${t.id}`, t.fn]),
    ...list('works').map((t): [string, unknown] => [`work ${t.id}`, t.fn]),
    ...list('irqs').map((t): [string, unknown] => [`irq ${t.id}`, t.handler]),
    ...list('refcounts').map((t): [string, unknown] => [`refcount ${t.id} release`, t.release]),
    ...list('rcuCallbacks').map((t): [string, unknown] => [`RCU callback ${t.id}`, t.fn]),
  ];
  const steps = (where: string, body: unknown): void => {
    if (!Array.isArray(body)) fail(`${where} has no list of steps`);
    for (const [i, step] of (body as Array<Record<string, unknown>>).entries()) {
      if (typeof step !== 'object' || step === null) fail(`${where} step ${i + 1} is not an object`);
      if (!OPS.has(step.op as string))
        fail(`${where} step ${i + 1}: unknown op \`${String(step.op)}\``, {
          op: String(step.op),
          ...(typeof step.target === 'string' ? { target: step.target } : {}),
        });
      for (const nested of ['steps', 'else'] as const)
        if (step[nested] !== undefined) steps(`${where} step ${i + 1} ${nested}`, step[nested]);
    }
  };
  for (const [where, body] of bodies) steps(where, body);
  return value as Scenario;
}
