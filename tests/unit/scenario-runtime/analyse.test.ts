import { describe, expect, it } from 'vitest';
import baseline from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import { analyseScenario, mermaidByField } from '../../../src/lib/scenario-runtime/analyse.ts';

describe('analyseScenario', () => {
  it('finds the seed deadlock and ties every edge the trace waits on to a drawn edge', () => {
    const a = analyseScenario(baseline);
    expect(a.result.verdict).toBe('deadlock');
    expect(a.result.states).toBe(a.explored.states);
    const waited = a.result.trace.flatMap((t) => t.edges);
    expect(waited.length).toBeGreaterThan(0);
    for (const id of waited) expect(a.edgeIds).toContain(id);
    expect(a.mermaid.sequence.startsWith('sequenceDiagram')).toBe(true);
    expect(a.mermaid['lock-graph']).toContain('%% baseline-2630 lock dependency graph');
  });

  it('names each kind’s text by the worker message’s fields', () => {
    const a = analyseScenario(baseline);
    expect(mermaidByField(a)).toEqual({ sequence: a.mermaid.sequence, graph: a.mermaid['lock-graph'] });
  });

  it('keeps the verdict under a budget with partial-order reduction (the browser workers’ settings)', () => {
    const a = analyseScenario(baseline, { maxStates: 500_000, maxMs: 3_000, reduce: { por: true } });
    expect(a.result.verdict).toBe('deadlock');
  });

  it('throws on a model that names an undeclared lock', () => {
    const broken = {
      ...baseline,
      tasks: baseline.tasks.map((t, i) =>
        i === 0 ? { ...t, steps: [{ op: 'spin_lock', target: 'nope' }, ...t.steps] } : t,
      ),
    };
    expect(() => analyseScenario(broken as typeof baseline)).toThrow();
  });
});
