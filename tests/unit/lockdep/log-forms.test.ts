// Reports as they really arrive: each hand-written report (tests/fixtures/lockdep/printk/) rendered in
// every log form must give exactly the lock classes written below; the showcase threads' reports must
// read the same in every form.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRejection, readAllMessages } from '../../../src/importers/read-messages.ts';
import { findReports } from '../../../src/lib/lockdep/find-reports.ts';
import { type SampleReport, sampleReports, scoreForms } from './support/form-agreement.ts';
import { LOG_FORMS } from './support/log-forms.ts';

const dir = path.resolve(import.meta.dirname, '../../fixtures/lockdep/printk');
const lines = (name: string) => readFileSync(path.join(dir, name), 'utf8').trimEnd().split('\n');

// What a reader of each fixture sees: the kind, every class involved, and the chain in printed order.
const EXPECTED: Record<string, { kind: string; locks: string[]; chain?: string[] }> = {
  'circular-four-links.txt': {
    kind: 'circular',
    locks: [
      '&hub->port_lock',
      '&wdev->cfg_mutex',
      'widget_list_lock',
      '(work_completion)(&(&hub->rescan_work)->work)',
    ],
    chain: [
      '&wdev->cfg_mutex',
      'widget_list_lock',
      '(work_completion)(&(&hub->rescan_work)->work)',
      '&hub->port_lock',
    ],
  },
  'inconsistent-softirq.txt': { kind: 'inconsistent', locks: ['&pool->xa.xa_lock#4'] },
  'recursive-two-ports.txt': { kind: 'recursive', locks: ['&port->state_lock'] },
  'irq-inversion-hardirq.txt': { kind: 'irq-inversion', locks: ['&hub->irq_lock', '&wdev->stats_lock'] },
};

describe('every log form of hand-written reports', () => {
  it('has an expectation for each fixture', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    for (const form of LOG_FORMS) {
      it(`${name} as ${form.name}`, () => {
        const text = form.render(lines(name), 7);
        if (form.name !== 'plain') expect(text).not.toBe(lines(name).join('\n'));
        const reports = findReports(text);
        expect(reports).toHaveLength(1);
        const r = reports[0] as NonNullable<(typeof reports)[0]>;
        expect(r.kind).toBe(want.kind);
        expect(r.hasBanner).toBe(true);
        expect(r.locks.map((l) => l.name).sort()).toEqual([...want.locks].sort());
        if (want.chain) expect(r.chain.map((c) => c.lock.name)).toEqual(want.chain);
        expect(r.missing).toEqual([]);
      });
    }
  }
});

describe('partial reports say what is missing', () => {
  it('a circular report cut after the chain lacks the table, held locks and backtrace', () => {
    const all = lines('circular-four-links.txt');
    const cut = all.slice(0, all.indexOf('other info that might help us debug this:'));
    const [r] = findReports(cut.join('\n'));
    expect(r?.kind).toBe('circular');
    expect(r?.missing).toEqual(['scenario table', 'held locks', 'stack backtrace']);
    expect(r?.chain).toHaveLength(4);
  });

  it('a report pasted without its banner and acquiring lock says so', () => {
    const all = lines('recursive-two-ports.txt');
    const [r] = findReports(all.slice(7).join('\n'));
    expect(r?.hasBanner).toBe(false);
    expect(r?.missing).toEqual(['banner', 'lock being acquired']);
    expect(r?.locks.map((l) => l.name)).toEqual(['&port->state_lock']);
  });
});

describe('reports of the showcase threads in every log form', () => {
  it('read the same lock classes in at least 97% of (report, form) pairs', async () => {
    const threads = path.resolve(import.meta.dirname, '../../../../shared/corpus/threads');
    const samples: SampleReport[] = [];
    for (const file of readdirSync(threads).filter((f) => f.endsWith('.mbox'))) {
      for (const m of await readAllMessages(path.join(threads, file))) {
        if (isRejection(m)) continue;
        samples.push(...sampleReports(m.body, m.messageId));
      }
    }
    expect(samples.length).toBeGreaterThan(30);
    const scores = scoreForms(samples);
    const agree = scores.reduce((n, s) => n + s.agree, 0);
    const total = scores.reduce((n, s) => n + s.total, 0);
    expect(agree / total).toBeGreaterThanOrEqual(0.97);
    for (const s of scores) expect(s.missed, s.form.name).toBe(0);
  });
});
