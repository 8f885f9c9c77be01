// From report to model: circular reports become scenario skeletons that the model checker deadlocks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRejection, readAllMessages } from '../../../src/importers/read-messages.ts';
import { findReports } from '../../../src/lib/lockdep/find-reports.ts';
import type { LockdepReport } from '../../../src/lib/lockdep/types.ts';
import { explore } from '../../../src/lib/locks/index.ts';
import { chainToScenario, cycleOf } from '../../../src/lib/report-scenarios/chain-to-scenario.ts';
import { reportOf } from '../support/report.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const threadsDir = path.resolve(repoRoot, '../shared/corpus/threads');
const fixture = (name: string) => readFileSync(path.join(repoRoot, 'tests/fixtures/lockdep', name), 'utf8');
const opts = { thread: 'test-thread', answers: 'msg@example.org' };

describe('cycleOf', () => {
  it('orders dependencies as lockdep numbers the chain, closing with the new acquisition', () => {
    const r = findReports(fixture('modern-circular-stamped-wrapped.txt'))[0] as LockdepReport;
    expect(cycleOf(r)?.map((d) => [d.held.name, d.next.name])).toEqual([
      ['&fdev->state_mutex', '(wq_completion)frob_reset_wq'],
      ['(wq_completion)frob_reset_wq', '(work_completion)(&fdev->health_work)'],
      ['(work_completion)(&fdev->health_work)', '&fdev->state_mutex'],
    ]);
  });

  it('falls back to the two locks of the header when no chain was pasted', () => {
    const r = findReports(fixture('two-reports.txt'))[1] as LockdepReport;
    expect(cycleOf(r)?.map((d) => d.next.name)).toEqual(['&wdev->cfg_lock', '&hub->port_mutex']);
  });
});

describe('chainToScenario', () => {
  it('builds one task per dependency, with sleeping locks for wait type 3 and completions', () => {
    const r = findReports(fixture('modern-circular-stamped-wrapped.txt'))[0] as LockdepReport;
    const s = chainToScenario(r, opts);
    expect(s?.cpus).toBe(3);
    expect(s?.tasks).toHaveLength(3);
    expect(s?.locks.map((l) => [l.name, l.kind])).toEqual([
      ['&fdev->state_mutex', 'mutex'],
      ['(wq_completion)frob_reset_wq', 'mutex'],
      ['(work_completion)(&fdev->health_work)', 'mutex'],
    ]);
    expect(s?.tasks[2]?.steps[1]).toMatchObject({
      op: 'mutex_lock',
      target: 'l0',
      code: { fn: 'frob_health_work()' },
    });
    // The closing dependency takes its held lock where the report says it was taken.
    expect(s?.tasks[0]?.steps.map((x) => x.code.fn)).toEqual([
      'frob_dev_reset()',
      '__flush_workqueue()',
      '__flush_workqueue()',
      'frob_dev_reset()',
    ]);
    expect(explore(s as NonNullable<typeof s>).verdict).toBe('deadlock');
  });

  it('runs a dependency whose first lock is hardirq-safe as an interrupt handler, and still deadlocks', () => {
    const a = { name: '&port->event_lock', usage: '{-.-.}', waitType: '{2:2}' };
    const b = { name: '&agent->send_lock', usage: '{+.+.}', waitType: '{2:2}' };
    const r = reportOf({
      chain: [
        { index: 1, lock: b, frames: [] },
        { index: 0, lock: a, frames: [] },
      ],
      locks: [a, b],
    });
    const s = chainToScenario(r, opts);
    expect(s?.irqs?.map((q) => q.name)).toEqual(['&port->event_lock → &agent->send_lock']);
    expect(s?.tasks.map((t) => t.name)).toEqual(['&agent->send_lock → &port->event_lock']);
    expect(s?.locks.every((l) => l.kind === 'spinlock')).toBe(true);
    expect(explore(s as NonNullable<typeof s>).verdict).toBe('deadlock');
  });

  it('returns undefined when there is no cycle to model', () => {
    expect(chainToScenario(reportOf({}), opts)).toBeUndefined();
  });
});

describe('every circular report in the showcase threads', () => {
  it('opens as a scenario that the checker confirms deadlocks', async () => {
    let circular = 0;
    for (const file of readdirSync(threadsDir).filter((f) => f.endsWith('.mbox'))) {
      for (const m of await readAllMessages(path.join(threadsDir, file))) {
        if (isRejection(m)) continue;
        for (const r of findReports(m.body).filter((x) => x.kind === 'circular')) {
          circular++;
          const s = chainToScenario(r, { thread: file, answers: m.messageId });
          expect(s, `${file} <${m.messageId}>`).toBeDefined();
          expect(explore(s as NonNullable<typeof s>, { maxStates: 200_000 }).verdict, m.messageId).toBe(
            'deadlock',
          );
        }
      }
    }
    expect(circular).toBe(13); // 13 messages labelled circular in docs/labels/splat-labels.md, one report each
  }, 60_000);
});
