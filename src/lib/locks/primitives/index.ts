// The primitive registry: every family of kernel primitives the model knows, and the tables built from
// them. `Op` (the step ops a scenario may use), the editor's op list and the docs table all derive from
// here; adding a primitive is adding a family file and listing it below (docs/model-checker.md shows how).

import { code } from './code.ts';
import { completion } from './completion.ts';
import { data } from './data.ts';
import { irq } from './irq.ts';
import { irqflags } from './irqflags.ts';
import { mutex } from './mutex.ts';
import { rcu } from './rcu.ts';
import { refcount } from './refcount.ts';
import { rwlock } from './rwlock.ts';
import { rwsem } from './rwsem.ts';
import { spinlock } from './spinlock.ts';
import { timer } from './timer.ts';
import type { Family, MicroSpec, OpSpec } from './types.ts';
import { workqueue } from './workqueue.ts';

const LIST = [
  spinlock,
  rwlock,
  mutex,
  rwsem,
  irqflags,
  timer,
  workqueue,
  irq,
  completion,
  rcu,
  data,
  refcount,
  code,
] as const;

/** Every family, in a fixed order (state layout and docs follow it). */
export const FAMILIES: readonly Family[] = LIST;

/** The ops a scenario step may use: the union of every family's ops. */
export type Op =
  | keyof typeof spinlock.ops
  | keyof typeof rwlock.ops
  | keyof typeof mutex.ops
  | keyof typeof rwsem.ops
  | keyof typeof irqflags.ops
  | keyof typeof timer.ops
  | keyof typeof workqueue.ops
  | keyof typeof irq.ops
  | keyof typeof completion.ops
  | keyof typeof rcu.ops
  | keyof typeof data.ops
  | keyof typeof refcount.ops
  | keyof typeof code.ops;

function merge<T>(
  pick: (f: Family) => Readonly<Record<string, T>>,
  what: string,
): Readonly<Record<string, T>> {
  const out: Record<string, T> = {};
  for (const f of LIST) {
    for (const [k, v] of Object.entries(pick(f))) {
      if (k in out) throw new Error(`primitive registry: ${what} ${k} defined twice (${f.name})`);
      out[k] = v;
    }
  }
  return out;
}

/** Op name → spec. */
export const OPS: Readonly<Record<Op, OpSpec>> = merge((f) => f.ops, 'op') as Readonly<Record<Op, OpSpec>>;
/** Micro-op kind → spec. */
export const MICROS: Readonly<Record<string, MicroSpec>> = merge((f) => f.micros, 'micro-op');

/** The family an op belongs to. */
export function familyOf(op: string): Family | undefined {
  return LIST.find((f) => op in f.ops);
}

/** Every op name, in registry order. */
export const OP_NAMES: readonly Op[] = Object.keys(OPS) as Op[];
