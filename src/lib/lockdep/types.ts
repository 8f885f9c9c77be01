// Plain records produced by the lockdep report parser. Pure data: no classes, no I/O.

/**
 * The kinds of locking bug lockdep reports, as the parser, the validator's findings and thread.yaml's
 * `kind` name them: "possible circular locking dependency detected", "possible irq lock inversion
 * dependency detected" (or "…-safe -> …-unsafe lock order"), "inconsistent lock state", "possible
 * recursive locking detected".
 */
export const BUG_KINDS = ['circular', 'inconsistent', 'recursive', 'irq-inversion'] as const;

/** A kind of locking bug lockdep reports. */
export type BugKind = (typeof BUG_KINDS)[number];

/**
 * What lockdep complained about (see docs/lockdep-reports.md for how each is recognised); `scenario` is
 * a printed or hand-drawn CPU table on its own, with no other report text.
 */
export type ReportKind = BugKind | 'scenario';

/** Which printk layout the report follows. */
export type ReportEra = 'legacy' | 'modern' | 'unknown';

/** One stack frame as lockdep prints it (`func+0x1a/0x40 [module]`, syzbot's `file.c:12`). */
export interface StackFrame {
  /** Function (symbol) name. */
  function: string;
  /** Offset into the function, hex with `0x`, when printed. */
  offset?: string;
  /** Size of the function, hex with `0x`, when printed. */
  size?: string;
  /** Module in square brackets, when the function lives in a module. */
  module?: string;
  /** Source file when the report was symbolised (syzbot, decode_stacktrace.sh). */
  file?: string;
  /** Source line number that goes with `file`. */
  line?: number;
  /** True for `[inline]` frames (a function inlined into the next frame). */
  inline?: boolean;
  /** True for frames printed with a leading `?` (the unwinder is not sure they are live). */
  uncertain?: boolean;
}

/** A lock class as printed: `(&dev->lock){+.+.}-{3:3}`. */
export interface LockClass {
  /** Class name, the text inside the outer parentheses (`&dev->lock`, `(wq_completion)events`). */
  name: string;
  /** Usage bits with braces, `{+.+.}`, when printed. */
  usage?: string;
  /** Wait type with braces, `{3:3}` (two `lockdep_wait_type` levels), when printed (5.8+ kernels). */
  waitType?: string;
}

/** A lock line with where it was taken: `ffff… (&x->lock){+.+.}-{3:3}, at: func+0x1/0x2`. */
export interface LockSite {
  /** The lock class. */
  lock: LockClass;
  /** Instance address when printed (hex, no `0x`). */
  address?: string;
  /** Where the lock was acquired (`at:` frame), when printed. */
  at?: StackFrame;
}

/** One link of `the existing dependency chain (in reverse order) is:`. */
export interface ChainLink {
  /** The `#N` number (0 is the lock being acquired now). */
  index: number;
  /** The lock class of this link. */
  lock: LockClass;
  /** Stack where the dependency was first recorded. */
  frames: StackFrame[];
}

/** One step of a scenario table: what one CPU column does in one row. */
export interface ScenarioStep {
  /** Column index (0 = CPU0). */
  cpu: number;
  /** The cell text, trimmed (`lock(&x->lock);`, `<Interrupt>`). */
  text: string;
  /** What the step does. */
  action: 'lock' | 'interrupt' | 'irq-disable' | 'other';
  /** Lock named in the step, for `lock(...)` and `spin_lock(&...)` style cells. */
  lock?: string;
  /** True when the step runs inside an interrupt shown by an `<Interrupt>` row above it. */
  inInterrupt: boolean;
}

/** A "Possible unsafe locking scenario" table or a hand-drawn CPU table. */
export interface ScenarioTable {
  /** Column headers in order (`CPU0`, `CPU1`). */
  columns: string[];
  /** Steps in row order. */
  steps: ScenarioStep[];
  /** True for tables drawn by a person rather than printed by lockdep. */
  handDrawn: boolean;
  /** True when the `*** DEADLOCK ***` line follows the table. */
  deadlockLine: boolean;
}

/** One entry of `N locks held by task/pid:`. */
export interface HeldLock extends LockSite {
  /** The `#N` number. */
  index: number;
}

/** The kernel a report came from. */
export interface KernelInfo {
  /** Release string, e.g. `5.16.0-rc3+`. */
  version: string;
  /** True when the report says `Not tainted`; false when it prints taint flags; absent if unknown. */
  notTainted?: boolean;
  /** Taint flags as printed after `Tainted:` (`G S I`), spaces collapsed. */
  taint?: string;
}

/** A task as printed (`kworker/14:4/4839`). */
export interface TaskInfo {
  /** Command name (may contain `/`). */
  name: string;
  /** Process id. */
  pid?: number;
}

/** An irq state pair from `inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.`. */
export interface UsageTransition {
  /** The state the lock class was already in (without braces). */
  from: string;
  /** The state the new acquisition would add (without braces). */
  to: string;
}

/** One lockdep report found in a message body. */
export interface LockdepReport {
  /** What kind of report it is. */
  kind: ReportKind;
  /** Banner title as printed, without `WARNING:`/`[ INFO: ]` (absent when the banner was cut). */
  title?: string;
  /** Which layout the report follows (`[ INFO: … ]` banners and `[<addr>]` frames are legacy). */
  era: ReportEra;
  /** False when the banner was not pasted (only part of the report is present). */
  hasBanner: boolean;
  /** Quote depth of the report's first line (0 = not quoted). */
  quoteDepth: number;
  /** First and last line (0-based, inclusive) of the report in the body. */
  lines: { start: number; end: number };
  /** Kernel release and taint, when printed. */
  kernel?: KernelInfo;
  /** The task that triggered the report. */
  task?: TaskInfo;
  /** The lock being acquired (circular, recursive) or whose state changed (inconsistent, irq). */
  acquiring?: LockSite;
  /** The lock already held (circular, recursive) or the other lock (irq inversion). */
  holding?: LockSite;
  /** For inconsistent lock state reports: the usage transition. */
  usage?: UsageTransition;
  /** `{STATE} state was registered at:` stacks, keyed by state without braces. */
  registered: { state: string; frames: StackFrame[] }[];
  /** Dependency chain links in printed order (`-> #N`). */
  chain: ChainLink[];
  /** Lock classes listed after `Chain exists of:`, in printed order. */
  chainExists: string[];
  /** The scenario table, when present. */
  scenario?: ScenarioTable;
  /** Locks held by the task. */
  held: HeldLock[];
  /** The final stack backtrace (call trace) frames. */
  backtrace: StackFrame[];
  /** Every distinct lock class named in the report, in order of first appearance. */
  locks: LockClass[];
  /**
   * The parts lockdep prints for this kind that the text does not hold, in printed order
   * (`banner`, `lock being acquired`, `dependency chain`, …); empty for a complete report.
   */
  missing: ReportPart[];
}

/** A part of a report that can be missing from a paste (see `missing`). */
export type ReportPart =
  | 'banner'
  | 'usage transition'
  | 'lock being acquired'
  | 'lock already held'
  | 'state registration stack'
  | 'dependency chain'
  | 'scenario table'
  | 'held locks'
  | 'stack backtrace';
