// Independent components of a compiled scenario: contexts that share no CPU and no object (lock, timer,
// work, queue, completion, variable, refcount, RCU) can never enable, disable or change each other's
// moves. Slot ownership comes from the layout's slot labels; a label we cannot attribute makes the whole
// scenario one component (no reduction), so an unknown family can only cost speed, never soundness.

import type { Compiled } from './compile.ts';
import type { Step } from './model.ts';
import { familyOf, OPS } from './primitives/index.ts';

/** The partition: component per context, and the slots each component owns. */
export interface Components {
  /** Component index per context index. */
  of: number[];
  /** Context indexes per component, ascending. */
  contexts: number[][];
  /** Slots per component, ascending (slots no component owns are constant or write-only, like `lost`). */
  slots: number[][];
  /** CPUs per component, ascending. */
  cpus: number[][];
  /** Work indexes per component, ascending. */
  works: number[][];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(k: string): string {
    let p = this.parent.get(k) ?? k;
    if (p === k) return k;
    p = this.find(p);
    this.parent.set(k, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

const TARGET_KEY: Record<string, string> = {
  lock: 'lock',
  timer: 'timer',
  work: 'work',
  wq: 'wq',
  completion: 'completion',
  var: 'var',
  refcount: 'refcount',
  'rcu-callback': 'rcu',
};

const SUFFIX =
  /\.(writer|readers|waitlock|readDepth|queue|pending|canceling|fifo|draining|done|fired|queued|gracePeriod)$/;

/** Owner key of a slot from its label, or undefined when the label is not understood. */
function ownerOf(c: Compiled, label: string): string | null | undefined {
  if (label === 'lost') return null; // written only (set to 1), never read by a move
  const ctx = /^ctx\.\w+(?:\[(\d+)\])?$/.exec(label);
  if (ctx) return c.contexts[Number(ctx[1] ?? 0)]?.id;
  const cpu = /^cpu\[(\d+)\]$/.exec(label);
  if (cpu) return `cpu:${Math.floor(Number(cpu[1]) / 4)}`;
  const obj = /^(lock|mutex|rwlock|rwsem|timer|work|wq|completion|var|irq|rcu|refcount) (.+)$/.exec(label);
  if (!obj) return undefined;
  const kind = obj[1] as string;
  const id = (obj[2] as string).replace(/\[\d+\]$/, '').replace(SUFFIX, '');
  return `${['mutex', 'rwlock', 'rwsem'].includes(kind) ? 'lock' : kind}:${id}`;
}

/** Splits a compiled scenario into independent components (one component when it cannot tell). */
export function components(c: Compiled): Components {
  const u = new UnionFind();
  const walk = (owner: string, steps: readonly Step[] | undefined): void => {
    for (const st of steps ?? []) {
      const spec = OPS[st.op];
      const key = spec ? TARGET_KEY[spec.target] : undefined;
      if (key && st.target !== undefined) u.union(owner, `${key}:${st.target}`);
      if (st.into) u.union(owner, `var:${st.into}`);
      if (st.cond) u.union(owner, `var:${st.cond.var}`);
      // synchronize_rcu() reads every reader's section: every RCU user is one component.
      if (familyOf(st.op)?.name === 'rcu') u.union(owner, 'rcu:*');
      walk(owner, st.steps);
      walk(owner, st.else);
    }
  };
  const s = c.scenario;
  for (const x of c.contexts) {
    if (x.cpu >= 0) u.union(x.id, `cpu:${x.cpu}`);
    for (const cpu of x.cpus) u.union(x.id, `cpu:${cpu}`);
    if (x.sourceKind === 'timer') u.union(x.id, `timer:${c.timers[x.source]?.id}`);
    if (x.sourceKind === 'irq') u.union(x.id, `irq:${c.irqs[x.source]?.id}`);
    if (x.sourceKind === 'rcu') u.union(x.id, `rcu:${c.rcuCallbacks[x.source]?.id}`);
    if (x.sourceKind === 'wq') u.union(x.id, `wq:${c.wqs[x.source]?.id}`);
  }
  for (const t of s.tasks) walk(`task:${t.id}`, t.steps);
  for (const t of s.timers ?? []) walk(`timer:${t.id}`, t.fn);
  for (const q of s.irqs ?? []) walk(`irq:${q.id}`, q.handler);
  for (const r of s.rcuCallbacks ?? []) walk(`rcu:${r.id}`, r.fn);
  for (const r of s.refcounts ?? []) walk(`refcount:${r.id}`, r.release);
  for (const w of c.works) {
    u.union(`work:${w.id}`, `wq:${c.wqs[w.wq]?.id}`);
    const tm = c.timers[w.timer ?? -1];
    if (tm) u.union(`work:${w.id}`, `timer:${tm.id}`);
  }
  for (const w of s.works ?? []) walk(`work:${w.id}`, w.fn);

  const one = (): Components => ({
    of: c.contexts.map(() => 0),
    contexts: [c.contexts.map((x) => x.index)],
    slots: [c.layout.labels.map((_l, i) => i)],
    cpus: [Array.from({ length: c.cpus }, (_v, i) => i)],
    works: [c.works.map((_w, i) => i)],
  });
  const rootIndex = new Map<string, number>();
  const of: number[] = [];
  for (const x of c.contexts) {
    const r = u.find(x.id);
    if (!rootIndex.has(r)) rootIndex.set(r, rootIndex.size);
    of.push(rootIndex.get(r) as number);
  }
  const n = rootIndex.size;
  if (n <= 1) return one();
  const slots: number[][] = Array.from({ length: n }, () => []);
  for (const [i, label] of c.layout.labels.entries()) {
    const owner = ownerOf(c, label);
    if (owner === undefined) return one();
    if (owner === null) continue;
    const k = rootIndex.get(u.find(owner));
    if (k !== undefined) slots[k]?.push(i);
  }
  const cpus: number[][] = Array.from({ length: n }, () => []);
  for (let cpu = 0; cpu < c.cpus; cpu++) {
    const k = rootIndex.get(u.find(`cpu:${cpu}`));
    if (k !== undefined) cpus[k]?.push(cpu);
  }
  const works: number[][] = Array.from({ length: n }, () => []);
  for (const [wi, w] of c.works.entries()) {
    const k = rootIndex.get(u.find(`work:${w.id}`));
    if (k !== undefined) works[k]?.push(wi);
  }
  const contexts: number[][] = Array.from({ length: n }, () => []);
  for (const x of c.contexts) contexts[of[x.index] as number]?.push(x.index);
  return { of, contexts, slots, cpus, works };
}
