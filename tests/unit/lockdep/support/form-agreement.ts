// Takes the complete lockdep reports found in some texts, re-renders each in every log form
// (log-forms.ts) and checks that the parser reads the same lock classes from every form.
// Shared by tests/unit/lockdep/log-forms.test.ts and bench/splats-forms.ts.
import { findReports } from '../../../../src/lib/lockdep/find-reports.ts';
import { toLogicalLines } from '../../../../src/lib/lockdep/lines.ts';
import type { LockdepReport } from '../../../../src/lib/lockdep/types.ts';
import { LOG_FORMS, type LogForm } from './log-forms.ts';

/** A report as the kernel printed it (one printk line per entry) with what the parser read from it. */
export interface SampleReport {
  /** Where it came from (Message-ID, fixture name). */
  source: string;
  /** The report's lines, prefixes and quote markers removed. */
  lines: string[];
  /** The lock classes read from the report where it was found (the expected answer). */
  key: string;
}

/**
 * What "the lock classes come out right" means: the kind, the set of classes, and for circular
 * reports the classes of the chain in printed order.
 */
export function lockKey(report: LockdepReport): string {
  const set = [...new Set(report.locks.map((l) => l.name))].sort();
  const order =
    report.kind !== 'circular'
      ? []
      : report.chain.length > 0
        ? report.chain.map((c) => c.lock.name)
        : report.chainExists;
  return JSON.stringify({ kind: report.kind, set, order });
}

/** The complete reports (banner present) of a text, each with its printk lines and expected key. */
export function sampleReports(text: string, source: string): SampleReport[] {
  const logical = toLogicalLines(text);
  return findReports(text)
    .filter((r) => r.hasBanner && r.locks.length > 0)
    .map((r) => ({
      source,
      key: lockKey(r),
      lines: logical.filter((l) => l.start >= r.lines.start && l.end <= r.lines.end).map((l) => l.text),
    }));
}

/** Result of one form over every sample. */
export interface FormScore {
  form: LogForm;
  agree: number;
  total: number;
  /** Samples where no report at all was found in that form. */
  missed: number;
  /** A few failing samples, for the reader. */
  failures: { source: string; expected: string; got: string[] }[];
}

/** Render every sample in every form and compare what the parser reads with the expected key. */
export function scoreForms(samples: readonly SampleReport[], forms = LOG_FORMS): FormScore[] {
  return forms.map((form) => {
    const score: FormScore = { form, agree: 0, total: 0, missed: 0, failures: [] };
    samples.forEach((sample, i) => {
      score.total++;
      const found = findReports(form.render(sample.lines, i + 1));
      if (found.length === 0) score.missed++;
      const got = found.map(lockKey);
      if (got.length === 1 && got[0] === sample.key) score.agree++;
      else if (score.failures.length < 5)
        score.failures.push({ source: sample.source, expected: sample.key, got });
    });
    return score;
  });
}
