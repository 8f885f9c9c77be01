// Breadth-first explicit-state exploration: exact states in a packed store, a parent link recorded only
// at first discovery (so walking back never loops), and the first deadlock found is a shortest one.
// When no deadlock is reachable and the model can go round in circles (loops, self-requeueing work),
// the state graph is searched for a livelock: a part it can enter but never leave, where a context
// never finishes.

import { type Compiled, type ContextKind, compileScenario } from './compile.ts';
import { blockedReason, briefOf, contextLabel, describeMove, microEdges, ownerOf } from './describe.ts';
import { findLivelock, mayCycle } from './livelock.ts';
import type { CodeRef, Scenario, Verdict } from './model.ts';
import type { TraceSpan } from './primitives/types.ts';
import { reducer } from './reduce.ts';
import {
  anyUnfinished,
  applyPacked,
  cpuOf,
  genMoves,
  lostWork,
  type Move,
  nextMicro,
  unpackMove,
} from './semantics.ts';
import { initialState, type State, slotWidth } from './state.ts';
import { StateStore } from './store.ts';

/** Limits for one exploration; `incomplete` is returned when one is hit. */
export interface Budget {
  /** Stop after discovering this many states. */
  maxStates?: number;
  /** Stop after this many milliseconds of wall time. */
  maxMs?: number;
  /** Stop when the state store would pass this many megabytes (default 2048). */
  maxMb?: number;
  /** Keep going after the first deadlock to count the whole state space (default: stop, like SPIN). */
  exhaustive?: boolean;
  /** Partial-order reduction (independent contexts are not interleaved) and symmetry reduction. */
  reduce?: { por?: boolean; symmetry?: boolean };
}

/** One step of a counterexample; `blocked` entries at the end say why each stuck context waits. */
export interface TraceStep {
  /** Stable within the trace: `s1`, `s2`, … Diagram elements refer to these. */
  id: string;
  /** 1-based position. */
  step: number;
  cpu: number;
  /** Display name of the context (`hardirq comm-established event`). */
  context: string;
  /** Stable context id (`task:cm`, `timer:timed_work.timer`, `irq:comm_est`). */
  contextId: string;
  contextKind: ContextKind;
  action: string;
  /** Terse lockdep-like form for narrow tables (`lock(cm_id_priv->lock)`). */
  brief: string;
  /** The kernel code this step stands for. */
  code: CodeRef;
  /** Program location (`task:cm/1`), stable across traces. */
  at: string;
  /** Lock-graph edge ids this step exercises (see describe.ts edgeId). */
  edges: string[];
  /** The interrupt, timer or work function returned with this step. */
  returns?: boolean;
  /** Part of the cycle a livelock repeats forever. */
  cycle?: boolean;
  /** A stretch of the trace this step opens or closes (an RCU grace period), boxed on the sequence diagram. */
  span?: TraceSpan;
  /** Set on the closing entries of a deadlock or livelock trace: why this context cannot finish. Not a move. */
  blocked?: string;
  /** The move itself, for replay (absent on blocked entries). */
  move?: Move;
}

/** Everything one exploration found. */
export interface ExploreResult {
  id: string;
  thread: string;
  title: string;
  verdict: Verdict;
  states: number;
  transitions: number;
  ms: number;
  /** Shortest path to a deadlock (or to a livelock and round its cycle), then one `blocked` entry per stuck context. */
  trace: TraceStep[];
  /** Shortest path to a state where an atomic allocation failed (work dropped), or null. */
  lostWork: TraceStep[] | null;
  /** Why exploration stopped early, for `incomplete`. */
  limit?: string;
  /** Reductions used (counts are then of the reduced space). */
  reduced?: string[];
}

const DEFAULT_MB = 2048;

/** Explores a scenario breadth-first within a budget. Pure apart from reading the clock. */
export function explore(scenario: Scenario, budget: Budget = {}): ExploreResult {
  return exploreCompiled(compileScenario(scenario), budget);
}

/** Explores an already compiled scenario. */
export function exploreCompiled(c: Compiled, budget: Budget = {}): ExploreResult {
  const t0 = now();
  const scenario = c.scenario;
  const size = c.layout.size;
  const red = reducer(c, budget.reduce);
  const store = new StateStore(size, slotWidth(c.layout));
  const init = initialState(c);
  store.add(red.canon(init), -1, 0);
  let transitions = 0;
  let deadlock = -1;
  let lost = -1;
  let limit: string | undefined;
  const maxStates = budget.maxStates ?? Number.POSITIVE_INFINITY;
  const maxMs = budget.maxMs ?? Number.POSITIVE_INFINITY;
  const maxBytes = (budget.maxMb ?? DEFAULT_MB) * 1024 * 1024;
  const cur = new Int32Array(size);
  const nxt = new Int32Array(size);
  const moves: number[] = [];
  for (let head = 0; head < store.count; head++) {
    if ((head & 255) === 0) {
      if (now() - t0 > maxMs) {
        limit = `time budget of ${maxMs} ms reached`;
        break;
      }
      if (store.bytesUsed > maxBytes) {
        limit = `memory budget of ${budget.maxMb ?? DEFAULT_MB} MB reached (${store.count} states stored)`;
        break;
      }
    }
    store.load(head, cur);
    const all = genMoves(c, cur, moves);
    if (all === 0 && deadlock < 0 && anyUnfinished(c, cur)) {
      deadlock = head;
      if (!budget.exhaustive) break;
    }
    const n = red.select(cur, moves, all);
    for (let k = 0; k < n; k++) {
      transitions++;
      nxt.set(cur);
      applyPacked(c, nxt, moves[k] as number);
      const idx = store.add(red.canon(nxt), head, moves[k] as number);
      if (idx >= 0 && lost < 0 && lostWork(c, nxt)) lost = idx;
    }
    if (store.count > maxStates) {
      limit = `state budget of ${maxStates} reached`;
      break;
    }
  }
  let verdict: Verdict = deadlock >= 0 ? 'deadlock' : limit ? 'incomplete' : 'no-deadlock';
  let trace: TraceStep[] = [];
  if (deadlock >= 0) trace = closeTrace(c, pathTo(c, store, red, deadlock));
  else if (!limit && !red.reducesCycles && mayCycle(c)) {
    const live = findLivelock(c, store, red);
    if (live) {
      verdict = 'livelock';
      const path = pathTo(c, store, red, live.entry);
      const start = path.length;
      const cyc = replayMoves(
        c,
        path.length > 0 ? endState(c, path) : initialState(c),
        live.cycle,
        start + 1,
      );
      for (const t of cyc) t.cycle = true;
      trace = closeTrace(c, [...path, ...cyc]);
    }
  }
  const result: ExploreResult = {
    id: scenario.id,
    thread: scenario.thread,
    title: scenario.title,
    verdict,
    states: store.count,
    transitions,
    ms: now() - t0,
    trace,
    lostWork: lost >= 0 ? pathTo(c, store, red, lost) : null,
  };
  if (limit && verdict === 'incomplete') result.limit = limit;
  if (red.names.length > 0) result.reduced = red.names;
  return result;
}

function now(): number {
  return globalThis.performance.now();
}

/** The state a trace ends in (replayed from the start). */
function endState(c: Compiled, path: readonly TraceStep[]): Int32Array {
  const s = initialState(c);
  for (const t of path) if (t.move) applyPacked(c, s, packedOf(t.move));
  return s;
}

function packedOf(mv: Move): number {
  const kinds = ['micro', 'alt', 'start', 'start_work'];
  return kinds.indexOf(mv.kind) | (mv.ctx << 2) | (mv.cpu << 12) | ((mv.arg + 1) << 18);
}

/**
 * Walks parent links back to the start. With symmetry reduction the stored states are representatives,
 * so the concrete trace is rebuilt forwards: at each step, the move whose result has the next
 * representative.
 */
function pathTo(c: Compiled, store: StateStore, red: ReturnType<typeof reducer>, end: number): TraceStep[] {
  const chain: number[] = [];
  for (let i = end; i > 0; i = store.parent(i)) chain.push(i);
  chain.reverse();
  const s = initialState(c);
  const rep = new Int32Array(c.layout.size);
  const out: TraceStep[] = [];
  const moves: number[] = [];
  for (const i of chain) {
    let mv = store.via(i);
    if (red.symmetric) {
      store.load(i, rep);
      const n = genMoves(c, s, moves);
      const probe = new Int32Array(c.layout.size);
      let found = -1;
      for (let k = 0; k < n; k++) {
        probe.set(s);
        applyPacked(c, probe, moves[k] as number);
        if (sameState(red.canon(probe), rep)) {
          found = moves[k] as number;
          break;
        }
      }
      if (found < 0) throw new Error('broken parent chain under symmetry reduction');
      mv = found;
    }
    const before = Int32Array.from(s);
    applyPacked(c, s, mv);
    out.push(traceStep(c, before, s, unpackMove(mv), out.length + 1));
  }
  return out;
}

function sameState(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Trace steps for packed moves applied from `start`, numbered from `first`. */
function replayMoves(c: Compiled, start: Int32Array, moves: readonly number[], first: number): TraceStep[] {
  const s = Int32Array.from(start);
  return moves.map((mv, k) => {
    const before = Int32Array.from(s);
    applyPacked(c, s, mv);
    return traceStep(c, before, s, unpackMove(mv), first + k);
  });
}

/** Builds one trace step for a move from `before` to `after`. */
export function traceStep(c: Compiled, before: State, after: State, mv: Move, step: number): TraceStep {
  const x = c.contexts[mv.ctx];
  if (!x) throw new Error(`no context ${mv.ctx}`);
  const d = describeMove(c, before, mv, after);
  const t: TraceStep = {
    id: `s${step}`,
    step,
    cpu: mv.cpu,
    context: contextLabel(x),
    contextId: x.id,
    contextKind: x.kind,
    action: d.action,
    brief: d.brief,
    code: d.code,
    at: d.at,
    edges: d.edges,
    move: mv,
  };
  if (d.returns) t.returns = true;
  if (d.span) t.span = d.span;
  return t;
}

/** Appends one `blocked` entry per stuck context of the state the path ends in. */
function closeTrace(c: Compiled, path: TraceStep[]): TraceStep[] {
  const s = endState(c, path);
  const out = [...path];
  for (const x of c.contexts) {
    const why = blockedReason(c, s, x);
    if (!why) continue;
    const step = out.length + 1;
    const m = nextMicro(c, s, x);
    const cpu = cpuOf(c, s, x);
    out.push({
      id: `s${step}`,
      step,
      cpu,
      context: contextLabel(x),
      contextId: x.id,
      contextKind: x.kind,
      action: m ? `${m.call}${m.part ? `: ${m.part}` : ''}` : 'cannot continue',
      brief: m ? briefOf(c, m) : 'stuck',
      code: m?.code ?? x.code ?? { fn: '', file: '' },
      at: m ? `${ownerOf(c, s, x)}/${m.at}` : x.id,
      // The edges this context would add if it could go on: together, the cycle the deadlock closes.
      edges: m ? microEdges(c, s, x, cpu, m) : [],
      blocked: why,
    });
  }
  return out;
}
