// The slice of an exploration a browser needs to step through a counterexample: sent from the build
// (a data attribute) or from the worker (a message). Plain JSON, no functions, no replay moves.

import type { ContextKind, ExploreResult, TraceStep, Verdict } from '../locks/index.ts';

/** One trace entry as the stepper shows it. */
export interface SimStep {
  id: string;
  step: number;
  cpu: number;
  context: string;
  contextKind: ContextKind;
  action: string;
  code: { fn: string; file: string };
  edges: string[];
  /** Why this context cannot move (closing entries of a deadlock trace only). */
  blocked?: string;
}

/** Verdict, counts and the trace of one exploration. */
export interface SimResult {
  id: string;
  verdict: Verdict;
  states: number;
  transitions: number;
  ms: number;
  cpus: number;
  trace: SimStep[];
  limit?: string;
  /** Length of the shortest trace to a failed atomic allocation, when one is reachable. */
  lostWorkSteps?: number;
}

/** A verdict in words, as the pages and the simulator print it. */
export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  deadlock: 'Deadlock',
  'no-deadlock': 'No deadlock',
  livelock: 'Livelock',
  incomplete: 'Incomplete',
};

/** Strips an ExploreResult down to what the stepper needs. */
export function toSimResult(r: ExploreResult, cpus: number): SimResult {
  const out: SimResult = {
    id: r.id,
    verdict: r.verdict,
    states: r.states,
    transitions: r.transitions,
    ms: Math.round(r.ms * 10) / 10,
    cpus,
    trace: r.trace.map(toSimStep),
  };
  if (r.limit) out.limit = r.limit;
  if (r.lostWork) out.lostWorkSteps = r.lostWork.length;
  return out;
}

function toSimStep(t: TraceStep): SimStep {
  const s: SimStep = {
    id: t.id,
    step: t.step,
    cpu: t.cpu,
    context: t.context,
    contextKind: t.contextKind,
    action: t.action,
    code: { fn: t.code.fn, file: t.code.file },
    edges: [...t.edges],
  };
  if (t.blocked !== undefined) s.blocked = t.blocked;
  return s;
}

/** `fn file` key that names a kernel code reference in the page (`data-code`). */
export function codeKey(code: { fn: string; file: string }): string {
  return `${code.fn} ${code.file}`;
}
