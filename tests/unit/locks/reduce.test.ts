// Partial-order and symmetry reduction never change a verdict: random models built from independent
// groups (some sharing a lock, some copies of one another) are explored with and without reductions.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copies } from '../../../bench/explore-copies.ts';
import { compileScenario } from '../../../src/lib/locks/compile.ts';
import { components } from '../../../src/lib/locks/components.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import type { Scenario, Step } from '../../../src/lib/locks/model.ts';
import { replayTrace } from '../../../src/lib/locks/replay.ts';
import { applyPacked, genMoves } from '../../../src/lib/locks/semantics.ts';
import { initialState } from '../../../src/lib/locks/state.ts';
import { model, st } from './small-models.ts';

const PAIRS = {
  spin_lock: 'spin_unlock',
  spin_lock_irqsave: 'spin_unlock_irqrestore',
  mutex_lock: 'mutex_unlock',
} as const;
type LockOp = keyof typeof PAIRS;

/** A nested section over some of the given locks, released in reverse. */
const section = (locks: string[], mutexes: boolean): fc.Arbitrary<Step[]> =>
  fc
    .record({
      order: fc.shuffledSubarray(locks, { minLength: 1, maxLength: Math.min(2, locks.length) }),
      irqsave: fc.boolean(),
      complete: fc.boolean(),
    })
    .map(({ order, irqsave, complete }) => {
      const op: LockOp = mutexes ? 'mutex_lock' : irqsave ? 'spin_lock_irqsave' : 'spin_lock';
      const steps: Step[] = order.map((l) => st(op, l));
      if (complete) steps.push(st('complete', 'done'));
      for (const l of [...order].reverse()) steps.push(st(PAIRS[op], l));
      return steps;
    });

/** One group: two CPUs, two tasks, maybe an interrupt and a waiter on a completion. */
const group: fc.Arbitrary<Scenario> = fc
  .record({
    mutexes: fc.boolean(),
    t0: fc.constant(null),
    a: section(['a', 'b'], false),
    b: section(['a', 'b'], false),
    irq: fc.option(section(['a'], false), { nil: undefined }),
    wait: fc.boolean(),
  })
  .chain((r) =>
    fc.record({ a: section(['a', 'b'], r.mutexes), b: section(['a', 'b'], r.mutexes) }).map(({ a, b }) =>
      model({
        id: 'g',
        cpus: 2,
        locks: [
          { id: 'a', name: 'A', kind: r.mutexes ? 'mutex' : 'spinlock' },
          { id: 'b', name: 'B', kind: r.mutexes ? 'mutex' : 'spinlock' },
        ],
        completions: [{ id: 'done', name: 'done' }],
        tasks: [
          {
            id: 't0',
            name: 't0',
            cpu: 0,
            steps: r.wait ? [st('wait_for_completion_timeout', 'done'), ...a] : a,
          },
          { id: 't1', name: 't1', cpu: 1, steps: b },
        ],
        ...(r.irq && !r.mutexes
          ? { irqs: [{ id: 'q', name: 'q', handler: r.irq, code: { fn: 'q()', file: 'x.c' } }] }
          : {}),
      }),
    ),
  );

/** Random models: k copies of a group (interchangeable), or two different groups, maybe sharing a lock. */
const models: fc.Arbitrary<Scenario> = fc.oneof(
  fc.record({ g: group, k: fc.constant(2) }).map(({ g, k }) => copies(g, k)),
  fc.record({ g: group, h: group, share: fc.boolean() }).map(({ g, h, share }) => {
    const two = copies(g, 2);
    const other = copies(h, 2);
    // Second copy of the second group replaces the first group's second copy; `share` makes both
    // groups use one lock, which joins them into one component.
    const same = two.locks[0]?.kind === other.locks[2]?.kind;
    const tasks = [...two.tasks.slice(0, 2), ...other.tasks.slice(2)].map((t) =>
      share && same
        ? { ...t, steps: t.steps.map((s) => (s.target === 'a#1' ? { ...s, target: 'a#0' } : s)) }
        : t,
    );
    return {
      ...two,
      id: 'mixed',
      locks: [...two.locks.slice(0, 2), ...other.locks.slice(2)],
      tasks,
      irqs: [...(two.irqs ?? []).slice(0, 1), ...(other.irqs ?? []).filter((q) => q.id.endsWith('#1'))].map(
        (q) =>
          share && same
            ? { ...q, handler: q.handler.map((s) => (s.target === 'a#1' ? { ...s, target: 'a#0' } : s)) }
            : q,
      ),
    };
  }),
);

const verdictOf = (s: Scenario, reduce?: { por?: boolean; symmetry?: boolean }) =>
  explore(s, reduce ? { reduce } : {});

describe('reductions', () => {
  it('keep every verdict on random models (por, symmetry, both)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(models, (s) => {
        const full = verdictOf(s);
        for (const reduce of [{ por: true }, { symmetry: true }, { por: true, symmetry: true }]) {
          const r = verdictOf(s, reduce);
          expect(r.verdict).toBe(full.verdict);
          expect(r.states).toBeLessThanOrEqual(full.states);
          if (r.verdict === 'deadlock') expect(replayTrace(s, r.trace).deadlocked).toBe(true);
        }
      }),
      { numRuns: 40, seed: 1306 },
    );
  });

  it('a move changes only the slots of its own component (and the lost-work flag)', () => {
    fc.assert(
      fc.property(models, (s) => {
        const c = compileScenario(s);
        const comp = components(c);
        const own = comp.slots.map((sl) => new Set(sl));
        let frontier = [initialState(c)];
        const moves: number[] = [];
        for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
          const next: Int32Array[] = [];
          for (const st0 of frontier.slice(0, 40)) {
            const n = genMoves(c, st0, moves);
            for (let k = 0; k < n; k++) {
              const p = moves[k] as number;
              const t = Int32Array.from(st0);
              applyPacked(c, t, p);
              const g = comp.of[(p >>> 2) & 1023] as number;
              for (let i = 0; i < t.length; i++)
                if (t[i] !== st0[i] && i !== c.layout.lost) expect(own[g]?.has(i)).toBe(true);
              next.push(t);
            }
          }
          frontier = next;
        }
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('splits copies into components and shrinks three copies of a model', () => {
    const g = model({
      id: 'g',
      tasks: [
        {
          id: 't0',
          name: 't0',
          cpu: 0,
          steps: [st('spin_lock', 'a'), st('spin_lock', 'b'), st('spin_unlock', 'b'), st('spin_unlock', 'a')],
        },
        {
          id: 't1',
          name: 't1',
          cpu: 1,
          steps: [st('spin_lock', 'a'), st('spin_lock', 'b'), st('spin_unlock', 'b'), st('spin_unlock', 'a')],
        },
      ],
    });
    const s = copies(g, 3);
    expect(components(compileScenario(s)).contexts).toHaveLength(3);
    const full = explore(s);
    const one = explore(g);
    expect(full.states).toBe(one.states ** 3);
    const por = explore(s, { reduce: { por: true } });
    expect(por.reduced).toEqual(['por']);
    expect(por.states).toBeLessThan(4 * one.states);
    const sym = explore(s, { reduce: { symmetry: true } });
    expect(sym.reduced).toEqual(['symmetry']);
    expect(sym.states).toBeLessThan(full.states / 4);
  });
});

describe('the simulation worker', () => {
  it('answers three independent copies of fix-canceling within the edited-model budget', async () => {
    const { exploreToOutcome } = await import('../../../src/islands/sim/worker-core.ts');
    const { default: seed } = await import(
      '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-canceling.ts'
    );
    // The editor's budget (ls-sim.ts EDITED): unreduced, 1.6e10 states would end `incomplete`.
    const out = exploreToOutcome(copies(seed, 3), { maxStates: 500_000, maxMs: 3_000 });
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.result.verdict).toBe('no-deadlock');
  });
});
