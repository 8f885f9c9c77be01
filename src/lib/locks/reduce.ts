// State-space reductions for explore(): which of a state's moves to expand, and which representative
// of a class of equivalent states to store. Without reductions every move is expanded and every state
// is its own representative (the counts then equal SPIN's without reductions).

import type { Compiled } from './compile.ts';

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

/** The reducer for a budget's `reduce` option. */
export function reducer(_c: Compiled, opts: { por?: boolean; symmetry?: boolean } | undefined): Reducer {
  if (!opts || (!opts.por && !opts.symmetry)) return NONE;
  return NONE;
}
