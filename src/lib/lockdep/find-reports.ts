// Entry point: every lockdep report in a message body, whole or partial, quoted or not.
import { buildReport } from './build-report.ts';
import { classifyAll, type Fragment, groupFragments } from './fragments.ts';
import { toLogicalLines } from './lines.ts';
import type { LockdepReport } from './types.ts';

/** How far (in logical lines) a lone scenario table may sit from the excerpt it belongs to. */
const TABLE_ATTACH_DISTANCE = 40;

/**
 * A table pasted on its own right after an excerpt that has no table (a registration trace, a chain)
 * is the excerpt's table, not a separate report: fold it in.
 */
function attachLoneTables(fragments: Fragment[], isLoneTable: (f: Fragment) => boolean): Fragment[] {
  const out: Fragment[] = [];
  for (const f of fragments) {
    const prev = out[out.length - 1];
    if (
      prev &&
      isLoneTable(f) &&
      prev.tables.length === 0 &&
      Math.abs(prev.depth - f.depth) <= 1 &&
      f.start - prev.end <= TABLE_ATTACH_DISTANCE
    ) {
      prev.tables.push(...f.tables);
      prev.end = f.end;
      continue;
    }
    out.push(f);
  }
  return out;
}

// Every sentence that can count as evidence (see build-report.ts) contains one of these strings, as
// lockdep prints it (case matters: prose says "deadlock", lockdep prints "*** DEADLOCK ***"); tables
// need a CPU header. A body with none of them holds no report, and most mail is skipped this way.
const QUICK_CHECK =
  /-> #\d|\*\*\* DEADLOCK|inconsistent|circular locking|recursive locking|lock inversion|lock order detected|state was registered|trying to acquire|changed the state|already holding|but this lock|already depends|inverse lock ordering|dependency chain|new lock dependency|Chain exists|unsafe locking scenario|missing lock nesting|held by| takes:/;
const QUICK_CHECK_TABLE = /CPU ?\d/i;

/** Find and parse every lockdep report in a decoded message body. Never throws on odd input. */
export function findReports(body: string): LockdepReport[] {
  if (!QUICK_CHECK.test(body) && !QUICK_CHECK_TABLE.test(body)) return [];
  const lines = toLogicalLines(body);
  const roles = classifyAll(lines);
  const fragments = groupFragments(lines, roles);
  const lone = (f: Fragment) => buildReport(f, lines, roles)?.kind === 'scenario';
  const reports: LockdepReport[] = [];
  for (const f of attachLoneTables(fragments, lone)) {
    const report = buildReport(f, lines, roles);
    if (report) reports.push(report);
  }
  return reports;
}
