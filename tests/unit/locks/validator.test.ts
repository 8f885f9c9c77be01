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
