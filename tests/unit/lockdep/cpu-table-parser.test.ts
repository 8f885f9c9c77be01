import { describe, expect, it } from 'vitest';
import { parseScenarioTable, readCell, readHeader } from '../../../src/lib/lockdep/cpu-table-parser.ts';
import { toLogicalLines } from '../../../src/lib/lockdep/lines.ts';

const table = (text: string) => parseScenarioTable(toLogicalLines(text), 0)?.table;

describe('readHeader', () => {
  it('reads printed and drawn headers', () => {
    expect(readHeader('       CPU0                    CPU1')?.columns).toEqual([
      { name: 'CPU0', start: 7 },
      { name: 'CPU1', start: 31 },
    ]);
    expect(readHeader('   [CPU0]   |   [CPU1]')?.piped).toBe(true);
    expect(readHeader('  CPU 0        CPU 1')?.columns.map((c) => c.name)).toEqual(['CPU0', 'CPU1']);
  });

  it('rejects lines with other words', () => {
    expect(readHeader('CPU0 takes the lock')).toBeUndefined();
  });
});

describe('readCell', () => {
  it('reads printed and drawn cells', () => {
    expect(readCell('lock((wq_completion)ev);')).toEqual({ action: 'lock', lock: '(wq_completion)ev' });
    expect(readCell('rlock(&s->sem);')).toEqual({ action: 'lock', lock: '&s->sem' });
    expect(readCell('<Interrupt>')).toEqual({ action: 'interrupt' });
    expect(readCell('local_irq_disable();')).toEqual({ action: 'irq-disable' });
    expect(readCell('--> spin_lock_irqsave(&d->ctx_lock, flags)')).toEqual({
      action: 'lock',
      lock: '&d->ctx_lock',
    });
    expect(readCell('down_read(vlan_sem)')).toEqual({ action: 'lock', lock: 'vlan_sem' });
    expect(readCell('flush_workqueue(wq)')).toEqual({ action: 'other' });
  });
});

describe('parseScenarioTable', () => {
  it('places printed cells by indentation, tabs included', () => {
    const t = table(
      '       CPU0                    CPU1\n       ----                    ----\n  lock(a);\n\t\t\t\tlock(b);\n',
    );
    expect(t?.steps.map((s) => [s.cpu, s.lock])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(t?.handDrawn).toBe(false);
  });

  it('marks steps after <Interrupt> as running in the interrupt and sees the DEADLOCK line', () => {
    const t = table(
      '       CPU0\n       ----\n  lock(x);\n  <Interrupt>\n    lock(x);\n\n *** DEADLOCK ***\n',
    );
    expect(t?.columns).toEqual(['CPU0']);
    expect(t?.steps.map((s) => [s.action, s.inInterrupt])).toEqual([
      ['lock', false],
      ['interrupt', false],
      ['lock', true],
    ]);
    expect(t?.deadlockLine).toBe(true);
  });

  it('splits piped hand-drawn rows into cells and stops at prose', () => {
    const t = table(
      '  [CPU0]      |   [CPU1]\nf()           |\n--> spin_lock(&a) |\n              | --> mutex_lock(&b)\n\nThis is the explanation that follows the table here.\n',
    );
    expect(t?.handDrawn).toBe(true);
    expect(t?.steps.map((s) => [s.cpu, s.lock ?? null])).toEqual([
      [0, null],
      [0, '&a'],
      [1, '&b'],
    ]);
  });

  it('ends a drawn table where its quote ends, skipping elisions', () => {
    const t = table(
      '> [CPU0]      |   [CPU1]\n> --> spin_lock(&a) |\n> | --> spin_lock(&b)\n> [...]\n\nApplied, thanks!\n',
    );
    expect(t?.steps.map((s) => s.text)).toEqual(['--> spin_lock(&a)', '--> spin_lock(&b)']);
  });

  it('rejects a single-column header without a rule line', () => {
    expect(table('CPU0\nsomething\n')).toBeUndefined();
  });
});
