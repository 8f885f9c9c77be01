// Lockdep against the explorer. The validator reasons on classes, as lockdep does; the explorer runs
// instances. When lockdep would report a deadlock the explorer proves unreachable, that is a lockdep
// false positive (usually two instances of one class that never meet); when the explorer finds a
// deadlock and lockdep reports nothing, it is one lockdep cannot see (completions, RCU grace periods).

import type { ExploreResult } from './explore.ts';
import type { Scenario } from './model.ts';
import type { FindingKind, ValidatorReport } from './validator.ts';

/** How the two verdicts relate. */
export interface LockdepComparison {
  kind: 'agree' | 'false-positive' | 'unseen-deadlock' | 'unseen-livelock' | 'unknown';
  /** One sentence: `lockdep false positive: …`, `deadlock lockdep cannot see: …`. */
  text: string;
  /** For false positives: the lock instances of the reported classes that keep the cycle apart. */
  instances?: string[];
}

/** Findings that predict a deadlock (might_sleep and bookkeeping reports do not). */
const DEADLOCK_KINDS: readonly FindingKind[] = ['circular', 'recursive', 'irq-inversion', 'inconsistent'];

/** The validator's findings as `{ kind, classes }`, class names as lockdep prints them. */
export function lockdepSummary(report: ValidatorReport): { kind: FindingKind; classes: string[] }[] {
  const name = new Map(report.classes.map((k) => [k.id, k.name]));
  return report.findings.map((f) => ({ kind: f.kind, classes: f.chain.map((id) => name.get(id) ?? id) }));
}

/** Compares a complete exploration with the validator's report. */
export function compareWithLockdep(
  scenario: Scenario,
  result: ExploreResult,
  report: ValidatorReport,
): LockdepComparison {
  const warns = report.findings.filter((f) => DEADLOCK_KINDS.includes(f.kind));
  const name = new Map(report.classes.map((k) => [k.id, k]));
  if (result.verdict === 'incomplete') {
    return { kind: 'unknown', text: 'exploration incomplete: no comparison with lockdep' };
  }
  if (result.verdict === 'no-deadlock' && warns.length > 0) {
    const f = warns[0];
    const classes = (f?.chain ?? []).map((id) => name.get(id)).filter((k) => k !== undefined);
    // Only classes declared with several instances in the scenario are named (pseudo-locks such as
    // `(wq_completion)events` have no declared instances, and a subclass `/1` is its base class's locks).
    const shared = classes.filter((k) => instancesOf(scenario, k.id).length > 1);
    const described = new Map<string, string>();
    for (const k of shared) {
      const locks = instancesOf(scenario, k.id).join(' and ');
      if (!described.has(locks)) described.set(locks, k.name);
    }
    const instances = [...new Set(shared.flatMap((k) => instancesOf(scenario, k.id)))];
    const apart =
      described.size > 0
        ? `: ${[...described].map(([locks, cls]) => `${cls} is ${locks}, different locks of one class`).join('; ')}`
        : '';
    return {
      kind: 'false-positive',
      text: `lockdep false positive: lockdep reports "${f?.title}" (${classes.map((k) => k.name).join(' → ')}) but no deadlock is reachable${apart}`,
      ...(instances.length > 0 ? { instances } : {}),
    };
  }
  if ((result.verdict === 'deadlock' || result.verdict === 'livelock') && warns.length === 0) {
    const why = result.trace
      .filter((t) => t.blocked !== undefined)
      .map((t) => t.blocked)
      .join('; ');
    const what = result.verdict === 'deadlock' ? 'deadlock' : 'livelock';
    return {
      kind: result.verdict === 'deadlock' ? 'unseen-deadlock' : 'unseen-livelock',
      text: `${what} lockdep cannot see: lockdep reports nothing, but ${why || 'no context can finish'}`,
    };
  }
  return {
    kind: 'agree',
    text: warns.length > 0 ? 'lockdep reports it too' : 'lockdep reports nothing either',
  };
}

/** The lock ids (instance labels) of a class, from the scenario's declarations. */
function instancesOf(s: Scenario, classId: string): string[] {
  const base = classId.replace(/\/\d+$/, '');
  const first = s.locks.find((l) => l.id === base);
  if (!first) return [];
  const key = first.key ?? first.name;
  return s.locks.filter((l) => (l.key ?? l.name) === key).map((l) => l.instance ?? l.id);
}
