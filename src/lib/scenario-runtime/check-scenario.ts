// Checks that a value is shaped like a Scenario before anything explores it: the evaluated default
// export of an edited model (edit-worker.ts) and the JSON a page fetched for a bundled one (sim-worker.ts).
// No transpiler here, so the worker for bundled models stays small.

import { OP_NAMES, type Scenario } from '../locks/index.ts';

/** A model that could not be turned into a Scenario, with the phase that failed. */
export class ModelSourceError extends Error {
  readonly phase: 'transpile' | 'evaluate' | 'check';
  /** What to look for in the source to find the line at fault (a step's op and target). */
  readonly hint?: SourceHint;
  /** The 1-based line of the model's own source at fault, when known (a syntax error, a refused import). */
  readonly line?: number;
  constructor(phase: 'transpile' | 'evaluate' | 'check', message: string, hint?: SourceHint, line?: number) {
    super(message);
    this.phase = phase;
    if (hint) this.hint = hint;
    if (line !== undefined) this.line = line;
  }
}

/** Words a faulty step or field is written with, used to find its line in the reader's source. */
export interface SourceHint {
  op?: string;
  target?: string;
  /** A property name (`cpus`) when no step is at fault. */
  key?: string;
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
