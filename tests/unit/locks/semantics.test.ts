import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../../src/lib/locks/compile.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import { replayTrace } from '../../../src/lib/locks/replay.ts';
import { abba, model, st, taskVsIrq, timerUnderLock } from './small-models.ts';

const moves = (r: ReturnType<typeof explore>) => r.trace.filter((t) => t.blocked === undefined);
const stuck = (r: ReturnType<typeof explore>) => r.trace.flatMap((t) => (t.blocked ? [t.blocked] : []));

describe('spinlocks', () => {
  it('finds the ABBA deadlock in two moves and says who waits for whom', () => {
    const r = explore(abba(true));
    expect(r.verdict).toBe('deadlock');
    expect(moves(r)).toHaveLength(2);
    expect(stuck(r).sort()).toEqual(['CPU0 spins on B held by CPU1', 'CPU1 spins on A held by CPU0']);
  });

  it('accepts the same order on both CPUs', () => {
    expect(explore(abba(false)).verdict).toBe('no-deadlock');
  });

  it('deadlocks when an interrupt on the same CPU takes a lock held with irqs enabled', () => {
    const r = explore(taskVsIrq('spin_lock'));
    expect(r.verdict).toBe('deadlock');
    expect(stuck(r)).toContain('CPU0 hardirq spins on A held by CPU0');
  });

  it('is safe when the task disables interrupts (irqsave or irq)', () => {
    expect(explore(taskVsIrq('spin_lock_irqsave')).verdict).toBe('no-deadlock');
    expect(explore(taskVsIrq('spin_lock_irq')).verdict).toBe('no-deadlock');
  });

  it('keeps a spinning CPU open to interrupts only when its irqs are on', () => {
    // CPU1 spins on A with irqs off (irqsave), so the irq can only land on CPU0 (which holds A, irqs off too).
    const s = model({
      tasks: [
        {
          id: 't0',
          name: 'holder',
          cpu: 0,
          steps: [st('spin_lock_irqsave', 'a'), st('spin_unlock_irqrestore', 'a')],
        },
        {
          id: 't1',
          name: 'spinner',
          cpu: 1,
          steps: [st('spin_lock_irqsave', 'a'), st('spin_unlock_irqrestore', 'a')],
        },
      ],
      irqs: [
        {
          id: 'q',
          name: 'irq',
          cpus: [1],
          code: st('do').code,
          handler: [st('spin_lock', 'b'), st('spin_unlock', 'b')],
        },
      ],
    });
    expect(explore(s, { exhaustive: true }).verdict).toBe('no-deadlock');
  });
});

describe('timers', () => {
  it('del_timer_sync() under a lock the timer function takes deadlocks', () => {
    const r = explore(timerUnderLock(true));
    expect(r.verdict).toBe('deadlock');
    expect(stuck(r)).toContain('CPU0 waits in del_timer_sync() for the tm function running on CPU1');
    expect(stuck(r)).toContain('CPU1 softirq spins on A held by CPU0');
  });

  it('del_timer() does not wait, so the same code is safe', () => {
    expect(explore(timerUnderLock(false)).verdict).toBe('no-deadlock');
  });

  it('a timer cannot fire on a CPU whose softirqs are off (spin_lock_bh)', () => {
    const s = model({
      cpus: 1,
      timers: [
        {
          id: 'tm',
          name: 'tm',
          pending: true,
          code: st('do').code,
          fn: [st('spin_lock', 'a'), st('spin_unlock', 'a')],
        },
      ],
      tasks: [{ id: 't', name: 'task', cpu: 0, steps: [st('spin_lock_bh', 'a'), st('spin_unlock_bh', 'a')] }],
    });
    expect(explore(s).verdict).toBe('no-deadlock');
    const plain = model({
      ...s,
      tasks: [{ id: 't', name: 'task', cpu: 0, steps: [st('spin_lock', 'a'), st('spin_unlock', 'a')] }],
    });
    expect(explore(plain).verdict).toBe('deadlock');
  });
});

describe('mutexes and work queues', () => {
  it('ABBA on mutexes deadlocks even on one CPU, since sleepers let the other task run', () => {
    const m = (x: string, y: string) => [
      st('mutex_lock', x),
      st('mutex_lock', y),
      st('mutex_unlock', y),
      st('mutex_unlock', x),
    ];
    const s = model({
      cpus: 1,
      locks: [
        { id: 'a', name: 'A', kind: 'mutex' },
        { id: 'b', name: 'B', kind: 'mutex' },
      ],
      tasks: [
        { id: 't0', name: 'one', cpu: 0, steps: m('a', 'b') },
        { id: 't1', name: 'two', cpu: 0, steps: m('b', 'a') },
      ],
    });
    const r = explore(s);
    expect(r.verdict).toBe('deadlock');
    expect(stuck(r).sort()).toEqual(['CPU0 sleeps on A held by CPU0', 'CPU0 sleeps on B held by CPU0']);
  });

  it('flush_work() while holding a mutex the work takes deadlocks; after unlock it does not', () => {
    const make = (flushInside: boolean) =>
      model({
        locks: [{ id: 'a', name: 'A', kind: 'mutex' }],
        workqueues: [{ id: 'wq', name: 'events', cpu: 1 }],
        works: [
          {
            id: 'w',
            name: 'w',
            wq: 'wq',
            code: st('do').code,
            fn: [st('mutex_lock', 'a'), st('mutex_unlock', 'a')],
          },
        ],
        tasks: [
          {
            id: 't',
            name: 'task',
            cpu: 0,
            steps: flushInside
              ? [st('queue_work', 'w'), st('mutex_lock', 'a'), st('flush_work', 'w'), st('mutex_unlock', 'a')]
              : [
                  st('queue_work', 'w'),
                  st('mutex_lock', 'a'),
                  st('mutex_unlock', 'a'),
                  st('flush_work', 'w'),
                ],
          },
        ],
      });
    expect(explore(make(true)).verdict).toBe('deadlock');
    expect(explore(make(false)).verdict).toBe('no-deadlock');
  });
});

describe('allocation failure', () => {
  it('reports a path where GFP_ATOMIC fails and the rest of the handler is dropped', () => {
    const s = model({
      cpus: 1,
      irqs: [
        {
          id: 'q',
          name: 'irq',
          code: st('do').code,
          handler: [st('alloc_atomic', 'event'), st('do', 'enqueue')],
        },
      ],
      tasks: [{ id: 't', name: 'task', cpu: 0, steps: [st('do', 'idle')] }],
    });
    const r = explore(s);
    expect(r.verdict).toBe('no-deadlock');
    expect(r.lostWork?.map((t) => t.action)).toEqual([
      'interrupt: irq handler runs in hardirq',
      'alloc_atomic(event) fails: the rest is dropped',
    ]);
  });
});

describe('budget and errors', () => {
  it('returns incomplete when the state budget is hit before a verdict', () => {
    const r = explore(timerUnderLock(false), { maxStates: 3 });
    expect(r.verdict).toBe('incomplete');
    expect(r.limit).toMatch(/state budget/);
  });

  it('returns incomplete when the time budget is spent', () => {
    const r = explore(timerUnderLock(false), { maxMs: -1 });
    expect(r.verdict).toBe('incomplete');
    expect(r.limit).toMatch(/time budget/);
  });

  it('rejects unknown ids and sleeping in interrupt context, listing every problem', () => {
    const bad = model({
      irqs: [{ id: 'q', name: 'irq', code: st('do').code, handler: [st('mutex_lock', 'a')] }],
      tasks: [{ id: 't', name: 'task', cpu: 5, steps: [st('spin_lock', 'nope')] }],
    });
    expect(() => compileScenario(bad)).toThrow(
      /CPU 5 out of range[\s\S]*unknown lock nope[\s\S]*cannot sleep in interrupt/,
    );
  });

  it('replay rejects a move that is not enabled', () => {
    const r = explore(abba(true));
    const first = r.trace[0];
    if (!first?.move) throw new Error('trace has no moves');
    const forged = [{ ...first, move: { ...first.move, ctx: 1, cpu: 0 } }];
    expect(replayTrace(abba(true), forged).ok).toBe(false);
  });
});
