// A lockdep-style validator: lock classes, their irq usage and the dependency graph, read from the model
// the way lockdep's runtime would see it if every path of every body ran once, and the reports lockdep
// would print even when the deadlock needs an unlikely interleaving. It reasons on classes (instances of
// one class are one node), as lockdep does; the rules themselves are in lockdep-rules.ts, what each
// primitive tells lockdep is in its family's `lockdep` hook.

import { type Compiled, type Context, compileScenario, type Micro } from './compile.ts';
import { edgeId } from './describe.ts';
import type { GraphEdge, RClass, Report, Site, Task } from './lockdep-rules.ts';
import {
  ENABLED_HARDIRQ,
  ENABLED_SOFTIRQ,
  Lockdep,
  USED_IN_HARDIRQ,
  USED_IN_SOFTIRQ,
} from './lockdep-rules.ts';
import type { AcquireOpts, ClassKind, ClassRef, LockdepWalk } from './lockdep-walk.ts';
import type { Scenario } from './model.ts';
import { lockClass } from './primitives/common.ts';
import { timerClass } from './primitives/timer.ts';
import { workClass, wqClass } from './primitives/workqueue.ts';

export type { Site } from './lockdep-rules.ts';
export type { ClassKind } from './lockdep-walk.ts';

/**
 * A lock class of a model with lockdep's usage bits (first site seen for each). Its `name` and `usage`
 * read as a printed class does (lib/lockdep/types.ts LockClass, what the report parser gives); the name
 * differs so the two records are never mistaken for each other.
 */
export interface ModelLockClass {
  id: string;
  /** The class name as lockdep prints it (`&dev->lock/1`, `(wq_completion)events`). */
  name: string;
  kind: ClassKind;
  /** Taken in hardirq context (IN-HARDIRQ-W). */
  hardirqSafe?: Site;
  /** Held with hardirqs enabled (HARDIRQ-ON-W). */
  hardirqUnsafe?: Site;
  /** Taken in softirq context (IN-SOFTIRQ-W). */
  softirqSafe?: Site;
  /** Held with softirqs enabled (SOFTIRQ-ON-W). */
  softirqUnsafe?: Site;
  /** The same four for read acquisitions (IN-HARDIRQ-R …). */
  hardirqSafeRead?: Site;
  hardirqUnsafeRead?: Site;
  softirqSafeRead?: Site;
  softirqUnsafeRead?: Site;
  /** lockdep's usage characters, e.g. `{-.-.}`. */
  usage?: string;
  /** Lock ids of the instances of this class that were taken. */
  instances?: string[];
}

/** A dependency `from → to`: `to` was taken while `from` was held (or, for irq edges, by an interrupt). */
export interface DepEdge {
  id: string;
  from: string;
  to: string;
  /** Closing edge of an irq inversion: an interrupt on the CPU holding `from` takes `to`. */
  irq: boolean;
  site: Site;
}

/** Kinds of report: lockdep's (named as the report parser names them) and might_sleep()'s. */
export type FindingKind =
  | 'irq-inversion'
  | 'circular'
  | 'inconsistent'
  | 'recursive'
  | 'bad-unlock'
  | 'held-lock-freed'
  | 'sleep-in-atomic';

/** One problem lockdep (or might_sleep()) would report. */
export interface Finding {
  kind: FindingKind;
  /** The headline as lockdep words it. */
  title: string;
  /** Class chain: for irq-inversion, safe … unsafe; for circular, a cycle (first class not repeated). */
  chain: string[];
  /** hardirq or softirq for irq findings. */
  irq?: 'hardirq' | 'softirq';
  /** Edge ids along the chain, closing edge included (drawn highlighted). */
  edges: string[];
  /** Explanation lines, lockdep style. */
  lines: string[];
  /** Every place the same report comes from. */
  sites: Site[];
}

/** The whole validator output for one scenario (what lockdep would report; a parsed report is lib/lockdep's LockdepReport). */
export interface ValidatorReport {
  classes: ModelLockClass[];
  edges: DepEdge[];
  findings: Finding[];
  /** A body had more paths than the walk follows (the report covers those walked). */
  truncated?: boolean;
}

/** Runs the validator on a scenario. */
export function validateScenario(s: Scenario): ValidatorReport {
  return validateCompiled(compileScenario(s));
}

/** Paths per body the walk follows at most (branches multiply them). */
const MAX_WALK = 20000;

/** Runs the validator on a compiled scenario. */
export function validateCompiled(c: Compiled): ValidatorReport {
  const ld = new Lockdep();
  const sleeps = new Map<string, Finding>();
  for (const l of c.locks) ld.cls({ id: l.classId, name: l.className, kind: l.kind });
  for (let i = 0; i < c.timers.length; i++) ld.cls(timerClass(c, i));
  for (let i = 0; i < c.works.length; i++) ld.cls(workClass(c, i));
  for (let i = 0; i < c.wqs.length; i++) ld.cls(wqClass(c, i));
  let truncated = false;
  const walked = new Set<number>();
  for (const x of c.contexts) {
    const label = x.kind === 'task' ? x.name : `${x.kind} ${x.name}`;
    if (x.kind === 'worker') {
      if (walked.has(x.source)) continue;
      walked.add(x.source);
      for (const [wi, w] of c.works.entries()) {
        if (w.wq !== x.source) continue;
        const start = [wqClass(c, w.wq), workClass(c, wi)];
        truncated =
          walkBody(c, ld, sleeps, x, w.body, start, `worker ${w.name}`, runner(c, 'work')) || truncated;
      }
    } else if (x.sourceKind === 'timer') {
      truncated =
        walkBody(c, ld, sleeps, x, x.body, [timerClass(c, x.source)], label, runner(c, 'timer')) || truncated;
    } else {
      truncated = walkBody(c, ld, sleeps, x, x.body, [], label, x.code) || truncated;
    }
  }
  const findings: Finding[] = [...ld.findings.map(fromReport), ...sleeps.values()];
  const report: ValidatorReport = {
    classes: [...ld.classes.values()].map(toClass),
    edges: [...ld.edges.values()].map(toEdge),
    findings,
  };
  if (truncated) report.truncated = true;
  return report;
}

/** Where the kernel takes a work's or a timer's pseudo-locks before running it. */
function runner(c: Compiled, what: 'work' | 'timer'): { fn: string; file: string } {
  const old = c.kernel < 20636;
  if (what === 'work')
    return { fn: old ? 'run_workqueue()' : 'process_one_work()', file: 'kernel/workqueue.c' };
  return old
    ? { fn: '__run_timers()', file: 'kernel/timer.c' }
    : { fn: 'call_timer_fn()', file: 'kernel/time/timer.c' };
}

function fromReport(r: Report): Finding {
  const f: Finding = {
    kind: r.kind,
    title: r.title,
    chain: r.chain,
    edges: r.edges,
    lines: r.lines,
    sites: r.sites,
  };
  if (r.irq) f.irq = r.irq;
  return f;
}

function toEdge(e: GraphEdge): DepEdge {
  return { id: e.id, from: e.from, to: e.to, irq: e.irq, site: e.site };
}

function toClass(k: RClass): ModelLockClass {
  const out: ModelLockClass = {
    id: k.id,
    name: k.name,
    kind: k.kind,
    usage: usageChars(k.usage),
    instances: [...k.instances],
  };
  const put = (key: keyof ModelLockClass, bit: number): void => {
    const s = k.usageSite[bit];
    if (s && k.usage & (1 << bit)) (out as unknown as Record<string, Site>)[key] = s;
  };
  put('hardirqSafe', USED_IN_HARDIRQ);
  put('hardirqSafeRead', USED_IN_HARDIRQ + 1);
  put('hardirqUnsafe', ENABLED_HARDIRQ);
  put('hardirqUnsafeRead', ENABLED_HARDIRQ + 1);
  put('softirqSafe', USED_IN_SOFTIRQ);
  put('softirqSafeRead', USED_IN_SOFTIRQ + 1);
  put('softirqUnsafe', ENABLED_SOFTIRQ);
  put('softirqUnsafeRead', ENABLED_SOFTIRQ + 1);
  return out;
}

/** lockdep's four usage characters: '.', '-' used in irq, '+' irq enabled, '?' both. */
function usageChars(mask: number): string {
  const ch = (bit: number): string => {
    const used = (mask & (1 << bit)) !== 0;
    const enabled = (mask & (1 << (bit + 2))) !== 0;
    return enabled ? (used ? '?' : '+') : used ? '-' : '.';
  };
  return `{${ch(USED_IN_HARDIRQ)}${ch(USED_IN_HARDIRQ + 1)}${ch(USED_IN_SOFTIRQ)}${ch(USED_IN_SOFTIRQ + 1)}}`;
}

/** One path's state: where it is, what lockdep's task state is, what it knows of the variables. */
interface PathState {
  pc: number;
  task: Task;
  bh: number;
  preempt: number;
  /** Saved irq flags (bit i = irqs were off when flags key i was saved). */
  saved: number;
  vars: Map<number, number | undefined>;
}

function clone(p: PathState): PathState {
  return {
    pc: p.pc,
    task: { ...p.task, held: p.task.held.map((h) => ({ ...h })) },
    bh: p.bh,
    preempt: p.preempt,
    saved: p.saved,
    vars: new Map(p.vars),
  };
}

function keyOf(p: PathState): string {
  const held = p.task.held.map((h) => `${h.instance}:${h.read}${h.trylock ? 't' : ''}`).join(',');
  const vars = [...p.vars.entries()].map(([k, v]) => `${k}=${v ?? '?'}`).join(',');
  return `${p.pc}|${held}|${p.task.hardirqsOff ? 1 : 0}${p.bh}/${p.preempt}/${p.saved}|${vars}`;
}

/** Walks every path of one body (branches fork it); returns whether the walk was cut short. */
function walkBody(
  c: Compiled,
  ld: Lockdep,
  sleeps: Map<string, Finding>,
  x: Context,
  body: Micro[],
  start: ClassRef[],
  label: string,
  entry: Scenario['tasks'][number]['steps'][number]['code'] | undefined,
): boolean {
  const hardirq = x.kind === 'hardirq';
  const softirq = x.kind === 'softirq';
  const init: PathState = {
    pc: 0,
    task: {
      held: [],
      hardirqsOff: hardirq,
      softirqsEnabled: !hardirq && !softirq,
      hardirqCtx: hardirq,
      softirqCtx: softirq,
      label,
    },
    bh: 0,
    preempt: 0,
    saved: 0,
    vars: new Map(),
  };
  const entrySite: Site = { context: label, code: entry ?? body[0]?.code ?? { fn: '', file: '' } };
  for (const k of start) {
    ld.acquire(init.task, k, { read: 0, trylock: false, check: true, instance: k.id }, entrySite);
  }
  const stack: PathState[] = [init];
  const seen = new Set<string>();
  let steps = 0;
  while (stack.length > 0) {
    const p = stack.pop() as PathState;
    for (;;) {
      if (p.pc >= body.length) break;
      const key = keyOf(p);
      if (seen.has(key)) break;
      seen.add(key);
      if (++steps > MAX_WALK) return true;
      const m = body[p.pc] as Micro;
      const w = new Walk(c, ld, sleeps, x, p, m);
      if (m.into >= 0) p.vars.set(m.into, undefined);
      m.spec.lockdep?.(w, m);
      if (w.forks) {
        for (const f of w.forks) stack.push(f);
        break;
      }
      p.pc = m.next;
    }
  }
  return false;
}

/** The LockdepWalk the families' hooks talk to, for one micro-op of one path. */
class Walk implements LockdepWalk {
  forks: PathState[] | undefined;
  readonly c: Compiled;
  readonly x: Context;
  private readonly ld: Lockdep;
  private readonly sleeps: Map<string, Finding>;
  private readonly p: PathState;
  private readonly m: Micro;
  constructor(c: Compiled, ld: Lockdep, sleeps: Map<string, Finding>, x: Context, p: PathState, m: Micro) {
    this.c = c;
    this.ld = ld;
    this.sleeps = sleeps;
    this.x = x;
    this.p = p;
    this.m = m;
  }

  private site(m: Micro): Site {
    return { context: this.p.task.label, code: m.code };
  }

  inInterrupt(): boolean {
    return this.p.task.hardirqCtx || this.p.task.softirqCtx || this.p.bh > 0;
  }

  acquire(cls: ClassRef, m: Micro, opts: AcquireOpts = {}): void {
    this.ld.acquire(
      this.p.task,
      cls,
      {
        read: opts.read ?? 0,
        trylock: opts.trylock === true,
        check: opts.check !== false,
        instance: opts.instance ?? cls.id,
        ...(opts.irqsOff ? { hardirqsOff: true } : {}),
      },
      this.site(m),
    );
  }

  release(instance: string, m: Micro): void {
    this.ld.release(this.p.task, instance, this.site(m));
  }

  downgrade(instance: string, m: Micro): void {
    this.ld.downgrade(this.p.task, instance, this.site(m));
  }

  touch(cls: ClassRef, m: Micro, opts: AcquireOpts = {}): void {
    const instance = opts.instance ?? `${cls.id}#touch`;
    this.acquire(cls, m, { ...opts, instance });
    this.release(instance, m);
  }

  irqsOff(): void {
    this.p.task.hardirqsOff = true;
  }

  irqsOn(m: Micro): void {
    if (this.p.task.hardirqCtx || !this.p.task.hardirqsOff) return;
    this.ld.hardirqsOn(this.p.task, this.site(m));
  }

  saveIrqs(bit: number): void {
    this.p.saved = this.p.task.hardirqsOff ? this.p.saved | (1 << bit) : this.p.saved & ~(1 << bit);
    this.p.task.hardirqsOff = true;
  }

  restoreIrqs(bit: number, m: Micro): void {
    const off = (this.p.saved >> bit) & 1;
    this.p.saved &= ~(1 << bit);
    if (off) this.p.task.hardirqsOff = true;
    else this.irqsOn(m);
  }

  bhOff(): void {
    this.p.bh++;
    this.p.task.softirqsEnabled = false;
  }

  bhOn(m: Micro): void {
    this.p.bh = Math.max(0, this.p.bh - 1);
    if (this.p.bh > 0 || this.p.task.softirqCtx || this.p.task.hardirqCtx || this.p.task.softirqsEnabled)
      return;
    this.ld.softirqsOn(this.p.task, this.site(m));
  }

  preemptOff(): void {
    this.p.preempt++;
  }

  preemptOn(): void {
    this.p.preempt = Math.max(0, this.p.preempt - 1);
  }

  mightSleep(m: Micro): void {
    const t = this.p.task;
    const spin = t.held.find((h) => h.cls.kind === 'spinlock' || h.cls.kind === 'rwlock');
    const why = spin
      ? `holding ${spin.cls.name}`
      : t.hardirqCtx
        ? 'in hardirq'
        : t.hardirqsOff
          ? 'with irqs disabled'
          : t.softirqCtx
            ? 'in softirq'
            : this.p.bh > 0
              ? 'with softirqs disabled'
              : this.p.preempt > 0
                ? t.held.some((h) => h.cls.kind === 'rcu')
                  ? 'inside an RCU read-side section'
                  : 'with preemption disabled'
                : undefined;
    if (!why) return;
    const key = `${m.call}|${why}`;
    const old = this.sleeps.get(key);
    const site = this.site(m);
    if (old) {
      if (!old.sites.some((s) => s.context === site.context)) old.sites.push(site);
      return;
    }
    this.sleeps.set(key, {
      kind: 'sleep-in-atomic',
      title: 'BUG: sleeping function called from invalid context',
      chain: spin ? [spin.cls.id] : [],
      edges: [],
      lines: [`${t.label}: ${m.call} may sleep but runs ${why}`, `  at ${m.code.fn} ${m.code.file}`],
      sites: [site],
    });
  }

  initLock(instance: string, m: Micro): void {
    this.ld.initHeld(this.p.task, instance, this.site(m));
  }

  getVar(v: number): number | undefined {
    return this.p.vars.get(v);
  }

  setVar(v: number, value: number | undefined): void {
    if (v >= 0) this.p.vars.set(v, value);
  }

  fork(outcomes: readonly { pc: number; run?: (w: LockdepWalk) => void }[]): void {
    const clones = outcomes.map((o) => {
      const q = clone(this.p);
      q.pc = o.pc;
      if (o.run) o.run(new Walk(this.c, this.ld, this.sleeps, this.x, q, this.m));
      return q;
    });
    // Pushed last first, so the first outcome is walked first.
    this.forks = clones.reverse();
  }
}

/** Lockdep class of a lock micro-op's target (with its subclass). */
export function lockClassOf(c: Compiled, m: Micro): { id: string; name: string } {
  return lockClass(c, m);
}

/** Edge id helper re-exported for callers of the validator. */
export { edgeId };
