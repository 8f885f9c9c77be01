// Replays a trace move by move from the start, checking each move is legal where it is taken. Tests use
// it to check counterexamples; a step-by-step viewer can use the states it returns.

import { compileScenario } from './compile.ts';
import type { TraceStep } from './explore.ts';
import { traceStep } from './explore.ts';
import type { Scenario } from './model.ts';
import { anyUnfinished, applyMove, enabledMoves } from './semantics.ts';
import { initialState, type State } from './state.ts';

/** Outcome of a replay: the states visited, and the first problem found (if any). */
export interface Replay {
  ok: boolean;
  error?: string;
  /** State before step 1, then after each move. */
  states: State[];
  /** Whether the last state has no enabled move while some context is unfinished. */
  deadlocked: boolean;
}

/** Replays the moves of a trace (blocked entries are checked against the final state, not replayed). */
export function replayTrace(scenario: Scenario, trace: readonly TraceStep[]): Replay {
  const c = compileScenario(scenario);
  let s: State = initialState(c);
  const states: State[] = [s];
  const fail = (error: string): Replay => ({ ok: false, error, states, deadlocked: false });
  for (const t of trace) {
    if (t.blocked !== undefined) continue;
    const mv = t.move;
    if (!mv) return fail(`step ${t.step} has no move`);
    const legal = enabledMoves(c, undefined, s).some(
      (m) => m.kind === mv.kind && m.ctx === mv.ctx && m.cpu === mv.cpu && m.arg === mv.arg,
    );
    if (!legal) return fail(`step ${t.step} (${t.context}: ${t.action}) is not enabled`);
    const next = applyMove(c, undefined, s, mv);
    const again = traceStep(c, s, next, mv, t.step);
    if (again.action !== t.action || again.cpu !== t.cpu || again.contextId !== t.contextId) {
      return fail(`step ${t.step} does not say what the move does (${again.action})`);
    }
    s = next;
    states.push(s);
  }
  const deadlocked = enabledMoves(c, undefined, s).length === 0 && anyUnfinished(c, s);
  const blocked = trace.filter((t) => t.blocked !== undefined);
  const livelock = trace.some((t) => t.cycle);
  if (blocked.length > 0 && !deadlocked && !livelock)
    return fail('trace ends in blocked entries but the state can move');
  return { ok: true, states, deadlocked };
}
