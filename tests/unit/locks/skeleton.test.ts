import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/lib/locks/explore.ts';
import { scenarioFromChain } from '../../../src/lib/locks/skeleton.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';

const SEED_CHAIN = ['cm_id_priv->lock', 'mad_agent_priv->lock', 'timed_work.timer'];
const common = { thread: 't', answers: 'x@lockstep.invalid' };

describe('scenarioFromChain', () => {
  it('turns an irq-inversion chain into a model that deadlocks on as many CPUs as classes', () => {
    const s = scenarioFromChain({ ...common, classes: SEED_CHAIN, kind: 'irq-inversion' });
    const r = explore(s);
    expect(r.verdict).toBe('deadlock');
    expect(new Set(r.trace.map((t) => t.cpu)).size).toBe(3);
    const f = validateScenario(s).findings.find((x) => x.kind === 'irq-inversion');
    expect(f?.lines).toContain(`  ${SEED_CHAIN.join(' --> ')}`);
  });

  it('softirq inversions use a timer function to close the loop', () => {
    const s = scenarioFromChain({ ...common, classes: ['A', 'B'], kind: 'irq-inversion', irq: 'softirq' });
    expect(explore(s).verdict).toBe('deadlock');
    expect(validateScenario(s).findings.map((x) => x.irq)).toContain('softirq');
  });

  it('circular chains deadlock and are reported as circular', () => {
    const s = scenarioFromChain({ ...common, classes: ['A', 'B', 'C'], kind: 'circular' });
    expect(explore(s).verdict).toBe('deadlock');
    expect(validateScenario(s).findings.map((x) => x.kind)).toEqual(['circular']);
  });

  it('uses known code sites and marks the rest unknown', () => {
    const s = scenarioFromChain({
      ...common,
      classes: ['A', 'B'],
      kind: 'circular',
      sites: { A: { fn: 'take_a()', file: 'x.c' } },
    });
    expect(s.tasks[0]?.steps[0]?.code.fn).toBe('take_a()');
    expect(s.tasks[0]?.steps[1]?.code.fn).toBe('unknown()');
  });

  it('rejects a chain of one class', () => {
    expect(() => scenarioFromChain({ ...common, classes: ['A'], kind: 'circular' })).toThrow(/two classes/);
  });
});
