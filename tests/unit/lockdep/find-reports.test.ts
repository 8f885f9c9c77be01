// Report finding on hand-written fragments (tests/fixtures/lockdep/README.md lists what each holds).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findReports } from '../../../src/lib/lockdep/find-reports.ts';

const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/lockdep', name), 'utf8');
const only = (name: string) => {
  const reports = findReports(fixture(name));
  expect(reports).toHaveLength(1);
  return reports[0] as NonNullable<(typeof reports)[0]>;
};

describe('findReports: circular', () => {
  it('reads a timestamped, mailer-wrapped modern report completely', () => {
    const r = only('modern-circular-stamped-wrapped.txt');
    expect(r).toMatchObject({
      kind: 'circular',
      era: 'modern',
      hasBanner: true,
      quoteDepth: 0,
      title: 'possible circular locking dependency detected',
      kernel: { version: '6.9.0-rc2-frob+', notTainted: false, taint: 'G W O' },
      task: { name: 'frobctl', pid: 7311 },
    });
    expect(r.acquiring?.lock).toEqual({
      name: '(wq_completion)frob_reset_wq',
      usage: '{+.+.}',
      waitType: '{0:0}',
    });
    expect(r.acquiring?.at?.function).toBe('__flush_workqueue');
    expect(r.holding?.at).toMatchObject({ function: 'frob_dev_reset', module: 'frob' });
    expect(r.chain.map((c) => [c.index, c.lock.name, c.frames.length])).toEqual([
      [2, '&fdev->state_mutex', 4],
      [1, '(work_completion)(&fdev->health_work)', 3],
      [0, '(wq_completion)frob_reset_wq', 5],
    ]);
    expect(r.chain[0]?.frames[1]).toEqual({
      function: 'frob_health_work',
      offset: '0x55',
      size: '0x210',
      module: 'frob',
    });
    expect(r.chainExists).toEqual([
      '(wq_completion)frob_reset_wq',
      '(work_completion)(&fdev->health_work)',
      '&fdev->state_mutex',
    ]);
    // The second row lost its indentation to wrapping; lockdep's fixed layout puts it on CPU1.
    expect(r.scenario?.steps.map((s) => [s.cpu, s.lock])).toEqual([
      [0, '&fdev->state_mutex'],
      [1, '(work_completion)(&fdev->health_work)'],
      [1, '&fdev->state_mutex'],
      [0, '(wq_completion)frob_reset_wq'],
    ]);
    expect(r.scenario?.deadlockLine).toBe(true);
    expect(r.held).toHaveLength(1);
    expect(r.held[0]).toMatchObject({ index: 0, lock: { name: '&fdev->state_mutex' } });
    expect(r.backtrace.map((f) => f.function)).toEqual([
      'dump_stack_lvl',
      'check_noncircular',
      'save_trace',
      '__lock_acquire',
      'frob_ioctl',
    ]);
    expect(r.backtrace[2]?.uncertain).toBe(true);
    expect(r.locks.map((l) => l.name)).toEqual([
      '(wq_completion)frob_reset_wq',
      '&fdev->state_mutex',
      '(work_completion)(&fdev->health_work)',
    ]);
  });

  it('reads the 2.6-era layout', () => {
    const r = only('legacy-circular.txt');
    expect(r).toMatchObject({ kind: 'circular', era: 'legacy', kernel: { version: '2.6.29-widget' } });
    expect(r.task).toEqual({ name: 'modprobe', pid: 1187 });
    expect(r.acquiring?.lock).toEqual({ name: '&wdev->cfg_lock', usage: '{+.+.+.}' });
    expect(r.holding?.lock.name).toBe('&hub->list_sem');
    expect(r.chain.map((c) => c.frames.map((f) => f.function).at(-1))).toEqual([
      'widget_probe',
      'hub_add_widget',
    ]);
    expect(r.held[0]?.at?.function).toBe('hub_add_widget');
    expect(r.backtrace).toHaveLength(4);
    expect(r.scenario).toBeUndefined();
  });

  it('finds a report with caller ids inside a patch commit message, not in the diff', () => {
    const r = only('patch-with-report.txt');
    expect(r.kind).toBe('circular');
    expect(r.kernel).toEqual({ version: '6.12.0-rc5+', notTainted: true });
    expect(r.acquiring?.at?.function).toBe('frob_health_work');
    expect(r.chain.map((c) => c.lock.name)).toEqual([
      '(work_completion)(&fdev->health_work)',
      'frob_list_lock',
    ]);
    expect(r.scenario?.steps.map((s) => s.cpu)).toEqual([0, 1, 1, 0]);
    expect(r.lines.end).toBeLessThan(45); // stops before "Cancel the worker…" and the diff
  });
});

describe('findReports: irq kinds', () => {
  it('reads a 2.6-era irq lock inversion', () => {
    const r = only('legacy-irq-inversion.txt');
    expect(r).toMatchObject({ kind: 'irq-inversion', era: 'legacy', task: { name: 'swapper', pid: 0 } });
    expect(r.acquiring?.lock).toEqual({ name: '&port->event_lock', usage: '{-.....}' });
    expect(r.holding?.lock.name).toBe('&agent->send_lock');
  });

  it('treats safe -> unsafe lock order reports as irq inversions and reads the interrupt scenario', () => {
    const r = only('modern-safe-unsafe.txt');
    expect(r.kind).toBe('irq-inversion');
    expect(r.title).toBe('SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected');
    expect(r.task).toEqual({ name: 'kworker/2:1', pid: 88 });
    expect(r.acquiring?.lock.name).toBe('&widget->state_lock');
    expect(r.holding?.lock).toEqual({ name: '&hub->queue_lock', usage: '{..-.}', waitType: '{2:2}' });
    expect(r.scenario?.steps.map((s) => [s.cpu, s.action, s.inInterrupt])).toEqual([
      [0, 'lock', false],
      [1, 'irq-disable', false],
      [1, 'lock', false],
      [1, 'lock', false],
      [0, 'interrupt', false],
      [0, 'lock', true],
    ]);
  });

  it('reads a quoted inconsistent-state report whose banner was cut', () => {
    const r = only('quoted-inconsistent-partial.txt');
    expect(r).toMatchObject({ kind: 'inconsistent', hasBanner: false, quoteDepth: 1 });
    expect(r.usage).toEqual({ from: 'IN-HARDIRQ-W', to: 'HARDIRQ-ON-W' });
    expect(r.task).toEqual({ name: 'widgetd', pid: 812 });
    expect(r.acquiring?.lock).toEqual({ name: '&tbl->xa_lock#4', usage: '{?.-.}', waitType: '{2:2}' });
    expect(r.registered).toHaveLength(1);
    expect(r.registered[0]?.state).toBe('IN-HARDIRQ-W');
    expect(r.registered[0]?.frames.map((f) => f.function)).toContain('widget_complete_irq');
    expect(r.scenario?.steps.map((s) => s.action)).toEqual(['lock', 'interrupt', 'lock']);
    expect(r.held[0]?.lock.name).toBe('&wdev->cfg_sem');
  });
});

describe('findReports: recursive and several reports', () => {
  it('reads syzbot-style symbolised frames', () => {
    const r = only('recursive-symbolised.txt');
    expect(r.kind).toBe('recursive');
    expect(r.acquiring?.at).toEqual({
      function: 'hub_release_port',
      file: 'drivers/misc/hub/core.c',
      line: 311,
      inline: true,
    });
    expect(r.locks).toEqual([{ name: 'hub_global_mutex', usage: '{+.+.}', waitType: '{3:3}' }]);
    expect(r.held.map((h) => h.index)).toEqual([0, 1]);
    expect(r.backtrace.filter((f) => f.inline).map((f) => f.function)).toEqual([
      '__dump_stack',
      'hub_release_port',
    ]);
  });

  it('separates a new report from a twice-quoted older one', () => {
    const reports = findReports(fixture('two-reports.txt'));
    expect(reports.map((r) => [r.kind, r.quoteDepth, r.hasBanner])).toEqual([
      ['recursive', 0, true],
      ['circular', 2, true],
    ]);
    expect(reports[1]?.holding?.lock.name).toBe('&hub->port_mutex');
    expect(reports[1]?.kernel?.version).toBe('6.8.0-widget');
  });
});

describe('findReports: tables on their own', () => {
  it('reads a hand-drawn piped table that explains a deadlock', () => {
    const r = only('hand-drawn-deadlock.txt');
    expect(r.kind).toBe('scenario');
    expect(r.scenario?.handDrawn).toBe(true);
    const locks = r.scenario?.steps.filter((s) => s.lock).map((s) => [s.cpu, s.lock, s.inInterrupt]);
    expect(locks).toEqual([
      [0, '&fdev->ring_lock', false],
      [1, '&fdev->ctx_lock', false],
      [1, '&fdev->ring_lock', false],
      [0, '&fdev->ctx_lock', true],
    ]);
  });

  it('reads a printed table pasted alone', () => {
    const r = only('printed-table-alone.txt');
    expect(r.kind).toBe('scenario');
    expect(r.scenario?.handDrawn).toBe(false);
    expect(r.locks.map((l) => l.name)).toEqual(['&hub->port_mutex', '&wdev->cfg_lock']);
  });

  it('ignores race diagrams and prose that only names reports', () => {
    expect(findReports(fixture('race-table.txt'))).toEqual([]);
    expect(findReports(fixture('prose-only.txt'))).toEqual([]);
    expect(findReports('')).toEqual([]);
  });
});

describe('findReports: symbolised and relative-time pastes', () => {
  it('attaches faddr2line locations to the frame above and keeps the chain whole', () => {
    const body = [
      '> [   77.100001][  T512] -> #1 (&hub->port_mutex){+.+.}-{4:4}:',
      '> [   77.100002][  T512]        __mutex_lock+0x9d/0x8c0',
      '> [   77.100003][  T512]        hub_scan_ports+0x41/0x1d0',
      '> hub_scan_ports at drivers/misc/hub/scan.c:88',
      '> [   77.100004][  T512]        hub_probe+0x12c/0x300',
      '> (inlined by) hub_setup at drivers/misc/hub/core.c:140',
      '> [   77.100005][  T512] -> #0 (&wdev->cfg_lock){+.+.}-{4:4}:',
      '> [   77.100006][  T512]        widget_apply+0x22/0xa0',
    ].join('\n');
    const [r] = findReports(body);
    expect(r?.kind).toBe('circular');
    expect(r?.chain[0]?.frames.map((f) => [f.function, f.file ?? null, f.line ?? null])).toEqual([
      ['__mutex_lock', null, null],
      ['hub_scan_ports', 'drivers/misc/hub/scan.c', 88],
      ['hub_probe', null, null],
    ]);
    expect(r?.chain[1]?.lock.name).toBe('&wdev->cfg_lock');
  });

  it('reads dmesg relative timestamps', () => {
    const body = [
      '[+0,000120] WARNING: possible recursive locking detected',
      '[+0,000004] 6.18.0-test #1 Not tainted',
      '[+0,000002] widgetd/41 is trying to acquire lock:',
      '[+0,000003] ffff8880 (&wdev->cfg_lock){+.+.}-{4:4}, at: widget_apply+0x22/0xa0',
    ].join('\n');
    expect(findReports(body).map((r) => [r.kind, r.kernel?.version, r.task?.pid])).toEqual([
      ['recursive', '6.18.0-test', 41],
    ]);
  });
});

describe('findReports: robustness', () => {
  it('never throws, whatever mix of report-like pieces a body holds', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '(((((',
        '-> #1 (a){+.+.}:',
        '{+.+.}',
        'CPU0 CPU1',
        '*** DEADLOCK ***',
        '> > >',
        '[ 1.0]',
      ),
      fc.constantFrom(
        'WARNING: inconsistent lock state',
        'Chain exists of:',
        '  lock(x);',
        '\t\t|',
        '#0: ff (a',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (lines) => {
        expect(Array.isArray(findReports(lines.join('\n')))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
