// Livelock: a part of the state graph the model can enter but never leave (a terminal strongly connected
// component with a cycle), where some context never finishes. Everything in it keeps moving, nothing
// gets anywhere: a retry loop spinning against a holder that waits for the spinner, a work requeueing
// itself forever in front of a flush. Found with Tarjan's algorithm over the explored graph.

import type { Compiled, Micro } from './compile.ts';
import type { Reducer } from './reduce.ts';
import { anyUnfinished, applyPacked, genMoves } from './semantics.ts';
import type { StateStore } from './store.ts';

/** Whether the state graph can have cycles at all: a loop in some body, or works/timers that retrigger each other. */
export function mayCycle(c: Compiled): boolean {
  const bodies: Micro[][] = [...c.contexts.map((x) => x.body), ...c.works.map((w) => w.body)];
  for (const b of bodies) for (const [pc, m] of b.entries()) if (m.next <= pc || m.alt <= pc) return true;
  // Trigger graph: node per work ("w<i>"), timer ("t<i>") and RCU callback ("r<i>").
  const edges = new Map<string, string[]>();
  const from = (node: string, body: Micro[]) => {
    const out: string[] = [];
    for (const m of body) {
      if (m.kind === 'work_queue' || m.kind === 'dwork_flush_kick') out.push(`w${m.obj}`);
      if (m.kind === 'dwork_queue' || m.kind === 'dwork_mod') out.push(`t${c.works[m.obj]?.timer}`);
      if (m.kind === 'timer_arm') out.push(`t${m.obj}`);
      if (m.kind === 'call_rcu') out.push(`r${m.obj}`);
    }
    edges.set(node, out);
  };
  for (const [i, w] of c.works.entries()) from(`w${i}`, w.body);
  for (const [i, t] of c.timers.entries()) from(`t${i}`, c.contexts[t.ctx]?.body ?? []);
  for (const [i, r] of c.rcuCallbacks.entries()) from(`r${i}`, c.contexts[r.ctx]?.body ?? []);
  const state = new Map<string, number>();
  const visit = (n: string): boolean => {
    const st = state.get(n);
    if (st === 1) return true;
    if (st === 2) return false;
    state.set(n, 1);
    for (const m of edges.get(n) ?? []) if (visit(m)) return true;
    state.set(n, 2);
    return false;
  };
  for (const n of edges.keys()) if (visit(n)) return true;
  return false;
}

/** A livelock: the first state of a trapping component and a cycle of packed moves from it back to it. */
export interface Livelock {
  entry: number;
  cycle: number[];
}

/** Searches the explored graph (every state in `store`) for a livelock. */
export function findLivelock(c: Compiled, store: StateStore, red: Reducer): Livelock | undefined {
  const n = store.count;
  // Successors in compressed rows.
  const offsets = new Int32Array(n + 1);
  let targets = new Int32Array(Math.max(16, n * 2));
  let labels = new Int32Array(targets.length);
  let e = 0;
  const cur = new Int32Array(c.layout.size);
  const nxt = new Int32Array(c.layout.size);
  const moves: number[] = [];
  const unfinished = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = e;
    store.load(i, cur);
    if (anyUnfinished(c, cur)) unfinished[i] = 1;
    const k = red.select(cur, moves, genMoves(c, cur, moves));
    for (let j = 0; j < k; j++) {
      nxt.set(cur);
      applyPacked(c, nxt, moves[j] as number);
      const t = store.find(red.canon(nxt));
      if (t < 0) continue;
      if (e === targets.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        targets = grow(targets);
        labels = grow(labels);
      }
      targets[e] = t;
      labels[e] = moves[j] as number;
      e++;
    }
  }
  offsets[n] = e;
  // Iterative Tarjan.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const call: number[] = [];
  const edgeAt: number[] = [];
  let counter = 0;
  let comps = 0;
  const compStates: number[][] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    call.push(root);
    edgeAt.push(offsets[root] as number);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (call.length > 0) {
      const v = call[call.length - 1] as number;
      const at = edgeAt[edgeAt.length - 1] as number;
      if (at < (offsets[v + 1] as number)) {
        edgeAt[edgeAt.length - 1] = at + 1;
        const w = targets[at] as number;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          call.push(w);
          edgeAt.push(offsets[w] as number);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      call.pop();
      edgeAt.pop();
      const parent = call[call.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[v] as number);
      if (low[v] === index[v]) {
        const members: number[] = [];
        for (;;) {
          const w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = comps;
          members.push(w);
          if (w === v) break;
        }
        compStates.push(members);
        comps++;
      }
    }
  }
  // A trapping component: no edge leaves it, it has a cycle, and some context is unfinished in it.
  let best: { entry: number; members: number[] } | undefined;
  for (let k = 0; k < comps; k++) {
    const members = compStates[k] as number[];
    let leaves = false;
    let cyclic = members.length > 1;
    for (const v of members) {
      for (let a = offsets[v] as number; a < (offsets[v + 1] as number); a++) {
        const w = targets[a] as number;
        if (comp[w] !== k) leaves = true;
        if (w === v) cyclic = true;
      }
    }
    if (leaves || !cyclic || !members.some((v) => unfinished[v] === 1)) continue;
    const entry = Math.min(...members);
    if (!best || entry < best.entry) best = { entry, members };
  }
  if (!best) return undefined;
  // Shortest cycle from the entry back to it, inside the component.
  const inComp = new Set(best.members);
  const prev = new Map<number, [number, number]>();
  const queue = [best.entry];
  let closing: [number, number] | undefined;
  for (let qi = 0; qi < queue.length && !closing; qi++) {
    const v = queue[qi] as number;
    for (let a = offsets[v] as number; a < (offsets[v + 1] as number); a++) {
      const w = targets[a] as number;
      if (!inComp.has(w)) continue;
      if (w === best.entry) {
        closing = [v, labels[a] as number];
        break;
      }
      if (!prev.has(w)) {
        prev.set(w, [v, labels[a] as number]);
        queue.push(w);
      }
    }
  }
  if (!closing) return undefined;
  const cycle = [closing[1]];
  for (let v = closing[0]; v !== best.entry; ) {
    const p = prev.get(v);
    if (!p) break;
    cycle.unshift(p[1]);
    v = p[0];
  }
  return { entry: best.entry, cycle };
}
