// What the stepper shows at a position in a counterexample: one column per CPU with the moves made so
// far on it, the current move, and, once the last move is made, why each stuck context waits.

import type { SimStep } from './sim-data.ts';

/** One CPU column at a position. */
export interface CpuColumn {
  cpu: number;
  /** Moves made on this CPU so far, oldest first. */
  done: SimStep[];
  /** Stuck contexts on this CPU and why, shown only at the end of a deadlock trace. */
  blocked: string[];
}

/** Everything the stepper renders for one position. */
export interface StepView {
  /** Moves made (0 = none yet). */
  position: number;
  /** Number of moves in the trace (blocked entries are not moves). */
  moves: number;
  /** The move just made, if any. */
  current: SimStep | undefined;
  /** Entries to highlight: the current move, plus every stuck context's wait once the deadlock is reached. */
  highlighted: SimStep[];
  columns: CpuColumn[];
  /** One sentence describing the position. */
  status: string;
}

/** Moves of a trace, without the closing blocked entries. */
export function movesOf(trace: readonly SimStep[]): SimStep[] {
  return trace.filter((t) => t.blocked === undefined);
}

/** The stepper view after `position` moves (clamped to the trace). */
export function stepView(trace: readonly SimStep[], cpus: number, position: number): StepView {
  const moves = movesOf(trace);
  const n = Math.min(Math.max(0, Math.trunc(position) || 0), moves.length);
  const atEnd = n === moves.length;
  const count = Math.max(cpus, ...trace.map((t) => t.cpu + 1));
  const columns: CpuColumn[] = [];
  for (let cpu = 0; cpu < count; cpu++) {
    columns.push({
      cpu,
      done: moves.slice(0, n).filter((t) => t.cpu === cpu),
      blocked: atEnd ? trace.filter((t) => t.cpu === cpu && t.blocked !== undefined).map(blockedText) : [],
    });
  }
  const current = n > 0 ? moves[n - 1] : undefined;
  const highlighted = [
    ...(current ? [current] : []),
    ...(atEnd && n > 0 ? trace.filter((t) => t.blocked !== undefined) : []),
  ];
  return {
    position: n,
    moves: moves.length,
    current,
    highlighted,
    columns,
    status: statusText(trace, moves.length, n, current),
  };
}

function blockedText(t: SimStep): string {
  return `${t.context}: ${t.blocked ?? ''}`;
}

function statusText(
  trace: readonly SimStep[],
  moves: number,
  n: number,
  current: SimStep | undefined,
): string {
  if (moves === 0) return 'No counterexample to step through.';
  const stuck = trace.length > moves;
  if (n === 0) return `Start: nothing has run yet (${moves} steps to the ${stuck ? 'deadlock' : 'end'}).`;
  const head = `Step ${n} of ${moves}: CPU${current?.cpu} ${current?.context}: ${current?.action}.`;
  return n === moves && stuck ? `${head} Deadlock: no context can move.` : head;
}
