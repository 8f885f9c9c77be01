// "Open as a scenario": turns a circular lockdep report into a scenario model skeleton that the model
// checker can run. One context per dependency of the cycle, each taking the lock it already held and
// then the next one; a dependency whose first lock is hardirq-safe runs as an interrupt handler.

import type { LockClass, LockdepReport, StackFrame } from '../lockdep/types.ts';
import { isIrqSafe } from '../lockdep/usage-bits.ts';
import type { CodeRef, IrqDecl, LockDecl, LockKind, Scenario, Step, TaskDecl } from '../locks/model.ts';

/** Where the scenario will live and which message it answers. */
export interface ChainScenarioOptions {
  /** Thread slug. */
  thread: string;
  /** Message-ID of the message holding the report. */
  answers: string;
  /** Scenario id (default `report-<first lock>`). */
  id?: string;
}

/** One edge of the cycle: `held` was held when `next` was taken, at `frames`. */
export interface Dependency {
  /** The class already held. */
  held: LockClass;
  /** The class taken while holding it. */
  next: LockClass;
  /** Stack where lockdep saw the second acquisition (may be empty). */
  frames: StackFrame[];
  /** Where the held lock was taken, when the report says (the `already holding … at:` frame). */
  heldFrames: StackFrame[];
}

/**
 * The cycle a circular report describes, as dependencies in order. Lockdep numbers the chain so that
 * link #k was taken while #k-1 was held, and the new acquisition closes the cycle (#N held, #0 wanted).
 */
export function cycleOf(report: LockdepReport): Dependency[] | undefined {
  const links = [...report.chain].filter((l) => l.lock.name !== '').sort((a, b) => a.index - b.index);
  const newFrames = report.acquiring?.at ? [report.acquiring.at] : report.backtrace;
  const holdFrames = report.holding?.at ? [report.holding.at] : [];
  if (links.length >= 2) {
    return links.map((link, i) => {
      const prev = links[(i + links.length - 1) % links.length] as (typeof links)[0];
      // For a recorded link, where the held lock was taken is not printed; the code that took it in its
      // own link is the best hint.
      const heldFrames = i === 0 ? holdFrames : prev.frames;
      return { held: prev.lock, next: link.lock, frames: i === 0 ? newFrames : link.frames, heldFrames };
    });
  }
  // No chain pasted: `Chain exists of: A --> … --> Z` lists the cycle (Z is held when A is wanted).
  const names = report.chainExists.length >= 2 ? report.chainExists : undefined;
  const classes =
    names?.map((name) => report.locks.find((l) => l.name === name) ?? { name }) ??
    (report.acquiring && report.holding ? [report.acquiring.lock, report.holding.lock] : undefined);
  if (!classes || classes.length < 2) return undefined;
  return classes.map((next, i) => ({
    held: classes[(i + classes.length - 1) % classes.length] as LockClass,
    next,
    frames: i === 0 ? newFrames : [],
    heldFrames: i === 0 ? holdFrames : [],
  }));
}

// Frames inside lockdep and the locking primitives say nothing about the caller; skip them.
const INTERNAL =
  /^(?:__?lock_acquire\w*|lock_acquire\w*|check_\w+|validate_chain|mark_lock\w*|lockdep_\w+|__?mutex_lock\w*|mutex_lock\w*|_raw_\w+|down_\w+|down|__flush_work\w*|__?flush_workqueue|__cancel_work\w*|cancel_work\w*|process_one_work|worker_thread|kthread|ret_from_fork\w*)$/;

function codeRef(frames: StackFrame[]): CodeRef {
  const frame = frames.find((f) => !INTERNAL.test(f.function)) ?? frames[0];
  return frame ? { fn: `${frame.function}()`, file: frame.file ?? '' } : { fn: '(not in report)', file: '' };
}

/** Irq-safe classes and wait types 1–2 spin; sleeping ones (3, 4) and the work pseudo-locks (0) are mutexes. */
function kindOf(lock: LockClass): LockKind {
  if (isIrqSafe(lock.usage).hardirq || isIrqSafe(lock.usage).softirq) return 'spinlock';
  const inner = /^\{(\d):/.exec(lock.waitType ?? '')?.[1];
  return inner === '1' || inner === '2' ? 'spinlock' : 'mutex';
}

/** Build a scenario skeleton from a circular report; undefined when the report has no usable cycle. */
export function chainToScenario(report: LockdepReport, options: ChainScenarioOptions): Scenario | undefined {
  const cycle = cycleOf(report);
  if (!cycle) return undefined;
  const locks: LockDecl[] = [];
  const idOf = (lock: LockClass): string => {
    const known = locks.find((l) => l.name === lock.name);
    if (known) return known.id;
    const decl: LockDecl = { id: `l${locks.length}`, name: lock.name, kind: kindOf(lock) };
    locks.push(decl);
    return decl.id;
  };
  const tasks: TaskDecl[] = [];
  const irqs: IrqDecl[] = [];
  cycle.forEach((dep, cpu) => {
    const held = idOf(dep.held);
    const next = idOf(dep.next);
    const spin = (id: string) => locks.find((l) => l.id === id)?.kind === 'spinlock';
    const code = codeRef(dep.frames);
    const heldCode = dep.heldFrames.length > 0 ? codeRef(dep.heldFrames) : code;
    const take = (id: string, at: CodeRef): Step => ({
      op: spin(id) ? 'spin_lock' : 'mutex_lock',
      target: id,
      code: at,
    });
    const drop = (id: string, at: CodeRef): Step => ({
      op: spin(id) ? 'spin_unlock' : 'mutex_unlock',
      target: id,
      code: at,
    });
    const steps = [take(held, heldCode), take(next, code), drop(next, code), drop(held, heldCode)];
    const name = `${dep.held.name} → ${dep.next.name}`;
    // A hardirq-safe first lock means lockdep saw this order inside an interrupt handler.
    if (isIrqSafe(dep.held.usage).hardirq && spin(held) && spin(next)) {
      irqs.push({ id: `dep${cpu}`, name, cpus: [cpu], handler: steps, code });
    } else {
      tasks.push({ id: `dep${cpu}`, name, cpu, steps });
    }
  });
  const first = cycle[0]?.next.name ?? 'lock';
  return {
    id:
      options.id ??
      `report-${first
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}`,
    thread: options.thread,
    title: `Cycle from the lockdep report: ${cycle.map((d) => d.held.name).join(' → ')}`,
    answers: options.answers,
    summary:
      'Generated from a circular lockdep report: one context per dependency of the cycle, each holding ' +
      'the lock lockdep saw held and then taking the next one. A skeleton to refine, not a reading of the code.',
    expect: 'deadlock',
    cpus: cycle.length,
    locks,
    ...(irqs.length > 0 ? { irqs } : {}),
    tasks,
  };
}
