// Breadth-first explicit-state exploration: exact fingerprints, a parent link recorded only at first
// discovery (so walking back never loops), and the first deadlock found is a shortest one.

import { type Compiled, type ContextKind, compileScenario, type Micro } from './compile.ts';
import { blockedReason, briefOf, contextLabel, describeMove, microEdges } from './describe.ts';
import type { CodeRef, Scenario, Verdict } from './model.ts';
import { applyMove, cpuOf, enabledMoves, lostWork, type Move, unfinished } from './semantics.ts';
import { fingerprint, initialState, type Layout, layoutOf, type State, unpack } from './state.ts';

/** Limits for one exploration; `incomplete` is returned when one is hit. */
export interface Budget {
  /** Stop after discovering this many states. */
  maxStates?: number;
  /** Stop after this many milliseconds of wall time. */
  maxMs?: number;
  /** Keep going after the first deadlock to count the whole state space (default: stop, like SPIN). */
  exhaustive?: boolean;
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
  /** Set on the closing entries of a deadlock trace: why this context cannot move. Not a move. */
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
  /** Shortest path to a deadlock followed by one `blocked` entry per stuck context; empty otherwise. */
  trace: TraceStep[];
  /** Shortest path to a state where an atomic allocation failed (work dropped), or null. */
  lostWork: TraceStep[] | null;
  /** Why exploration stopped early, for `incomplete`. */
  limit?: string;
}

/** Explores a scenario breadth-first within a budget. Pure apart from reading the clock. */
export function explore(scenario: Scenario, budget: Budget = {}): ExploreResult {
  const t0 = now();
  const c = compileScenario(scenario);
  const l = layoutOf(c);
  // States are kept only as fingerprints (half the memory of arrays) and unpacked when expanded.
  const keys: string[] = [fingerprint(initialState(c, l))];
  const parent: number[] = [-1];
  const via: (Move | null)[] = [null];
  const seen = new Map<string, number>([[keys[0] ?? '', 0]]);
  let transitions = 0;
  let deadlock = -1;
  let lost = -1;
  let limit: string | undefined;
  const maxStates = budget.maxStates ?? Number.POSITIVE_INFINITY;
  const maxMs = budget.maxMs ?? Number.POSITIVE_INFINITY;
  for (let head = 0; head < keys.length; head++) {
    if ((head & 255) === 0 && now() - t0 > maxMs) {
      limit = `time budget of ${maxMs} ms reached`;
      break;
    }
    const s = unpack(keys[head] ?? '');
    const moves = enabledMoves(c, l, s);
    if (moves.length === 0 && deadlock < 0 && c.contexts.some((x) => unfinished(l, s, x))) {
      deadlock = head;
      if (!budget.exhaustive) break;
    }
    for (const mv of moves) {
      transitions++;
      const n = applyMove(c, l, s, mv);
      const key = fingerprint(n);
      if (seen.has(key)) continue;
      seen.set(key, keys.length);
      keys.push(key);
      parent.push(head);
      via.push(mv);
      if (lost < 0 && lostWork(l, n)) lost = keys.length - 1;
    }
    if (keys.length > maxStates) {
      limit = `state budget of ${maxStates} reached`;
      break;
    }
  }
  const verdict: Verdict = deadlock >= 0 ? 'deadlock' : limit ? 'incomplete' : 'no-deadlock';
  const states: StateStore = { at: (i: number): State => unpack(keys[i] ?? '') };
  const trace =
    deadlock >= 0 ? closeTrace(c, l, states, pathTo(c, l, states, parent, via, deadlock), deadlock) : [];
  const result: ExploreResult = {
    id: scenario.id,
    thread: scenario.thread,
    title: scenario.title,
    verdict,
    states: keys.length,
    transitions,
    ms: now() - t0,
    trace,
    lostWork: lost >= 0 ? pathTo(c, l, states, parent, via, lost) : null,
  };
  if (limit && verdict === 'incomplete') result.limit = limit;
  return result;
}

function now(): number {
  return globalThis.performance.now();
}

/** Walks parent links back to the start and describes each move on the way. */
/** Random access to stored states by index. */
interface StateStore {
  at(i: number): State;
}

function pathTo(
  c: Compiled,
  l: Layout,
  states: StateStore,
  parent: number[],
  via: (Move | null)[],
  end: number,
): TraceStep[] {
  const chain: number[] = [];
  for (let i = end; i > 0; i = parent[i] ?? 0) chain.push(i);
  chain.reverse();
  return chain.map((i, k) => {
    const mv = via[i];
    const before = states.at(parent[i] ?? 0);
    const after = states.at(i);
    if (!mv || !before || !after) throw new Error('broken parent chain');
    return traceStep(c, l, before, after, mv, k + 1);
  });
}

/** Builds one trace step for a move from `before` to `after`. */
export function traceStep(
  c: Compiled,
  l: Layout,
  before: State,
  after: State,
  mv: Move,
  step: number,
): TraceStep {
  const x = c.contexts[mv.ctx];
  if (!x) throw new Error(`no context ${mv.ctx}`);
  const d = describeMove(c, l, before, mv, after);
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
  return t;
}

/** Appends one `blocked` entry per stuck context of the final state. */
function closeTrace(c: Compiled, l: Layout, states: StateStore, path: TraceStep[], end: number): TraceStep[] {
  const s = states.at(end);
  const out = [...path];
  for (const x of c.contexts) {
    const why = blockedReason(c, l, s, x);
    if (!why) continue;
    const step = out.length + 1;
    const m = waitingMicro(c, l, s, x.index);
    out.push({
      id: `s${step}`,
      step,
      cpu: cpuOf(l, s, x),
      context: contextLabel(x),
      contextId: x.id,
      contextKind: x.kind,
      action: m ? `${m.call}${m.part ? `: ${m.part}` : ''}` : 'cannot continue',
      brief: m ? briefOf(c, m) : 'stuck',
      code: m?.code ?? x.code ?? { fn: '', file: '' },
      at: m
        ? `${x.kind === 'worker' ? `work:${c.works[(s[l.ctxA + x.index] ?? 0) - 1]?.id}` : x.id}/${m.stepIndex}`
        : x.id,
      // The edges this context would add if it could go on: together, the cycle the deadlock closes.
      edges: m ? microEdges(c, l, s, x, cpuOf(l, s, x), m) : [],
      blocked: why,
    });
  }
  return out;
}

function waitingMicro(c: Compiled, l: Layout, s: State, ctx: number): Micro | undefined {
  const x = c.contexts[ctx];
  if (!x) return undefined;
  const pc = s[l.ctxPc + ctx] ?? 0;
  const body = x.kind === 'worker' ? (c.works[(s[l.ctxA + ctx] ?? 0) - 1]?.body ?? []) : x.body;
  return body[pc];
}
