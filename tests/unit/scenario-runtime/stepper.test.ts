import { describe, expect, it } from 'vitest';
import type { SimStep } from '../../../src/lib/scenario-runtime/sim-data.ts';
import { movesOf, stepView } from '../../../src/lib/scenario-runtime/stepper.ts';

const code = { fn: 'f()', file: 'a.c' };
const step = (n: number, cpu: number, action: string, extra: Partial<SimStep> = {}): SimStep => ({
  id: `s${n}`,
  step: n,
  cpu,
  context: `task${cpu}`,
  contextKind: 'task',
  action,
  code,
  edges: [],
  ...extra,
});

// Two CPUs take A and B in opposite orders (an ABBA deadlock), written out by hand.
const trace: SimStep[] = [
  step(1, 0, 'lock A'),
  step(2, 1, 'lock B'),
  step(3, 0, 'lock B', { blocked: 'CPU0 spins on B held by CPU1', edges: ['A->B'] }),
  step(4, 1, 'lock A', { blocked: 'CPU1 spins on A held by CPU0', edges: ['B->A'] }),
];

describe('stepView', () => {
  it('starts with empty columns, one per CPU', () => {
    const v = stepView(trace, 2, 0);
    expect(v.moves).toBe(2);
    expect(v.current).toBeUndefined();
    expect(v.columns.map((c) => [c.cpu, c.done.length, c.blocked.length])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
    expect(v.status).toBe('Start: nothing has run yet (2 steps to the deadlock).');
  });

  it('puts each move in its CPU column and marks the current one', () => {
    const v = stepView(trace, 2, 1);
    expect(v.current?.id).toBe('s1');
    expect(v.columns[0]?.done.map((t) => t.id)).toEqual(['s1']);
    expect(v.columns[1]?.done).toEqual([]);
    expect(v.highlighted.map((t) => t.id)).toEqual(['s1']);
    expect(v.status).toBe('Step 1 of 2: CPU0 task0: lock A.');
  });

  it('says why each context is stuck once the last move is made, and highlights the waits', () => {
    const v = stepView(trace, 2, 2);
    expect(v.columns[0]?.blocked).toEqual(['task0: CPU0 spins on B held by CPU1']);
    expect(v.columns[1]?.blocked).toEqual(['task1: CPU1 spins on A held by CPU0']);
    expect(v.highlighted.map((t) => t.id)).toEqual(['s2', 's3', 's4']);
    expect(v.status).toContain('Deadlock: no context can move.');
  });

  it('clamps positions outside the trace', () => {
    expect(stepView(trace, 2, 99).position).toBe(2);
    expect(stepView(trace, 2, -1).position).toBe(0);
  });

  it('adds columns for CPUs the trace uses beyond the declared count', () => {
    expect(stepView(trace, 1, 0).columns).toHaveLength(2);
  });

  it('has nothing to step through without a counterexample', () => {
    const v = stepView([], 3, 5);
    expect(v.moves).toBe(0);
    expect(v.status).toBe('No counterexample to step through.');
  });
});

describe('movesOf', () => {
  it('drops the closing blocked entries', () => {
    expect(movesOf(trace).map((t) => t.id)).toEqual(['s1', 's2']);
  });
});
