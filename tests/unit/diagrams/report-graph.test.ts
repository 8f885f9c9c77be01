import { describe, expect, it } from 'vitest';
import { lockLabel, reportGraphMermaid } from '../../../src/lib/diagrams/report-graph.ts';
import { reportOf } from '../support/report.ts';

const base = reportOf({ lines: { start: 0, end: 10 } });

describe('reportGraphMermaid', () => {
  it('draws the printed chain and the new dependency closing it, highlighted', () => {
    const text = reportGraphMermaid({
      ...base,
      chainExists: ['&a->lock', '&b->mutex', '(wq_completion)ev'],
      locks: [{ name: '&a->lock', usage: '{-.-.}' }],
    });
    expect(text).toBe(
      [
        'flowchart LR',
        '  n_l0["&a->lock<br/>hardirq-safe, softirq-safe"]',
        '  n_l1["&b->mutex"]',
        '  n_l2["(wq_completion)ev"]',
        '  n_l0 --> n_l1',
        '  n_l1 --> n_l2',
        '  n_l2 -->|"new dependency"| n_l0',
        '  linkStyle 2 stroke:#c62828,stroke-width:3px',
        '',
      ].join('\n'),
    );
  });

  it('uses the -> #N links when Chain exists of is missing, and a self-loop for recursive locking', () => {
    const chained = reportGraphMermaid({
      ...base,
      chain: [
        { index: 1, lock: { name: 'B' }, frames: [] },
        { index: 0, lock: { name: 'A' }, frames: [] },
      ],
    });
    expect(chained).toContain('n_l0["A"]');
    expect(chained).toContain('n_l1 -->|"new dependency"| n_l0');
    const recursive = reportGraphMermaid({
      ...base,
      kind: 'recursive',
      acquiring: { lock: { name: 'lock#2' } },
    });
    // The self-loop has no label (it would hide the loop); the node says what it means.
    expect(recursive).toContain('n_l0["lock#2<br/>taken again while held"]');
    expect(recursive).toContain('n_l0 --> n_l0\n');
    expect(reportGraphMermaid({ ...base, kind: 'scenario' })).toBeNull();
  });

  it('keeps hostile text out of labels', () => {
    expect(lockLabel('"]; click x call alert(1) <img>')).toBe('?]? click x call alert(1) ?img>');
  });
});

describe('usage marks', () => {
  it("reads lockdep's '?' as taken in irq context with irqs enabled (both safe and unsafe)", () => {
    const text = reportGraphMermaid({
      ...base,
      kind: 'inconsistent',
      usage: { from: 'IN-HARDIRQ-W', to: 'HARDIRQ-ON-W' },
      acquiring: { lock: { name: '&x->lock', usage: '{?.-.}' } },
      locks: [{ name: '&x->lock', usage: '{?.-.}' }],
    });
    expect(text).toContain(
      'n_l0["&x->lock<br/>hardirq-safe, hardirq-unsafe, softirq-safe<br/>IN-HARDIRQ-W then HARDIRQ-ON-W"]',
    );
    expect(text).toContain('n_l0 --> n_l0\n');
  });
});
