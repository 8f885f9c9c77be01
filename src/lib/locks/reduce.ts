// State-space reductions for explore(): which of a state's moves to expand, and which representative
// of a class of equivalent states to store. Without reductions every move is expanded and every state
// is its own representative (the counts then equal SPIN's without reductions).
//
// Both reductions work on independent components (components.ts): contexts sharing no CPU and no object.
// - Partial-order reduction: the enabled moves of one component form a persistent set (no move of
//   another component can enable, disable or change them), so expanding only the first component that
//   can move keeps every terminal state, hence every deadlock.
// - Symmetry: components whose local state spaces are identical (the same transition structure, move
//   for move, explored once per component on its own) are interchangeable. A state is stored as the
//   representative whose members of each class hold their local states in ascending order.
// Both may drop cycles from the graph, so they are not used when the model can cycle (livelock search
// needs the whole graph): the verdict never depends on the reduction.

import type { Compiled } from './compile.ts';
import { type Components, components } from './components.ts';
import { mayCycle } from './livelock.ts';
import { applyPacked, genMoves, unfinished } from './semantics.ts';
import { initialState } from './state.ts';

/** What explore() asks of a reduction. */
export interface Reducer {
  /** Names of the reductions in use (empty: none). */
  names: string[];
  /** Stored states are representatives of symmetric classes (traces are rebuilt concretely). */
  symmetric: boolean;
  /** The reduction may hide cycles (no livelock analysis then). */
  reducesCycles: boolean;
  /** The representative to store for `s` (may return `s` itself). */
  canon(s: Int32Array): Int32Array;
  /** Reorders `moves[0..n)` so the ones to expand come first; returns how many to expand. */
  select(s: Int32Array, moves: number[], n: number): number;
}

const NONE: Reducer = {
  names: [],
  symmetric: false,
  reducesCycles: false,
  canon: (s) => s,
  select: (_s, _m, n) => n,
};

/** Local states per component above which symmetry is not attempted. */
const MAX_LOCAL = 200_000;

/** The reducer for a budget's `reduce` option. */
export function reducer(c: Compiled, opts: { por?: boolean; symmetry?: boolean } | undefined): Reducer {
  if (!opts || (!opts.por && !opts.symmetry)) return NONE;
  if (mayCycle(c)) return NONE;
  const comp = components(c);
  if (comp.contexts.length <= 1) return NONE;
  const names: string[] = [];
  let canon = NONE.canon;
  let groups: Local[][] = [];
  if (opts.symmetry) {
    groups = symmetryGroups(c, comp);
    if (groups.length > 0) {
      names.push('symmetry');
      canon = canonFor(groups);
    }
  }
  let select = NONE.select;
  if (opts.por) {
    names.unshift('por');
    select = porSelect(comp, groups);
  }
  if (names.length === 0) return NONE;
  return { names, symmetric: canon !== NONE.canon, reducesCycles: true, canon, select };
}

/**
 * Persistent sets: the moves of one component. Any choice is sound; to keep symmetric representatives
 * from taking turns (which would interleave them again), a member of a symmetry class that is furthest
 * along (longest path from its start) goes first, else the lowest-numbered component.
 */
function porSelect(comp: Components, groups: readonly Local[][]): Reducer['select'] {
  const of = comp.of;
  const member = new Map<number, Local>();
  for (const ls of groups) for (const l of ls) member.set(l.g, l);
  return (s, moves, n) => {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const g = of[((moves[k] as number) >>> 2) & 1023] as number;
      if (g === best) continue;
      const l = member.get(g);
      const id = l ? l.ids.get(keyOf(s, l.slots)) : undefined;
      // Furthest-along class member first; otherwise lower component numbers first.
      const score = l && id !== undefined ? 1e9 + (l.height[id] ?? 0) * 1e4 - g : -g;
      if (score > bestScore) {
        bestScore = score;
        best = g;
      }
    }
    let m = 0;
    for (let k = 0; k < n; k++) {
      const p = moves[k] as number;
      if (of[(p >>> 2) & 1023] === best) {
        moves[k] = moves[m] as number;
        moves[m++] = p;
      }
    }
    return m;
  };
}

/** One component's local state space: projections by id and the structure that identifies it. */
interface Local {
  g: number;
  slots: number[];
  ids: Map<string, number>;
  proj: Int32Array[];
  signature: string;
  /** Longest path from the start to each local state (the local graph has no cycle). */
  height: number[];
}

const keyOf = (s: ArrayLike<number>, slots: readonly number[]): string => {
  let k = '';
  for (const i of slots) k += `${s[i]},`;
  return k;
};

/** Explores one component on its own from the start; undefined when it is too large. */
function localSpace(c: Compiled, comp: Components, g: number): Local | undefined {
  const slots = comp.slots[g] ?? [];
  const rank = (list: readonly number[], v: number): number => list.indexOf(v);
  const ctxs = comp.contexts[g] ?? [];
  const cpus = comp.cpus[g] ?? [];
  const works = comp.works[g] ?? [];
  const states: Int32Array[] = [initialState(c)];
  const ids = new Map<string, number>([[keyOf(states[0] as Int32Array, slots), 0]]);
  const sig: string[] = [];
  const succ: number[][] = [];
  const moves: number[] = [];
  for (let i = 0; i < states.length; i++) {
    if (states.length > MAX_LOCAL) return undefined;
    const s = states[i] as Int32Array;
    const n = genMoves(c, s, moves);
    const edges: string[] = [];
    const out: number[] = [];
    succ.push(out);
    for (let k = 0; k < n; k++) {
      const p = moves[k] as number;
      const ctx = (p >>> 2) & 1023;
      if (comp.of[ctx] !== g) continue;
      const t = Int32Array.from(s);
      applyPacked(c, t, p);
      const key = keyOf(t, slots);
      let id = ids.get(key);
      if (id === undefined) {
        id = states.length;
        ids.set(key, id);
        states.push(t);
      }
      out.push(id);
      const arg = (p >>> 18) - 1;
      edges.push(
        `${p & 3}.${rank(ctxs, ctx)}.${rank(cpus, (p >>> 12) & 63)}.${arg < 0 ? -1 : rank(works, arg)}>${id}`,
      );
    }
    // Part of the structure: whether one of the component's contexts is unfinished here.
    sig.push(`${edges.join(' ')}|${anyUnfinishedIn(c, s, ctxs) ? 1 : 0}`);
  }
  const height = heights(succ);
  if (!height) return undefined;
  return {
    g,
    slots,
    ids,
    proj: states.map((s) => Int32Array.from(slots, (i) => s[i] as number)),
    signature: sig.join(';'),
    height,
  };
}

/** Longest-path heights from state 0 in a graph without cycles; undefined when it has one. */
function heights(succ: readonly number[][]): number[] | undefined {
  const n = succ.length;
  const indeg = new Array<number>(n).fill(0);
  for (const out of succ) for (const t of out) indeg[t] = (indeg[t] ?? 0) + 1;
  const h = new Array<number>(n).fill(0);
  const queue = [0];
  let seen = 0;
  while (queue.length > 0) {
    const v = queue.pop() as number;
    seen++;
    for (const t of succ[v] ?? []) {
      h[t] = Math.max(h[t] ?? 0, (h[v] ?? 0) + 1);
      indeg[t] = (indeg[t] ?? 0) - 1;
      if (indeg[t] === 0) queue.push(t);
    }
  }
  return seen === n ? h : undefined;
}

function anyUnfinishedIn(c: Compiled, s: Int32Array, ctxs: readonly number[]): boolean {
  return ctxs.some((x) => {
    const cx = c.contexts[x];
    return cx !== undefined && unfinished(c, s, cx);
  });
}

/** Classes of interchangeable components (two or more members each). */
function symmetryGroups(c: Compiled, comp: Components): Local[][] {
  const locals: (Local | undefined)[] = comp.contexts.map((_x, g) => localSpace(c, comp, g));
  const classes = new Map<string, number[]>();
  for (const [g, l] of locals.entries()) {
    if (!l) continue;
    const key = `${l.slots.length}#${l.signature}`;
    classes.set(key, [...(classes.get(key) ?? []), g]);
  }
  return [...classes.values()].filter((m) => m.length > 1).map((m) => m.map((g) => locals[g] as Local));
}

/** The representative: each class's members hold their local states in ascending order. */
function canonFor(groups: readonly Local[][]): Reducer['canon'] {
  return (s) => {
    let out: Int32Array | undefined;
    for (const members of groups) {
      const ids: number[] = [];
      for (const l of members) {
        const id = l.ids.get(keyOf(s, l.slots));
        if (id === undefined) return s;
        ids.push(id);
      }
      const sorted = [...ids].sort((a, b) => a - b);
      if (sorted.every((v, k) => v === ids[k])) continue;
      out ??= Int32Array.from(s);
      for (const [k, l] of members.entries()) {
        const p = l.proj[sorted[k] as number] as Int32Array;
        for (const [j, slot] of l.slots.entries()) out[slot] = p[j] as number;
      }
    }
    return out ?? s;
  };
}
