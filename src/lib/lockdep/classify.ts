// Recognises the fixed sentences lockdep prints, in both the 2.6-era and the modern layout.
// Each sentence gets the position of its section in a report, so the finder can tell where one
// report ends and the next begins (upstream: kernel/locking/lockdep.c, print_*_bug()).

import { isFrame } from './frames.ts';
import { hasLockDescription } from './lock-class.ts';
import type { ReportKind } from './types.ts';

/** What a logical line is, for report finding. */
export type LineRole =
  | 'banner'
  | 'version'
  | 'trying'
  | 'changed'
  | 'inconsistent'
  | 'takes'
  | 'holding'
  | 'other-lock'
  | 'registered'
  | 'irq-stamp'
  | 'depends'
  | 'inverse'
  | 'irq-dependency'
  | 'chain-head'
  | 'link'
  | 'other-info'
  | 'chain-exists'
  | 'scenario-head'
  | 'deadlock'
  | 'nesting'
  | 'held-by'
  | 'held-item'
  | 'dependencies'
  | 'backtrace'
  | 'cpu-line'
  | 'call-trace'
  | 'frame'
  | 'frame-source'
  | 'lock-line'
  | 'filler'
  | 'blank'
  | 'prose';

/** A classified line: its role, its section order (structural lines only) and kind evidence. */
export interface Classified {
  /** The role of the line. */
  role: LineRole;
  /** Section position inside a report (0 banner … 12 backtrace); absent for non-structural lines. */
  order?: number;
  /** Report kind this line proves on its own, if any. */
  kind?: ReportKind;
  /** Regex groups for the caller (task, states, numbers…). */
  groups: string[];
}

const BANNER =
  /^\[?\s*(?:(?:WARNING|INFO|BUG)\s*:\s*)?(possible circular locking dependency detected|possible recursive locking detected|inconsistent lock state|possible irq lock inversion dependency detected|(?:hard|soft)irq-(?:read-)?safe -> (?:hard|soft)irq-(?:read-)?unsafe lock order detected)\s*\]?$/i;

interface Rule {
  role: LineRole;
  re: RegExp;
  order: number;
  kind?: ReportKind;
}

// Order matters only where two patterns could match the same line.
const RULES: Rule[] = [
  {
    role: 'version',
    re: /^(\d+\.\d+[\w.+~-]*)\s+#\d+(?:\s+(Not tainted|Tainted:\s*([A-Z ]*[A-Z])))?(?:\s+\S+)?$/,
    order: 1,
  },
  { role: 'trying', re: /^(\S.*?)\/(\d+) (?:\[HC\S*\] )?is trying to acquire(?: lock)?:$/, order: 2 },
  {
    role: 'changed',
    re: /^(\S.*?)\/(\d+) just changed the state of lock:$/,
    order: 2,
    kind: 'irq-inversion',
  },
  {
    role: 'inconsistent',
    re: /^inconsistent \{([\w-]+)\} -> \{([\w-]+)\} usage\.?$/i,
    order: 2,
    kind: 'inconsistent',
  },
  {
    role: 'takes',
    re: /^(\S.*?)\/(\d+) \[HC\d\[\d+\]:SC\d\[\d+\]:HE\d:SE\d\] takes:$/,
    order: 2,
    kind: 'inconsistent',
  },
  {
    role: 'holding',
    re: /^(?:but task is already holding lock|and this task is already holding):$/,
    order: 3,
  },
  {
    role: 'other-lock',
    re: /^but this lock (?:took another|was taken by another), ([\w-]+) lock in the past:$/,
    order: 3,
    kind: 'irq-inversion',
  },
  { role: 'registered', re: /^\{([\w-]+)\} state was registered at:$/, order: 4, kind: 'inconsistent' },
  {
    role: 'irq-stamp',
    re: /^(?:irq event stamp: \d+|(?:hard|soft)irqs last\s+(?:en|dis)abled at .*)$/,
    order: 4,
  },
  { role: 'depends', re: /^which lock already depends on the new lock\.?$/, order: 5, kind: 'circular' },
  {
    role: 'inverse',
    re: /^and interrupts could create inverse lock ordering between them\.?$/,
    order: 5,
    kind: 'irq-inversion',
  },
  {
    role: 'irq-dependency',
    re: /^(?:which would create a new lock dependency:|but this new dependency connects a [\w-]+ lock:|to a [\w-]+ lock:|\.\.\. which became [\w-]+ at:)$/,
    order: 5,
    kind: 'irq-inversion',
  },
  {
    role: 'chain-head',
    re: /^the existing dependency chain \(in reverse order\) is:$/,
    order: 6,
    kind: 'circular',
  },
  { role: 'link', re: /^-> #(\d+)\s*(.*)$/, order: 6, kind: 'circular' },
  { role: 'other-info', re: /^other info that might help us debug this:$/, order: 7 },
  { role: 'chain-exists', re: /^Chain exists of:\s*(.*)$/, order: 8, kind: 'circular' },
  {
    role: 'scenario-head',
    re: /^Possible (?:interrupt )?unsafe locking scenario(?: by crosslock)?:$/,
    order: 9,
  },
  { role: 'deadlock', re: /^\*\*\* DEADLOCK \*\*\*$/, order: 10 },
  { role: 'nesting', re: /^May be due to missing lock nesting notation$/, order: 10, kind: 'recursive' },
  { role: 'held-by', re: /^(\d+|no) locks? (?:held|on stack) by (\S.*?)\/(\d+)[:.]$/, order: 11 },
  { role: 'held-item', re: /^#(\d+):\s+(.*)$/, order: 11 },
  {
    role: 'dependencies',
    re: /^(?:the (?:shortest )?dependencies between .*:|the (?:first|second) lock's dependencies:)$/,
    order: 11,
  },
  { role: 'backtrace', re: /^stack backtrace:$/, order: 12 },
  { role: 'cpu-line', re: /^CPU: \d+ (?:UID: \d+ )?PID: (\d+) Comm: (\S+)(.*)$/, order: 12 },
  { role: 'call-trace', re: /^Call Trace:$/, order: 12 },
];

// Lines that belong inside a pasted report but say nothing on their own.
const FILLER =
  /^(?:[=-]{8,}|-+\[ cut here \]-+|<\/?(?:TASK|IRQ|NMI|SOFTIRQ)>|\[?\s*\.\.\.?\s*\]?|\.\.\.|-+ ?snip ?-+|<snip>|\[snip\]|Hardware name: .*|Workqueue: .*|Modules linked in:.*|RIP: .*|RSP: .*|R[A-Z0-9]{2}: .*|Tainted: \[.*|INITIAL USE at:|IN-[\w-]+ at:|[\w-]+-ON-[RW] at:|\}|\.\.\. key +at: .*|\.\.\. acquired at:)$/;

// A source location added under a frame by decode_stacktrace.sh or faddr2line.
const FRAME_SOURCE = /^(\(inlined by\) )?([\w.]+) at ([\w./+-]+):(\d+)(?::\d+)?$/;

/** Classify one logical line (text already stripped of quote and timestamp prefixes). */
export function classifyLine(text: string): Classified {
  const t = text.trim();
  if (t === '') return { role: 'blank', groups: [] };
  const banner = BANNER.exec(t);
  if (banner?.[1]) return { role: 'banner', order: 0, kind: bannerKind(banner[1]), groups: [banner[1]] };
  for (const rule of RULES) {
    const m = rule.re.exec(t);
    if (!m) continue;
    const out: Classified = { role: rule.role, order: rule.order, groups: m.slice(1).map((g) => g ?? '') };
    if (rule.kind) out.kind = rule.kind;
    return out;
  }
  if (isFrame(t)) return { role: 'frame', groups: [] };
  const source = FRAME_SOURCE.exec(t);
  if (source) return { role: 'frame-source', groups: source.slice(1).map((g) => g ?? '') };
  if (hasLockDescription(t)) return { role: 'lock-line', groups: [] };
  if (FILLER.test(t)) return { role: 'filler', groups: [] };
  return { role: 'prose', groups: [] };
}

/** Map a banner title to a report kind. */
export function bannerKind(title: string): ReportKind {
  const t = title.toLowerCase();
  if (t.includes('circular')) return 'circular';
  if (t.includes('recursive')) return 'recursive';
  if (t.includes('inconsistent')) return 'inconsistent';
  return 'irq-inversion';
}
