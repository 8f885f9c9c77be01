// Reads the fields of one report fragment into a LockdepReport.
import type { Classified, LineRole } from './classify.ts';
import { type Fragment, REPORT_SENTENCES } from './fragments.ts';
import { parseFrame } from './frames.ts';
import type { LogicalLine } from './lines.ts';
import { hasLockDescription, parseLockSite, readLockClass } from './lock-class.ts';
import type { ChainLink, LockClass, LockdepReport, ReportKind, ReportPart, StackFrame } from './types.ts';

type Mode = 'none' | 'acquiring' | 'holding' | 'registered' | 'link' | 'chain-exists' | 'held' | 'backtrace';

// Roles that count as evidence that a fragment really is a lockdep report: its sentences, or a version line.
const EVIDENCE = new Set<LineRole>([...REPORT_SENTENCES, 'version']);

// When no banner names the kind, the strongest sentence decides, in this order.
const KIND_PRIORITY: ReportKind[] = ['inconsistent', 'irq-inversion', 'circular', 'recursive'];

function blankReport(kind: ReportKind, fragment: Fragment, lines: LogicalLine[]): LockdepReport {
  return {
    kind,
    era: 'unknown',
    hasBanner: false,
    quoteDepth: fragment.depth,
    lines: { start: lines[fragment.start]?.start ?? 0, end: lines[fragment.end]?.end ?? 0 },
    registered: [],
    chain: [],
    chainExists: [],
    held: [],
    backtrace: [],
    locks: [],
    missing: [],
  };
}

// The parts lockdep prints for each kind, in printed order (kernel/locking/lockdep.c print_*_bug()).
const PARTS: Record<ReportKind, ReportPart[]> = {
  circular: [
    'banner',
    'lock being acquired',
    'lock already held',
    'dependency chain',
    'scenario table',
    'held locks',
    'stack backtrace',
  ],
  recursive: [
    'banner',
    'lock being acquired',
    'lock already held',
    'scenario table',
    'held locks',
    'stack backtrace',
  ],
  inconsistent: [
    'banner',
    'usage transition',
    'lock being acquired',
    'state registration stack',
    'scenario table',
    'held locks',
    'stack backtrace',
  ],
  'irq-inversion': [
    'banner',
    'lock being acquired',
    'lock already held',
    'scenario table',
    'held locks',
    'stack backtrace',
  ],
  scenario: [],
};

/** Which of the parts the kind prints the report does not hold. */
function missingParts(report: LockdepReport, roles: Set<LineRole>): ReportPart[] {
  const has: Record<ReportPart, boolean> = {
    banner: report.hasBanner,
    'usage transition': report.usage !== undefined,
    'lock being acquired': report.acquiring !== undefined,
    'lock already held': report.holding !== undefined,
    'state registration stack': report.registered.some((r) => r.frames.length > 0),
    'dependency chain': report.chain.length > 0,
    'scenario table': report.scenario !== undefined,
    'held locks': roles.has('held-by'),
    'stack backtrace': report.backtrace.length > 0,
  };
  return PARTS[report.kind].filter((part) => !has[part]);
}

/** Decide the kind of a fragment from its sentences; undefined when it is not a report. */
function decideKind(fragment: Fragment, roles: Classified[], lines: LogicalLine[]): ReportKind | undefined {
  const seen = new Set<string>();
  const kinds = new Set<ReportKind>();
  let bannerKind: ReportKind | undefined;
  for (let i = fragment.start; i <= fragment.end; i++) {
    const c = roles[i];
    if (!c) continue;
    if (EVIDENCE.has(c.role)) seen.add(c.role);
    // `-> #N (class){usage}` is printed by nothing but lockdep: one such line is enough on its own.
    if (c.role === 'link' && hasLockDescription(lines[i]?.text ?? '')) seen.add('link-with-class');
    if (c.kind && c.role === 'banner') bannerKind ??= c.kind;
    else if (c.kind) kinds.add(c.kind);
  }
  const score = seen.size + (fragment.tables.length > 0 ? 2 : 0);
  if (score < 2) return undefined;
  if (bannerKind) return bannerKind;
  const strong = KIND_PRIORITY.find((k) => kinds.has(k));
  if (strong) return strong;
  if (seen.has('trying') && seen.has('holding')) {
    const sites: string[] = [];
    for (let i = fragment.start; i <= fragment.end; i++) {
      if (roles[i]?.role === 'lock-line') {
        const site = parseLockSite(lines[i]?.text ?? '');
        if (site) sites.push(site.lock.name);
      }
    }
    if (sites.length >= 2) return sites[0] === sites[1] ? 'recursive' : 'circular';
  }
  return fragment.tables.length > 0 ? 'scenario' : undefined;
}

function addLock(report: LockdepReport, lock: LockClass): void {
  const known = report.locks.find((l) => l.name === lock.name);
  if (!known) report.locks.push({ ...lock });
  else {
    known.usage ??= lock.usage;
    known.waitType ??= lock.waitType;
  }
}

/** Lockdep prints the circular scenario in one fixed shape; use it when wrapping hid the indents. */
function fixCircularColumns(report: LockdepReport): void {
  const table = report.scenario;
  if (report.kind !== 'circular' || !table || table.handDrawn || table.columns.length !== 2) return;
  const steps = table.steps;
  if (steps.length !== 4 || steps.some((s) => s.action !== 'lock')) return;
  [0, 1, 1, 0].forEach((cpu, i) => {
    const step = steps[i];
    if (step) step.cpu = cpu;
  });
}

/** Build a report from a fragment, or undefined when the fragment is not a lockdep report. */
export function buildReport(
  fragment: Fragment,
  lines: LogicalLine[],
  roles: Classified[],
): LockdepReport | undefined {
  const kind = decideKind(fragment, roles, lines);
  if (!kind) return undefined;
  const report = blankReport(kind, fragment, lines);
  let mode: Mode = 'none';
  let frames: StackFrame[] | undefined;
  let pendingLink: ChainLink | undefined;
  const chainText: string[] = [];
  let legacy = false;
  const tableAt = new Map(fragment.tables.map((t) => [t.at, t]));
  const seen = new Set<LineRole>();
  for (let i = fragment.start; i <= fragment.end; i++) {
    const line = lines[i] as LogicalLine;
    const c = roles[i] as Classified;
    seen.add(c.role);
    const text = line.text.trim();
    // Before 4.x, every stack frame started with its address; later ones print addresses only in the
    // irq-stamp lines, which must not count.
    if (c.role === 'frame' && /^\[<[0-9a-f]{8,16}>\]/.test(text)) legacy = true;
    const table = tableAt.get(i);
    if (table) {
      report.scenario ??= table.table;
      i = table.end;
      mode = 'none';
      continue;
    }
    if (mode === 'chain-exists') {
      if (c.role === 'blank' || c.order !== undefined) mode = 'none';
      else {
        // Lines of other tasks may sit between the chain's lines; a chain line is class names and arrows.
        if (isChainPiece(text)) chainText.push(text);
        continue;
      }
    }
    const g = c.groups;
    switch (c.role) {
      case 'banner':
        report.hasBanner = true;
        report.title = g[0];
        if (text.startsWith('[')) legacy = true;
        break;
      case 'version':
        if (!report.kernel && g[0]) {
          report.kernel = { version: g[0] };
          if (g[1] === 'Not tainted') report.kernel.notTainted = true;
          else if (g[1]) {
            report.kernel.notTainted = false;
            report.kernel.taint = (g[2] ?? '').replace(/\s+/g, ' ').trim();
          }
        }
        break;
      case 'trying':
      case 'changed':
      case 'takes':
        report.task ??= { name: g[0] ?? '', pid: Number(g[1]) };
        mode = 'acquiring';
        break;
      case 'inconsistent':
        report.usage = { from: g[0] ?? '', to: g[1] ?? '' };
        break;
      case 'holding':
      case 'other-lock':
        mode = 'holding';
        break;
      case 'registered':
        frames = [];
        report.registered.push({ state: g[0] ?? '', frames });
        mode = 'registered';
        break;
      case 'link': {
        const read = readLockClass(g[1] ?? '');
        pendingLink = { index: Number(g[0]), lock: read?.lock ?? { name: '' }, frames: [] };
        report.chain.push(pendingLink);
        frames = pendingLink.frames;
        mode = 'link';
        break;
      }
      case 'chain-exists':
        // A mailer may have glued the first line of the chain onto the heading.
        if (g[0]) chainText.push(g[0]);
        mode = 'chain-exists';
        break;
      case 'held-by':
        if (!report.task && g[1]) report.task = { name: g[1], pid: Number(g[2]) };
        mode = 'held';
        break;
      case 'held-item': {
        const site = parseLockSite(text);
        if (site) report.held.push({ ...site, index: site.index ?? Number(g[0]) });
        break;
      }
      case 'cpu-line': {
        const v = /(?:Not tainted|Tainted: ([A-Z ]*?))\s+(\d+\.\d+[\w.+~-]*) #/.exec(g[2] ?? '');
        if (!report.kernel && v?.[2]) {
          report.kernel = { version: v[2], notTainted: v[1] === undefined };
          if (v[1] !== undefined) report.kernel.taint = v[1].replace(/\s+/g, ' ').trim();
        }
        report.task ??= { name: g[1] ?? '', pid: Number(g[0]) };
        frames = report.backtrace;
        mode = 'backtrace';
        break;
      }
      case 'backtrace':
      case 'call-trace':
        frames = report.backtrace;
        mode = 'backtrace';
        break;
      case 'lock-line': {
        const site = parseLockSite(text);
        if (!site) break;
        if (mode === 'acquiring') {
          report.acquiring ??= site;
          mode = 'none';
        } else if (mode === 'holding') {
          report.holding ??= site;
          mode = 'none';
        } else if (mode === 'link' && pendingLink && pendingLink.lock.name === '') {
          pendingLink.lock = site.lock;
        } else if (mode === 'held') {
          report.held.push({ ...site, index: site.index ?? report.held.length });
        }
        break;
      }
      case 'frame': {
        const frame = parseFrame(text);
        if (frame && frames && (mode === 'registered' || mode === 'link' || mode === 'backtrace'))
          frames.push(frame);
        break;
      }
      case 'frame-source': {
        // `func at file.c:12` under `func+0x1/0x2`: the symboliser's location for that frame.
        const last = frames?.at(-1);
        if (last && !last.file && g[0] === '' && last.function.startsWith(g[1] ?? '')) {
          last.file = g[2];
          last.line = Number(g[3]);
        }
        break;
      }
      default:
        if (c.order !== undefined) mode = 'none';
    }
  }
  if (chainText.length > 0) {
    report.chainExists = chainText
      .join(' ')
      .split(/\s*-->\s*/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  report.era = legacy
    ? 'legacy'
    : report.hasBanner || report.locks.some((l) => l.waitType)
      ? 'modern'
      : 'unknown';
  fixCircularColumns(report);
  collectLocks(report);
  if (report.era === 'unknown' && report.locks.some((l) => l.waitType)) report.era = 'modern';
  report.missing = missingParts(report, seen);
  return report;
}

/** True for a line of a `Chain exists of:` list: class names (no spaces) joined by `-->`. */
function isChainPiece(text: string): boolean {
  const parts = text.split('-->').map((p) => p.trim());
  return parts.some((p) => p !== '') && parts.every((p) => !/\s/.test(p));
}

/** Fill `locks` with every class the problem involves (held locks are context and are left out). */
function collectLocks(report: LockdepReport): void {
  if (report.acquiring) addLock(report, report.acquiring.lock);
  if (report.holding) addLock(report, report.holding.lock);
  for (const link of report.chain) if (link.lock.name) addLock(report, link.lock);
  for (const name of report.chainExists) addLock(report, { name });
  for (const step of report.scenario?.steps ?? []) if (step.lock) addLock(report, { name: step.lock });
}
