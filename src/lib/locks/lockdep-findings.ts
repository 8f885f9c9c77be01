// The checks behind each lockdep report: inconsistent irq usage, irq-safe → irq-unsafe chains
// (kernel/lockdep.c check_usage) and circular dependencies, over the classes and edges the validator read.

import { type ClassId, edgeId } from './describe.ts';
import type { DepEdge, Finding, LockClass } from './validator.ts';

/** Classes both taken in an interrupt and held with that interrupt enabled. */
export function inconsistent(classes: LockClass[]): Finding[] {
  const out: Finding[] = [];
  for (const k of classes) {
    for (const irq of ['hardirq', 'softirq'] as const) {
      const safe = irq === 'hardirq' ? k.hardirqSafe : k.softirqSafe;
      const unsafe = irq === 'hardirq' ? k.hardirqUnsafe : k.softirqUnsafe;
      if (!safe || !unsafe) continue;
      const up = irq.toUpperCase();
      out.push({
        kind: 'inconsistent',
        title: `inconsistent {IN-${up}-W} -> {${up}-ON-W} usage`,
        chain: [k.id],
        irq,
        edges: [],
        lines: [
          `${k.name} taken in ${irq} at ${safe.code.fn} (${safe.context})`,
          `${k.name} held with ${irq}s enabled at ${unsafe.code.fn} (${unsafe.context})`,
        ],
      });
    }
  }
  return out;
}

/** Records the edge that closes an inversion: an interrupt where the unsafe class is held takes the safe one. */
export function addIrqEdge(
  classes: Map<ClassId, LockClass>,
  edges: Map<string, DepEdge>,
  f: Finding,
  irq: 'hardirq' | 'softirq',
): void {
  const from = f.chain[f.chain.length - 1] ?? '';
  const to = f.chain[0] ?? '';
  const k = classes.get(to);
  const site = irq === 'hardirq' ? k?.hardirqSafe : k?.softirqSafe;
  const id = edgeId(from, to, true);
  if (site && !edges.has(id)) edges.set(id, { id, from, to, irq: true, site });
}

/** Shortest chains from an irq-safe class to an irq-unsafe one (lockdep's irq lock inversion). */
export function inversions(
  classes: Map<ClassId, LockClass>,
  edges: Map<string, DepEdge>,
  irq: 'hardirq' | 'softirq',
): Finding[] {
  const isSafe = (k: LockClass): boolean => (irq === 'hardirq' ? !!k.hardirqSafe : !!k.softirqSafe);
  const isUnsafe = (k: LockClass): boolean => (irq === 'hardirq' ? !!k.hardirqUnsafe : !!k.softirqUnsafe);
  const out: Finding[] = [];
  for (const start of classes.values()) {
    if (!isSafe(start)) continue;
    const prev = new Map<ClassId, ClassId>();
    const queue: ClassId[] = [start.id];
    const seen = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i] ?? '';
      const k = classes.get(at);
      if (k && at !== start.id && isUnsafe(k)) {
        const chain = [at];
        for (let p = prev.get(at); p !== undefined; p = prev.get(p)) chain.unshift(p);
        out.push(inversionFinding(classes, chain, irq));
        break;
      }
      for (const e of edges.values()) {
        if (e.from === at && !e.irq && !seen.has(e.to)) {
          seen.add(e.to);
          prev.set(e.to, at);
          queue.push(e.to);
        }
      }
    }
  }
  return out;
}

function inversionFinding(
  classes: Map<ClassId, LockClass>,
  chain: ClassId[],
  irq: 'hardirq' | 'softirq',
): Finding {
  const name = (id: ClassId): string => classes.get(id)?.name ?? id;
  const first = chain[0] ?? '';
  const last = chain[chain.length - 1] ?? '';
  const safe = classes.get(first);
  const unsafe = classes.get(last);
  const up = irq.toUpperCase();
  const safeSite = irq === 'hardirq' ? safe?.hardirqSafe : safe?.softirqSafe;
  const unsafeSite = irq === 'hardirq' ? unsafe?.hardirqUnsafe : unsafe?.softirqUnsafe;
  const hops = chain.slice(1).map((to, i) => edgeId(chain[i] ?? '', to, false));
  return {
    kind: 'irq-inversion',
    title: 'possible irq lock inversion dependency detected',
    chain,
    irq,
    edges: [...hops, edgeId(last, first, true)],
    lines: [
      `${name(first)} is ${up}-safe: taken in ${irq} at ${safeSite?.code.fn} (${safeSite?.context})`,
      `${name(last)} is ${up}-unsafe: held with ${irq}s enabled at ${unsafeSite?.code.fn} (${unsafeSite?.context})`,
      'Chain exists of:',
      `  ${chain.map(name).join(' --> ')}`,
    ],
  };
}

/** Cycles among ordinary dependencies (lockdep's circular locking dependency), one per strongly connected set. */
export function circular(classes: Map<ClassId, LockClass>, edges: Map<string, DepEdge>): Finding[] {
  const out: Finding[] = [];
  const reported = new Set<ClassId>();
  for (const start of classes.keys()) {
    if (reported.has(start)) continue;
    const prev = new Map<ClassId, ClassId>();
    const queue: ClassId[] = [start];
    let cycle: ClassId[] | undefined;
    for (let i = 0; i < queue.length && !cycle; i++) {
      const at = queue[i] ?? '';
      for (const e of edges.values()) {
        if (e.from !== at || e.irq) continue;
        if (e.to === start) {
          cycle = [at];
          for (let p = prev.get(at); p !== undefined; p = prev.get(p)) cycle.unshift(p);
          break;
        }
        if (!prev.has(e.to) && e.to !== start) {
          prev.set(e.to, at);
          queue.push(e.to);
        }
      }
    }
    if (!cycle) continue;
    for (const k of cycle) reported.add(k);
    const name = (id: ClassId): string => classes.get(id)?.name ?? id;
    out.push({
      kind: 'circular',
      title: 'possible circular locking dependency detected',
      chain: cycle,
      edges: cycle.map((from, i) => edgeId(from, cycle[(i + 1) % cycle.length] ?? '', false)),
      lines: ['Chain exists of:', `  ${[...cycle, start].map(name).join(' --> ')}`],
    });
  }
  return out;
}
