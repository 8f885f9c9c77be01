// A deliberately simple reference explorer for property tests: layer-by-layer breadth-first search
// with JSON keys and no parent links. It shares only the move rules with the real explorer.

import { compileScenario } from '../../../src/lib/locks/compile.ts';
import type { Scenario } from '../../../src/lib/locks/model.ts';
import { anyUnfinished, applyMove, enabledMoves } from '../../../src/lib/locks/semantics.ts';
import { initialState, type State } from '../../../src/lib/locks/state.ts';

/** What the reference explorer reports: state and transition counts, and the depth of the nearest deadlock. */
export interface NaiveResult {
  states: number;
  transitions: number;
  /** Number of moves to the nearest deadlock, -1 when none is reachable. */
  deadlockDepth: number;
}

/** Explores every reachable state. */
export function naiveExplore(s: Scenario): NaiveResult {
  const c = compileScenario(s);
  const start = initialState(c);
  const seen = new Set<string>([[...start].join(',')]);
  let frontier: State[] = [start];
  let transitions = 0;
  let deadlockDepth = -1;
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: State[] = [];
    for (const st of frontier) {
      const moves = enabledMoves(c, undefined, st);
      if (moves.length === 0 && deadlockDepth < 0 && anyUnfinished(c, st)) deadlockDepth = depth;
      for (const mv of moves) {
        transitions++;
        const n = applyMove(c, undefined, st, mv);
        const k = [...n].join(',');
        if (!seen.has(k)) {
          seen.add(k);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return { states: seen.size, transitions, deadlockDepth };
}
