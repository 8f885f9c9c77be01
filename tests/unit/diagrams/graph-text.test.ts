import { describe, expect, it } from 'vitest';
import { graphText } from '../../../src/lib/diagrams/graph-text.ts';
import type { ValidatorReport } from '../../../src/lib/locks/index.ts';

const site = (fn: string) => ({ context: 'task', code: { fn, file: 'a.c' } });

describe('graphText', () => {
  it('lists the dependencies and says when lockdep has nothing to report', () => {
    const report: ValidatorReport = {
      classes: [
        { id: 'a', name: 'a_lock', kind: 'spinlock' },
        { id: 'b', name: 'b_lock', kind: 'spinlock' },
      ],
      edges: [{ id: 'a->b', from: 'a', to: 'b', irq: false, site: site('take_b()') }],
      findings: [],
    };
    expect(graphText(report)).toBe(
      'No lockdep findings.\n\nLock dependencies:\n- a_lock -> b_lock (take_b())\n',
    );
  });

  it('wraps long dependency lines at the width', () => {
    const long = 'x'.repeat(40);
    const report: ValidatorReport = {
      classes: [
        { id: 'a', name: `${long}_a`, kind: 'spinlock' },
        { id: 'b', name: `${long}_b`, kind: 'spinlock' },
      ],
      edges: [{ id: 'a->b', from: 'a', to: 'b', irq: true, site: site('irq_handler()') }],
      findings: [],
    };
    const lines = graphText(report).trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(72);
    expect(lines.join(' ')).toContain('~>');
  });
});
