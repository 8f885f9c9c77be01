import { renderMermaidAscii } from 'beautiful-mermaid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import baseline from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import eventQueue from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-event-queue.ts';
import nonfix from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/nonfix-cancel-sync.ts';
import {
  lockdepText,
  lockGraphMermaid,
  scenarioTable,
  sequenceMermaid,
} from '../../../src/lib/diagrams/index.ts';
import { layoutColumns, wrapText } from '../../../src/lib/diagrams/text-columns.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';

const widest = (text: string): number => Math.max(...text.split('\n').map((l) => l.length));

describe('wrapText', () => {
  it('keeps every line within the width and loses no characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 1, max: 30 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
      { seed: 72 },
    );
  });

  it('splits a lock name at -> only when it cannot fit after the call parenthesis', () => {
    expect(wrapText('lock(cm_id_priv->lock)', 20)).toEqual(['lock(', 'cm_id_priv->lock)']);
    expect(wrapText('lock(mad_agent_priv->lock)', 14)).toEqual(['lock(', 'mad_agent_priv', '->lock)']);
  });

  it('keeps each call of a lockdep table on one line when it fits 72 columns, as lockdep does', () => {
    const r = validateScenario(baseline);
    const text = r.findings.map((f) => lockdepText(r, f)).join('\n');
    const calls = text.split('\n').filter((l) => /^\s+(lock\(|local_irq)/.test(l));
    expect(calls.length).toBeGreaterThanOrEqual(6);
    for (const l of calls) expect(l.trim()).toMatch(/^(lock\([^()]+\)|local_irq_disable\(\));$/);
    expect(text).toContain('lock(cm_id_priv->lock);');
    const table = scenarioTable(explore(baseline));
    expect(table).toContain('lock(mad_agent_priv->lock)');
    expect(table).not.toMatch(/lock\(\n/);
  });

  it('a cell runs on into empty columns of its row, but wraps before an occupied one', () => {
    const cell = (column: number, text: string) => ({ column, text });
    expect(layoutColumns([{ gutter: '', cells: [cell(0, 'abcdefghijkl')] }], 2, 20, 0)).toEqual([
      'abcdefghijkl',
    ]);
    expect(
      layoutColumns([{ gutter: '', cells: [cell(0, 'abc defghijkl'), cell(1, 'x')] }], 2, 20, 0),
    ).toEqual(['abc       x', 'defghijkl']);
  });

  it('lays cells out in their columns', () => {
    const lines = layoutColumns([{ gutter: ' 1', cells: [{ column: 1, text: 'x' }] }], 2, 24, 4);
    expect(lines).toEqual([' 1            x']);
  });
});

describe('generated diagrams', () => {
  it('ASCII tables and lockdep reports fit a 72-column commit message', () => {
    for (const s of [baseline, nonfix, eventQueue]) {
      expect(widest(scenarioTable(explore(s)))).toBeLessThanOrEqual(72);
      const r = validateScenario(s);
      for (const f of r.findings) expect(widest(lockdepText(r, f))).toBeLessThanOrEqual(72);
    }
  });

  it('Mermaid output parses, with one arrow per trace step', () => {
    const r = explore(baseline);
    const seq = sequenceMermaid(r);
    expect(() => renderMermaidAscii(seq)).not.toThrow();
    expect(() => renderMermaidAscii(lockGraphMermaid(validateScenario(baseline)))).not.toThrow();
    const arrows = seq.split('\n').filter((l) => l.includes('->>'));
    expect(arrows).toHaveLength(r.trace.filter((t) => !t.blocked).length);
    expect(seq.split('\n').filter((l) => l.includes('Note over'))).toHaveLength(4);
  });

  it('a pseudo-lock keeps its usage colour (the last class of a node wins)', () => {
    const g = lockGraphMermaid(validateScenario(baseline));
    const classesOf = (id: string) =>
      g
        .split('\n')
        .filter((l) => new RegExp(`^  class (.*,)?${id}(,| )`).test(l))
        .map((l) => l.trim().split(' ').at(-1));
    expect(classesOf('n_wq_ib_mad')).toEqual(['pseudo', 'unsafe']);
  });

  it('highlights exactly the inversion chain and its interrupt edge in the lock graph', () => {
    const g = lockGraphMermaid(validateScenario(baseline));
    const edgeIx = (id: string) =>
      g.match(new RegExp(`%% edge (\\d+) ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`))?.[1];
    const hot = ['cm->mad', 'mad->timer:timed_work.timer', 'timer:timed_work.timer~>cm'].map(edgeIx);
    expect(g).toContain(`linkStyle ${hot.join(',')} stroke:#c62828`);
  });
});
