// "Possible unsafe locking scenario" tables, as lockdep prints them (fixed columns under `CPU0 CPU1`,
// a `----` rule, `lock(x);` cells, `<Interrupt>`) and as people draw them in mail (`[CPU0] | [CPU1]`,
// call chains with `-->`, columns set by indentation or by `|`).

import type { LogicalLine } from './lines.ts';
import { closingParen } from './lock-class.ts';
import type { ScenarioStep, ScenarioTable } from './types.ts';

interface Column {
  name: string;
  start: number;
}

const CPU_TOKEN = /\[?CPU ?(\d+)\]?/gi;

/** Read a table header (`CPU0    CPU1`, `[CPU0] | [CPU1]`); undefined when the line is anything else. */
export function readHeader(text: string): { columns: Column[]; piped: boolean } | undefined {
  const columns: Column[] = [];
  for (const m of text.matchAll(CPU_TOKEN)) columns.push({ name: `CPU${m[1]}`, start: m.index });
  if (columns.length === 0) return undefined;
  if (text.replace(CPU_TOKEN, '').replace(/\|/g, '').trim() !== '') return undefined;
  return { columns, piped: text.includes('|') };
}

const RULE_LINE = /^\s*-{3,}(?:\s+-{3,})*\s*$/;
const PRINTED_CELL = /^(?:(?:r|w)?lock|sync)\(|^<Interrupt>$|^local_(?:irq|bh)_disable\(\);$/;

/** What a cell does and which lock it names. */
export function readCell(text: string): Pick<ScenarioStep, 'action' | 'lock'> {
  const t = text.trim();
  if (/^<\s*(?:hard|soft)?\s*interrupt\s*>$/i.test(t) || /^<irq>$/i.test(t)) return { action: 'interrupt' };
  if (/local_(?:irq|bh)_disable|(?:irq|bh)_disable\(\)/.test(t)) return { action: 'irq-disable' };
  const printed = /^(?:(?:r|w)?lock|sync)\(/.exec(t);
  if (printed) {
    const open = t.indexOf('(');
    const close = closingParen(t, open);
    const inner = t.slice(open + 1, close < 0 ? t.length : close - 1).trim();
    return inner ? { action: 'lock', lock: inner } : { action: 'other' };
  }
  const call =
    /\b((?:raw_)?spin_lock\w*|(?:read|write)_lock\w*|mutex_lock\w*|down_(?:read|write)\w*|down|xa_lock\w*|lock_sock\w*|rtnl_lock)\(([^)]*)\)?/.exec(
      t,
    );
  if (call?.[1]) {
    const arg = (call[2] ?? '').split(',')[0]?.trim() ?? '';
    return { action: 'lock', lock: arg === '' ? call[1] : arg };
  }
  return { action: 'other' };
}

/** True for a line of running prose, which ends a hand-drawn table. */
function isProse(text: string): boolean {
  const t = text.trim();
  if (/[(|;]|-->|->|<|\{/.test(t)) return false;
  return t.split(/\s+/).length >= 6;
}

/** Column for a cell by its indentation: the nearest header column (split at midpoints). */
function columnAt(columns: Column[], indent: number): number {
  for (let i = 0; i < columns.length - 1; i++) {
    const here = columns[i];
    const next = columns[i + 1];
    if (here && next && indent < (here.start + next.start) / 2) return i;
  }
  return columns.length - 1;
}

/** True when one of the next `count` non-blank lines at `depth` is a printed cell or the DEADLOCK line. */
function cellWithin(lines: LogicalLine[], from: number, count: number, depth: number): boolean {
  let seen = 0;
  for (let i = from; i < lines.length && seen < count; i++) {
    const line = lines[i] as LogicalLine;
    const t = line.text.trim();
    if (t === '') continue;
    if (Math.abs(line.depth - depth) > 1) return false;
    if (PRINTED_CELL.test(t) || t === '*** DEADLOCK ***') return true;
    seen++;
  }
  return false;
}

/**
 * Parse a table whose header is `lines[at]`. Returns the table and the index of the last line used,
 * or undefined when the header is not followed by a table.
 */
export function parseScenarioTable(
  lines: LogicalLine[],
  at: number,
): { table: ScenarioTable; end: number } | undefined {
  const headerLine = lines[at];
  if (!headerLine) return undefined;
  const header = readHeader(headerLine.text);
  if (!header) return undefined;
  let i = at + 1;
  while (lines[i] !== undefined && lines[i]?.text.trim() === '' && i - at < 3) i++;
  // A line of another task may have landed between the header and its rule.
  if (!RULE_LINE.test(lines[i]?.text ?? '') && RULE_LINE.test(lines[i + 1]?.text ?? '')) i++;
  const printed = lines[i] !== undefined && RULE_LINE.test(lines[i]?.text ?? '');
  if (!printed && header.columns.length < 2) return undefined;
  if (printed) i++;
  const steps: ScenarioStep[] = [];
  const interrupted = new Set<number>();
  let end = at;
  let deadlockLine = false;
  let blanks = 0;
  for (; i < lines.length && i - at < 60; i++) {
    const line = lines[i] as LogicalLine;
    const t = line.text.trim();
    // Printed tables keep going through the ±1 quote jitter some mailers add; drawn ones end with their quote.
    if (Math.abs(line.depth - headerLine.depth) > (printed ? 1 : 0)) break;
    if (t === '') {
      if (++blanks >= 2 && !printed) break;
      continue;
    }
    if (/^\*\*\* DEADLOCK \*\*\*$/.test(t)) {
      deadlockLine = true;
      end = i;
      break;
    }
    if (printed ? !PRINTED_CELL.test(t) : isProse(t)) {
      // Lines of other tasks land inside printed tables too: step over one or two if cells follow.
      if (printed && cellWithin(lines, i + 1, 2, headerLine.depth)) continue;
      break;
    }
    blanks = 0;
    if (/^[-+|=\s]+$/.test(t) || /^\[?\s*\.\.\.?\s*\]?$/.test(t)) continue; // a drawn border, an elision
    const cells = header.piped
      ? line.text.split('|').map((text, cpu) => ({ cpu, text }))
      : [{ cpu: columnAt(header.columns, line.text.search(/\S/)), text: line.text }];
    for (const cell of cells) {
      const text = cell.text.trim();
      if (text === '' || cell.cpu >= header.columns.length) continue;
      const read = readCell(text);
      const step: ScenarioStep = {
        cpu: cell.cpu,
        text,
        action: read.action,
        inInterrupt: interrupted.has(cell.cpu),
      };
      if (read.lock !== undefined) step.lock = read.lock;
      if (read.action === 'interrupt') interrupted.add(cell.cpu);
      steps.push(step);
    }
    end = i;
  }
  const lockish = steps.filter((s) => s.action !== 'other' || /lock|mutex|sem|flush|wait|irq/i.test(s.text));
  if (printed ? steps.length === 0 : lockish.length < 2) return undefined;
  return {
    table: { columns: header.columns.map((c) => c.name), steps, handDrawn: !printed, deadlockLine },
    end,
  };
}
