import { describe, expect, it } from 'vitest';
import baseline from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import canceling from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-canceling.ts';
import eventQueue from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-event-queue.ts';
import nonfix from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/nonfix-cancel-sync.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';
import { abba, model, st, taskVsIrq } from './small-models.ts';

const kinds = (s: Parameters<typeof validateScenario>[0]) => validateScenario(s).findings.map((f) => f.kind);

describe('lockdep-style validator', () => {
  it('reports the seed inversion with the 3-class chain and the timer as a pseudo-lock', () => {
    const r = validateScenario(baseline);
    const f = r.findings.find((x) => x.kind === 'irq-inversion');
    expect(f?.title).toBe('possible irq lock inversion dependency detected');
    expect(f?.chain).toEqual(['cm', 'mad', 'timer:timed_work.timer']);
    expect(f?.lines).toContain('  cm_id_priv->lock --> mad_agent_priv->lock --> timed_work.timer');
    expect(f?.edges).toEqual(['cm->mad', 'mad->timer:timed_work.timer', 'timer:timed_work.timer~>cm']);
    const cm = r.classes.find((k) => k.id === 'cm');
    expect(cm?.hardirqSafe?.code.fn).toBe('cm_establish()');
    expect(r.classes.find((k) => k.id === 'timer:timed_work.timer')?.hardirqUnsafe).toBeDefined();
  });

  it('reports the inversion although the deadlock needs three CPUs lined up', () => {
    // The point of lockdep: the report does not depend on the interleaving being likely.
    expect(explore(baseline).trace.filter((t) => !t.blocked).length).toBeGreaterThan(5);
    expect(kinds(baseline)).toEqual(['irq-inversion']);
  });

  it('finds nothing once the wait moves out of the lock or the callback leaves hardirq', () => {
    expect(kinds(canceling)).toEqual([]);
    expect(kinds(eventQueue)).toEqual([]);
  });

  it('flags the _sync non-fix three ways: sleeping under a spinlock, the inversion and a cycle', () => {
    expect(kinds(nonfix).sort()).toEqual(['circular', 'irq-inversion', 'sleep-in-atomic']);
  });

  it('gives the seed locks the usage bits lockdep gives them (irqsave everywhere: no unsafe marks)', () => {
    const r = validateScenario(baseline);
    const usage = Object.fromEntries(r.classes.map((k) => [k.id, k.usage]));
    expect(usage).toEqual({
      cm: '{-...}',
      mad: '{....}',
      'timer:timed_work.timer': '{+.-.}',
      'work:timed_work': '{+.+.}',
      'wq:ib_mad': '{+.+.}',
    });
  });

  it('reports ABBA as a circular dependency and nothing for a consistent order', () => {
    const f = validateScenario(abba(true)).findings;
    expect(f.map((x) => x.kind)).toEqual(['circular']);
    expect(f[0]?.lines).toContain('  A --> B --> A');
    expect(kinds(abba(false))).toEqual([]);
  });

  it('reports inconsistent usage when a lock is taken in hardirq and held with irqs on', () => {
    expect(kinds(taskVsIrq('spin_lock'))).toEqual(['inconsistent']);
    expect(kinds(taskVsIrq('spin_lock_irqsave'))).toEqual([]);
  });

  it('marks softirq-unsafe only with hardirqs on: irqsave in a task plus spin_lock in a timer is correct code', () => {
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
      tasks: [
        {
          id: 't',
          name: 'task',
          cpu: 0,
          steps: [st('spin_lock_irqsave', 'a'), st('spin_unlock_irqrestore', 'a')],
        },
      ],
    });
    const r = validateScenario(s);
    expect(r.findings).toEqual([]);
    const a = r.classes.find((k) => k.id === 'a');
    expect(a?.softirqSafe).toBeDefined();
    expect(a?.softirqUnsafe).toBeUndefined();
    // The timer holds it with hardirqs on (hardirq-unsafe); nobody holds it with softirqs on.
    expect(a?.hardirqUnsafe?.context).toBe('softirq tm fn');
    expect(a?.usage).toBe('{+.-.}');
    expect(explore(s, { exhaustive: true }).verdict).toBe('no-deadlock');
  });

  it('reports possible recursive locking for spin_lock(A); spin_lock(A), and the explorer finds the self-deadlock', () => {
    const s = model({
      cpus: 1,
      tasks: [{ id: 't', name: 'task', cpu: 0, steps: [st('spin_lock', 'a'), st('spin_lock', 'a')] }],
    });
    const f = validateScenario(s).findings;
    expect(f.map((x) => [x.kind, x.title])).toEqual([['recursive', 'possible recursive locking detected']]);
    expect(explore(s).trace.at(-1)?.blocked).toBe('CPU0 spins on A, which it already holds');
  });

  it('treats locks with the same name as instances of one class, and a subclass as another class', () => {
    const s = model({
      locks: [
        { id: 'x1', name: 'X', kind: 'spinlock' },
        { id: 'x2', name: 'X', kind: 'spinlock' },
      ],
      tasks: [
        {
          id: 't',
          name: 'task',
          cpu: 0,
          steps: [
            st('spin_lock', 'x1'),
            st('spin_lock', 'x2'),
            st('spin_unlock', 'x2'),
            st('spin_unlock', 'x1'),
          ],
        },
      ],
    });
    const r = validateScenario(s);
    expect(r.classes.filter((k) => k.kind === 'spinlock').map((k) => [k.name, k.instances])).toEqual([
      ['X', ['x1', 'x2']],
    ]);
    expect(r.findings.map((x) => x.kind)).toEqual(['recursive']);
    const nested = model({
      ...s,
      tasks: [
        {
          id: 't',
          name: 'task',
          cpu: 0,
          steps: [
            st('spin_lock', 'x1'),
            { ...st('spin_lock_nested', 'x2'), subclass: 1 },
            st('spin_unlock', 'x2'),
            st('spin_unlock', 'x1'),
          ],
        },
      ],
    });
    const rn = validateScenario(nested);
    expect(rn.findings).toEqual([]);
    expect(rn.classes.map((k) => k.name)).toContain('X/1');
  });

  it('reports a finding once, with every site that exercises it', () => {
    const s = model({
      cpus: 3,
      tasks: [
        {
          id: 't0',
          name: 'first',
          cpu: 0,
          steps: [st('spin_lock', 'a'), st('spin_lock', 'b'), st('spin_unlock', 'b'), st('spin_unlock', 'a')],
        },
        {
          id: 't1',
          name: 'second',
          cpu: 1,
          steps: [st('spin_lock', 'b'), st('spin_lock', 'a'), st('spin_unlock', 'a'), st('spin_unlock', 'b')],
        },
        {
          id: 't2',
          name: 'third',
          cpu: 2,
          steps: [st('spin_lock', 'b'), st('spin_lock', 'a'), st('spin_unlock', 'a'), st('spin_unlock', 'b')],
        },
      ],
    });
    const f = validateScenario(s).findings;
    expect(f).toHaveLength(1);
    expect(f[0]?.sites.map((x) => x.context)).toEqual(['second', 'third']);
  });

  it('names the workqueue pseudo-locks as lockdep prints them (4.15 and later)', () => {
    const s = model({
      kernel: '6.1',
      locks: [{ id: 'm', name: '&id_priv->handler_mutex', kind: 'mutex' }],
      workqueues: [{ id: 'ev', name: 'events', cpu: 1 }],
      works: [
        {
          id: 'rel',
          name: '&queue->release_work',
          wq: 'ev',
          code: st('do').code,
          fn: [st('mutex_lock', 'm'), st('mutex_unlock', 'm')],
        },
      ],
      tasks: [
        {
          id: 't',
          name: 'task',
          cpu: 0,
          steps: [st('mutex_lock', 'm'), st('flush_workqueue', 'ev'), st('mutex_unlock', 'm')],
        },
      ],
    });
    const r = validateScenario(s);
    const names = r.classes.map((k) => k.name);
    expect(names).toContain('(wq_completion)events');
    expect(names).toContain('(work_completion)(&queue->release_work)');
    const circ = r.findings.find((f) => f.kind === 'circular');
    expect(circ?.lines.at(-1)).toBe(
      '  &id_priv->handler_mutex --> (wq_completion)events --> (work_completion)(&queue->release_work) --> &id_priv->handler_mutex',
    );
  });

  it('marks a lock held when interrupts come back on as hardirq-unsafe', () => {
    const s = model({
      tasks: [
        {
          id: 't',
          name: 'task',
          cpu: 0,
          steps: [
            st('spin_lock_irq', 'a'),
            st('spin_lock', 'b'),
            st('spin_unlock_irq', 'a'),
            st('spin_unlock', 'b'),
          ],
        },
      ],
    });
    const classes = validateScenario(s).classes;
    expect(classes.find((k) => k.id === 'a')?.hardirqUnsafe).toBeUndefined();
    expect(classes.find((k) => k.id === 'b')?.hardirqUnsafe).toBeDefined();
  });
});
