// A scenario written as another scenario plus named changes: a fix model imports its sibling baseline
// and says only what the fix changes (new metadata, a step edited, added or removed, a lock added).
// Pure: the base is never modified, every change returns new objects. Steps are found by op (and
// target), not by position, so a change names what it touches and fails loudly when the base moves on.

import type { Op, Scenario, Step } from './model.ts';

/** The lists of declarations a scenario holds, each item with an `id`. */
type ListKey =
  | 'locks'
  | 'timers'
  | 'workqueues'
  | 'works'
  | 'irqs'
  | 'completions'
  | 'vars'
  | 'refcounts'
  | 'rcuCallbacks'
  | 'tasks';

/** One item of a scenario list (a lock, a task, an interrupt, …). */
type ItemOf<K extends ListKey> = NonNullable<Scenario[K]>[number];

/** The fields a derived scenario may set directly: everything but the lists (those change by name). */
export type ScenarioFields = Partial<Omit<Scenario, ListKey>> & { id: string };

/** One named change; apply it with deriveScenario. */
export type ScenarioChange = (s: Scenario) => Scenario;

// Where each kind of context keeps its steps: the list and the field holding them.
const BODIES = {
  task: ['tasks', 'steps'],
  timer: ['timers', 'fn'],
  work: ['works', 'fn'],
  irq: ['irqs', 'handler'],
  refcount: ['refcounts', 'release'],
  rcuCallback: ['rcuCallbacks', 'fn'],
} as const satisfies Record<string, readonly [ListKey, string]>;

/** A list of steps named by its owner: `{ task: 'mad' }`, `{ irq: 'comm_est' }`, `{ work: 'w' }`, … */
export type StepsOf = { [K in keyof typeof BODIES]: { [P in K]: string } }[keyof typeof BODIES];

/** A step of a list, found by its op and (when given) target; exactly one step must match. */
export interface StepMatch {
  op: Op;
  target?: string;
}

/** Where inserted steps go: right after or right before the one matching step. */
export type StepPlace = { after: StepMatch } | { before: StepMatch };

/** Thrown when a change does not fit its base (no such task, no or several matching steps). */
export class DeriveError extends Error {}

/**
 * The scenario `base` with `fields` set and `changes` applied in order. A field given as `undefined`
 * is removed (a fix derived from a report that is itself a report again drops its `fate`).
 */
export function deriveScenario(
  base: Scenario,
  fields: ScenarioFields,
  changes: readonly ScenarioChange[] = [],
): Scenario {
  const merged: Record<string, unknown> = { ...base, ...fields };
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete merged[key];
  return changes.reduce((s, change) => change(s), merged as unknown as Scenario);
}

/** The owner's kind and id, e.g. ['task', 'mad']. */
function ownerOf(of: StepsOf): [keyof typeof BODIES, string] {
  const [kind, id] = Object.entries(of)[0] as [keyof typeof BODIES, string];
  if (!(kind in BODIES)) throw new DeriveError(`no kind of context is called ${kind}`);
  return [kind, id];
}

/** The scenario with the step list of `of` replaced by what `edit` makes of it. */
function withSteps(of: StepsOf, edit: (steps: readonly Step[], where: string) => Step[]): ScenarioChange {
  return (s) => {
    const [kind, id] = ownerOf(of);
    const [list, field] = BODIES[kind];
    const items = (s[list] ?? []) as unknown as ReadonlyArray<Record<string, unknown>>;
    const where = `${kind} ${id}`;
    if (!items.some((item) => item.id === id)) throw new DeriveError(`the base has no ${where}`);
    const next = items.map((item) =>
      item.id === id ? { ...item, [field]: edit(item[field] as readonly Step[], where) } : item,
    );
    return { ...s, [list]: next };
  };
}

/** The index of the one step of `steps` that `match` names. */
function indexOf(steps: readonly Step[], match: StepMatch, where: string): number {
  const hits = steps.flatMap((step, i) =>
    step.op === match.op && (match.target === undefined || step.target === match.target) ? [i] : [],
  );
  const named = `${match.op}${match.target === undefined ? '' : ` ${match.target}`}`;
  if (hits.length === 0) throw new DeriveError(`${where} has no step ${named}`);
  if (hits.length > 1) throw new DeriveError(`${where} has ${hits.length} steps ${named}; name the target`);
  return hits[0] as number;
}

/** Replaces the whole step list of `of`. */
export function setSteps(of: StepsOf, steps: readonly Step[]): ScenarioChange {
  return withSteps(of, () => [...steps]);
}

/** Sets `fields` on the one step `match` names (e.g. a different op, same code reference). */
export function editStep(of: StepsOf, match: StepMatch, fields: Partial<Step>): ScenarioChange {
  return withSteps(of, (steps, where) => {
    const at = indexOf(steps, match, where);
    return steps.map((step, i) => (i === at ? { ...step, ...fields } : step));
  });
}

/** Replaces the one step `match` names by `replacement` (one step or several). */
export function replaceStep(
  of: StepsOf,
  match: StepMatch,
  replacement: Step | readonly Step[],
): ScenarioChange {
  const added = Array.isArray(replacement) ? replacement : [replacement as Step];
  return withSteps(of, (steps, where) => {
    const at = indexOf(steps, match, where);
    return [...steps.slice(0, at), ...added, ...steps.slice(at + 1)];
  });
}

/** Removes the one step `match` names. */
export function removeStep(of: StepsOf, match: StepMatch): ScenarioChange {
  return withSteps(of, (steps, where) => {
    const at = indexOf(steps, match, where);
    return [...steps.slice(0, at), ...steps.slice(at + 1)];
  });
}

/** Inserts `added` right after or right before the one step the place names. */
export function insertSteps(of: StepsOf, place: StepPlace, added: readonly Step[]): ScenarioChange {
  return withSteps(of, (steps, where) => {
    const at =
      'after' in place ? indexOf(steps, place.after, where) + 1 : indexOf(steps, place.before, where);
    return [...steps.slice(0, at), ...added, ...steps.slice(at)];
  });
}

/** Appends `items` to a list (locks, workqueues, works, irqs, tasks, …); an id already there is an error. */
export function addItems<K extends ListKey>(list: K, items: readonly ItemOf<K>[]): ScenarioChange {
  return (s) => {
    const have = (s[list] ?? []) as readonly ItemOf<K>[];
    for (const item of items)
      if (have.some((h) => h.id === item.id))
        throw new DeriveError(`the base already has ${list} ${item.id}`);
    return { ...s, [list]: [...have, ...items] };
  };
}

/** Sets `fields` on the item `id` of a list (e.g. a lock's kind, a task's CPU). */
export function editItem<K extends ListKey>(list: K, id: string, fields: Partial<ItemOf<K>>): ScenarioChange {
  return (s) => {
    const have = (s[list] ?? []) as readonly ItemOf<K>[];
    if (!have.some((h) => h.id === id)) throw new DeriveError(`the base has no ${list} ${id}`);
    return { ...s, [list]: have.map((h) => (h.id === id ? { ...h, ...fields } : h)) };
  };
}

/** Removes the item `id` from a list. */
export function removeItem(list: ListKey, id: string): ScenarioChange {
  return (s) => {
    const have = (s[list] ?? []) as ReadonlyArray<{ id: string }>;
    if (!have.some((h) => h.id === id)) throw new DeriveError(`the base has no ${list} ${id}`);
    return { ...s, [list]: have.filter((h) => h.id !== id) };
  };
}
