// Groups the classified lines of a body into fragments, one per report. A report's sections come in
// a fixed order (banner, locks, chain, scenario, held locks, backtrace); going back to an earlier
// section, a new banner, a different quote depth or a run of prose starts the next fragment.
import { type Classified, classifyLine, type LineRole } from './classify.ts';
import { parseScenarioTable, readHeader } from './cpu-table-parser.ts';
import type { LogicalLine } from './lines.ts';
import type { ScenarioTable } from './types.ts';

/** A run of logical lines that holds one report. */
export interface Fragment {
  /** Index of the first logical line. */
  start: number;
  /** Index of the last logical line that belongs to the report. */
  end: number;
  /** Quote depth of the first line. */
  depth: number;
  /** Highest section order seen so far. */
  lastOrder: number;
  /** Scenario tables found in the fragment, with their header line index. */
  tables: { at: number; end: number; table: ScenarioTable }[];
}

/** How many lines of prose may sit between two parts of one pasted report ("--snip--", comments). */
const MAX_PROSE_GAP = 8;

// Generic oops lines (Call Trace, CPU: … PID) and version lines extend a report but never start one.
const CANNOT_START = new Set<LineRole>([
  'version',
  'other-info',
  'irq-stamp',
  'held-item',
  'dependencies',
  'cpu-line',
  'call-trace',
  'backtrace',
]);
/** The report sentences proper (banner to held locks): each names a section of a lockdep report. */
export const REPORT_SENTENCES: readonly LineRole[] = [
  'banner',
  'trying',
  'changed',
  'inconsistent',
  'takes',
  'holding',
  'other-lock',
  'registered',
  'depends',
  'inverse',
  'irq-dependency',
  'chain-head',
  'link',
  'chain-exists',
  'scenario-head',
  'deadlock',
  'nesting',
  'held-by',
];
// Lines that move the section order forward (weaker ones only extend the fragment).
const SETS_ORDER = new Set<LineRole>([...REPORT_SENTENCES, 'backtrace']);

// People draw CPU tables for races of every kind (use-after-free, lost updates). A drawn table is a
// locking scenario only when the table or the prose just above it talks about a deadlock.
const DEADLOCK_WORDS =
  /dead ?lock|lock inversion|inverse lock|\bAB-?BA\b|lock order|circular (?:lock|depend)|<interrupt>/i;
const CONTEXT_LINES = 15;

/** True when a hand-drawn table at `at..end` sits in text that speaks of a deadlock. */
function aboutDeadlock(lines: LogicalLine[], at: number, end: number): boolean {
  for (let i = Math.max(0, at - CONTEXT_LINES); i <= end; i++) {
    if (DEADLOCK_WORDS.test(lines[i]?.text ?? '')) return true;
  }
  return false;
}

/** Classify every logical line once. */
export function classifyAll(lines: LogicalLine[]): Classified[] {
  return lines.map((l) => classifyLine(l.text));
}

/** Split logical lines into report fragments (not yet checked to be reports). */
export function groupFragments(lines: LogicalLine[], roles: Classified[]): Fragment[] {
  const out: Fragment[] = [];
  let cur: Fragment | undefined;
  let gap = 0;
  const close = () => {
    if (cur) out.push(cur);
    cur = undefined;
  };
  const open = (i: number, order: number) => {
    close();
    cur = { start: i, end: i, depth: lines[i]?.depth ?? 0, lastOrder: order, tables: [] };
    gap = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as LogicalLine;
    const c = roles[i] as Classified;
    const near = cur !== undefined && Math.abs(line.depth - cur.depth) <= 1;
    if (c.role === 'prose' && readHeader(line.text)) {
      const parsed = parseScenarioTable(lines, i);
      if (parsed && (!parsed.table.handDrawn || aboutDeadlock(lines, i, parsed.end))) {
        if (!(cur && near && 9 >= cur.lastOrder && gap <= MAX_PROSE_GAP)) open(i, 9);
        const f = cur as unknown as Fragment;
        f.tables.push({ at: i, end: parsed.end, table: parsed.table });
        f.lastOrder = Math.max(f.lastOrder, parsed.table.deadlockLine ? 10 : 9);
        f.end = parsed.end;
        gap = 0;
        i = parsed.end;
        continue;
      }
    }
    if (c.role === 'banner') {
      open(i, 0);
      continue;
    }
    if (c.order !== undefined) {
      const fits = cur !== undefined && near && gap <= MAX_PROSE_GAP;
      if (fits && cur && (c.order >= cur.lastOrder || !SETS_ORDER.has(c.role))) {
        cur.end = i;
        if (SETS_ORDER.has(c.role)) cur.lastOrder = Math.max(cur.lastOrder, c.order);
        gap = 0;
      } else if (!CANNOT_START.has(c.role)) {
        open(i, c.order);
      }
      continue;
    }
    if (c.role === 'blank') continue;
    if (c.role === 'frame' || c.role === 'frame-source' || c.role === 'lock-line' || c.role === 'filler') {
      if (cur && near) {
        cur.end = i;
        gap = 0;
      }
      continue;
    }
    if (cur && ++gap > MAX_PROSE_GAP) close();
  }
  close();
  return out;
}
