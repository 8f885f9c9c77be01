// Turns a Scenario into numbered contexts, object tables and micro-operations the explorer can run
// quickly. A kernel call like spin_lock_irqsave() becomes two micro-ops (irqs off, then acquire) because a
// CPU that spins there already has its interrupts disabled; fusing them would let interrupts in wrongly.
// How each op expands is the primitive registry's business (primitives/); this file only walks bodies,
// resolves ids, links branches and lays out the state.

import type { CodeRef, Cond, LockKind, Scenario, Step } from './model.ts';
import { FAMILIES, MICROS, OPS } from './primitives/index.ts';
import type { Exit, ExpandInput, Family, MicroSpec, Part, Where } from './primitives/types.ts';
import { type Layout, SlotAllocator } from './state.ts';

/** One indivisible action of a context, pointing back to the scenario step it comes from. */
export interface Micro {
  /** Micro-op kind: a key of the registry's micro-op table (`lock`, `irq_save`, `branch`, …). */
  kind: string;
  spec: MicroSpec;
  /** Index of the object acted on in its table (-1 when none). */
  obj: number;
  /** Kind-specific operands (flags bit, value, variable index, subclass, read mode). */
  arg: number;
  arg2: number;
  /** The user-facing call, e.g. `spin_lock_irqsave(mad_agent_priv->lock)`. */
  call: string;
  /** What this part of the call does, e.g. `irqs off` (empty when the call is one micro-op). */
  part: string;
  code: CodeRef;
  note?: string;
  /** Location of the step in its body: `3`, or `2.then.0` inside a branch (stable location ids). */
  at: string;
  /** Index of the top-level step the micro-op belongs to. */
  stepIndex: number;
  /** The step as written (error messages point at it). */
  step: Step;
  /** The pc after this micro-op; `alt`: after its other outcome (a branch not taken). END = body length. */
  next: number;
  alt: number;
  /** Variable receiving the result, or -1. */
  into: number;
  /** Branch condition, compiled. */
  cond?: CCond;
}

/** A condition on a variable, compiled: `vars[v] op value`. */
export interface CCond {
  v: number;
  op: NonNullable<Cond['is']>;
  value: number;
}

/** Kinds of execution context. */
export type ContextKind = 'task' | 'worker' | 'softirq' | 'hardirq';

/** What starts a context: a task runs once, the others run when their source fires. */
export type SourceKind = 'task' | 'wq' | 'timer' | 'irq' | 'rcu';

/** A numbered context: a task, a workqueue worker, a timer function, an RCU callback or an interrupt handler. */
export interface Context {
  index: number;
  /** Stable id: `task:<id>`, `worker:<wq id>`, `timer:<timer id>`, `rcu:<callback id>`, `irq:<irq id>`. */
  id: string;
  name: string;
  kind: ContextKind;
  sourceKind: SourceKind;
  /** Fixed CPU for tasks and workers; -1 for softirq/hardirq contexts (they run where they fire). */
  cpu: number;
  /** Body for task, softirq and hardirq contexts (workers run the body of their current work). */
  body: Micro[];
  /** CPUs a softirq/hardirq context may start on. */
  cpus: number[];
  /** Timer, irq, RCU callback or workqueue index; -1 for tasks. */
  source: number;
  /** Entry point of the context (timer function, handler), for traces. */
  code?: CodeRef;
  /** Scenario declaration the context comes from (error messages point at it). */
  decl: object;
}

/** A lock instance after compilation. */
export interface CLock {
  id: string;
  /** How traces name this instance (its class name, or the instance label when the class has several). */
  name: string;
  /** The class name lockdep prints (before any subclass suffix). */
  className: string;
  /** Class id for graphs: the id of the first lock of the class. */
  classId: string;
  kind: LockKind;
  /** Sleeping lock (mutex, rwsem). */
  mutex: boolean;
  /** Slot holding the exclusive holder's context + 1. */
  slot: number;
  /** rwlock/rwsem slots: readers, then kind-specific ones; per-context read depth at `depth + ctx`. */
  readers: number;
  depth: number;
  /** rwlock: internal wait_lock holder + 1 and a writer-waiting flag; rwsem: FIFO queue base and length. */
  aux: number;
  auxLen: number;
  decl: object;
}

/** A timer after compilation (free-standing or the timer of a delayed work). */
export interface CTimer {
  id: string;
  name: string;
  ctx: number;
  pending: boolean;
  /** Work index when this is a delayed work's timer, else -1. */
  work: number;
  slot: number;
}

/** A work item after compilation. */
export interface CWork {
  id: string;
  name: string;
  wq: number;
  /** Timer index for delayed work, else -1. */
  timer: number;
  pending: boolean;
  body: Micro[];
  code: CodeRef;
  /** Pending flag slot; canceling flag slot (-1 when no cancel_*_sync targets the work). */
  slot: number;
  cancelSlot: number;
  decl: object;
}

/** A workqueue after compilation. */
export interface CWq {
  id: string;
  name: string;
  cpu: number;
  maxActive: number;
  ordered: boolean;
  memReclaim: boolean;
  /** First worker context (legacy single worker). */
  ctx: number;
  workers: number[];
  /** Ordered queues: FIFO of pending works (work + 1), `fifoLen` slots; draining flag slot or -1. */
  fifo: number;
  fifoLen: number;
  drainSlot: number;
}

/** An interrupt source after compilation. */
export interface CIrq {
  id: string;
  name: string;
  ctx: number;
  times: number;
  slot: number;
}

/** A completion after compilation. */
export interface CCompletion {
  id: string;
  name: string;
  done: number;
  slot: number;
}

/** A variable after compilation. */
export interface CVar {
  id: string;
  name: string;
  init: number;
  max: number;
  slot: number;
}

/** A refcount after compilation. */
export interface CRefcount {
  id: string;
  name: string;
  init: number;
  max: number;
  release: readonly Step[];
  code: CodeRef;
  slot: number;
}

/** An RCU callback after compilation. */
export interface CRcuCallback {
  id: string;
  name: string;
  ctx: number;
  /** Pending flag slot and the slot of the grace period it waits for (readers still to finish). */
  slot: number;
  gpSlot: number;
}

/** A scenario compiled for exploration. */
export interface Compiled {
  scenario: Scenario;
  /** Kernel version as a number (2.6.30 → 20630; default 60100). */
  kernel: number;
  /** CONFIG_QUEUED_RWLOCKS. */
  queuedRwlocks: boolean;
  cpus: number;
  locks: CLock[];
  timers: CTimer[];
  works: CWork[];
  wqs: CWq[];
  irqs: CIrq[];
  completions: CCompletion[];
  vars: CVar[];
  refcounts: CRefcount[];
  rcuCallbacks: CRcuCallback[];
  contexts: Context[];
  /** Per CPU: its task and worker contexts (precomputed: the explorer asks for them in every state). */
  tasksOn: Context[][];
  /** Families whose ops the scenario uses (plus those owning declared objects), in registry order. */
  families: Family[];
  /** Per CPU: the softirq and hardirq contexts that may start there (context index order). */
  softOn: Context[][];
  hardOn: Context[][];
  /** Per context: flags key → bit in its saved-irq-flags slot. */
  flagKeys: Map<string, number>[];
  /** Family slot bases recorded by layout hooks (`rcu.depth`, `wq.flushRun`…). */
  base: Record<string, number>;
  layout: Layout;
}

/** A problem in a scenario, with the object it is about (an editor maps it to a source line). */
export interface ScenarioProblem {
  message: string;
  node?: object;
}

/** Thrown by compileScenario: every problem found, one per line of the message. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];
  constructor(id: string, problems: ScenarioProblem[]) {
    super(`scenario ${id}:\n  ${problems.map((p) => p.message).join('\n  ')}`);
    this.problems = problems;
  }
}

/** A version string as a number: `2.6.30` → 20630, `6.1` → 60100. */
export function kernelNumber(v: string | undefined): number {
  if (!v) return 60100;
  const [a = 0, b = 0, c = 0] = v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  return a * 10000 + b * 100 + Math.min(c, 99);
}

const DWORK_TIMER_FN: CodeRef = { fn: 'delayed_work_timer_fn()', file: 'kernel/workqueue.c' };

/** End-of-body marker during compilation; replaced by the body length. */
const UNLINKED = -2;

/** Compiles a scenario; throws a ScenarioError listing every problem found. */
export function compileScenario(s: Scenario): Compiled {
  const problems: ScenarioProblem[] = [];
  const err = (message: string, node?: object): void => {
    problems.push(node ? { message, node } : { message });
  };
  if (!Number.isInteger(s.cpus) || s.cpus < 1) err(`cpus must be a whole number of at least 1`, s);
  const cpus = Math.max(1, Math.trunc(s.cpus) || 1);
  const allCpus = Array.from({ length: cpus }, (_, i) => i);
  const checkCpu = (where: string, cpu: number, node: object): void => {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu >= cpus) err(`${where}: CPU ${cpu} out of range`, node);
  };
  const unique = (what: string, items: readonly { id: string }[]): void => {
    const seen = new Set<string>();
    for (const it of items) {
      if (seen.has(it.id)) err(`${what} ${it.id}: id used twice`, it);
      seen.add(it.id);
    }
  };
  unique('lock', s.locks);
  unique('task', s.tasks);

  // Locks: the class is the key (lockdep_set_class) or the name; instances of one class share it.
  const classOf = new Map<string, string>();
  const perClass = new Map<string, number>();
  for (const l of s.locks) perClass.set(l.key ?? l.name, (perClass.get(l.key ?? l.name) ?? 0) + 1);
  const locks: CLock[] = s.locks.map((l) => {
    const className = l.key ?? l.name;
    if (!classOf.has(className)) classOf.set(className, l.id);
    const shared = (perClass.get(className) ?? 0) > 1;
    if (!['spinlock', 'rwlock', 'mutex', 'rwsem'].includes(l.kind))
      err(`lock ${l.id}: unknown kind ${l.kind}`, l);
    return {
      id: l.id,
      name: l.instance ?? (shared ? `${className}#${l.id}` : className),
      className,
      classId: classOf.get(className) ?? l.id,
      kind: l.kind,
      mutex: l.kind === 'mutex' || l.kind === 'rwsem',
      slot: -1,
      readers: -1,
      depth: -1,
      aux: -1,
      auxLen: 0,
      decl: l,
    };
  });
  const lockIx = new Map(locks.map((l, i) => [l.id, i]));

  const wqs: CWq[] = (s.workqueues ?? []).map((w) => {
    const ordered = w.ordered === true;
    const maxActive = ordered ? 1 : Math.max(1, Math.trunc(w.maxActive ?? 1) || 1);
    return {
      id: w.id,
      name: w.name,
      cpu: w.cpu,
      maxActive,
      ordered,
      memReclaim: w.memReclaim === true,
      ctx: -1,
      workers: [],
      fifo: -1,
      fifoLen: 0,
      drainSlot: -1,
    };
  });
  unique('workqueue', s.workqueues ?? []);
  const wqIx = new Map(wqs.map((w, i) => [w.id, i]));

  const timers: CTimer[] = [];
  const works: CWork[] = [];
  const timerDecls: { cpus?: readonly number[]; fn: readonly Step[] | null; code: CodeRef; node: object }[] =
    [];
  for (const t of s.timers ?? []) {
    timers.push({ id: t.id, name: t.name, ctx: -1, pending: t.pending === true, work: -1, slot: -1 });
    timerDecls.push({ cpus: t.cpus, fn: t.fn, code: t.code, node: t });
  }
  for (const w of s.works ?? []) {
    const wi = works.length;
    let timer = -1;
    if (w.delayed) {
      timer = timers.length;
      timers.push({
        id: `${w.id}.timer`,
        name: `${w.name}.timer`,
        ctx: -1,
        pending: w.pending === true,
        work: wi,
        slot: -1,
      });
      timerDecls.push({ cpus: w.timerCpus, fn: null, code: DWORK_TIMER_FN, node: w });
    }
    const wq = wqIx.get(w.wq);
    if (wq === undefined) err(`work ${w.id}: unknown workqueue ${w.wq}`, w);
    works.push({
      id: w.id,
      name: w.name,
      wq: wq ?? 0,
      timer,
      pending: !w.delayed && w.pending === true,
      body: [],
      code: w.code,
      slot: -1,
      cancelSlot: -1,
      decl: w,
    });
  }
  unique('timer', timers);
  unique('work', works);

  const irqs: CIrq[] = (s.irqs ?? []).map((q) => ({
    id: q.id,
    name: q.name,
    ctx: -1,
    times: Math.max(1, Math.trunc(q.times ?? 1) || 1),
    slot: -1,
  }));
  unique('irq', s.irqs ?? []);
  const completions: CCompletion[] = (s.completions ?? []).map((q) => ({
    id: q.id,
    name: q.name,
    done: Math.max(0, Math.trunc(q.done ?? 0) || 0),
    slot: -1,
  }));
  unique('completion', s.completions ?? []);
  const vars: CVar[] = (s.vars ?? []).map((v) => {
    const max = Math.trunc(v.max ?? 1);
    const init = Math.trunc(v.init ?? 0);
    if (!(max >= 1 && max <= 255)) err(`var ${v.id}: max must be 1…255`, v);
    if (!(init >= 0 && init <= max)) err(`var ${v.id}: init ${v.init} outside 0…${max}`, v);
    return { id: v.id, name: v.name, init, max: Math.min(255, Math.max(1, max)), slot: -1 };
  });
  unique('var', s.vars ?? []);
  const refcounts: CRefcount[] = (s.refcounts ?? []).map((r) => {
    const max = Math.trunc(r.max ?? 3);
    const init = Math.trunc(r.init ?? 1);
    if (!(max >= 1 && max <= 255)) err(`refcount ${r.id}: max must be 1…255`, r);
    if (!(init >= 0 && init <= max)) err(`refcount ${r.id}: init ${r.init} outside 0…${max}`, r);
    return { id: r.id, name: r.name, init, max, release: r.release, code: r.code, slot: -1 };
  });
  unique('refcount', s.refcounts ?? []);
  const rcuCallbacks: CRcuCallback[] = (s.rcuCallbacks ?? []).map((r) => ({
    id: r.id,
    name: r.name,
    ctx: -1,
    slot: -1,
    gpSlot: -1,
  }));
  unique('RCU callback', s.rcuCallbacks ?? []);

  const c: Compiled = {
    scenario: s,
    kernel: kernelNumber(s.kernel),
    queuedRwlocks: s.config?.queuedRwlocks ?? kernelNumber(s.kernel) >= 31600,
    cpus,
    locks,
    timers,
    works,
    wqs,
    irqs,
    completions,
    vars,
    refcounts,
    rcuCallbacks,
    contexts: [],
    tasksOn: [],
    families: [],
    softOn: [],
    hardOn: [],
    flagKeys: [],
    base: {},
    layout: {
      ctxA: 0,
      ctxPc: 0,
      ctxSaved: 0,
      ctxPin: 0,
      cpu: 0,
      lost: 0,
      size: 0,
      max: [],
      labels: [],
    },
  };
  const tables: Record<string, Map<string, number>> = {
    lock: lockIx,
    timer: new Map(timers.map((t, i) => [t.id, i])),
    work: new Map(works.map((w, i) => [w.id, i])),
    wq: wqIx,
    completion: new Map(completions.map((q, i) => [q.id, i])),
    var: new Map(vars.map((v, i) => [v.id, i])),
    refcount: new Map(refcounts.map((r, i) => [r.id, i])),
    'rcu-callback': new Map(rcuCallbacks.map((r, i) => [r.id, i])),
  };
  const usedFamilies = new Set<Family>();

  // Contexts first (bodies later), so pseudo-locks and per-context slots can refer to them.
  const contexts = c.contexts;
  const add = (x: Omit<Context, 'index' | 'body'>): Context => {
    const ctx: Context = { ...x, index: contexts.length, body: [] };
    contexts.push(ctx);
    c.flagKeys.push(new Map());
    return ctx;
  };
  for (const t of s.tasks) {
    checkCpu(`task ${t.id}`, t.cpu, t);
    add({
      id: `task:${t.id}`,
      name: t.name,
      kind: 'task',
      sourceKind: 'task',
      cpu: t.cpu,
      cpus: [t.cpu],
      source: -1,
      decl: t,
    });
  }
  for (const [wi, w] of wqs.entries()) {
    checkCpu(`workqueue ${w.id}`, w.cpu, (s.workqueues ?? [])[wi] ?? s);
    for (let k = 0; k < w.maxActive; k++) {
      const x = add({
        id: k === 0 ? `worker:${w.id}` : `worker:${w.id}/${k + 1}`,
        name: k === 0 ? `${w.name} worker` : `${w.name} worker ${k + 1}`,
        kind: 'worker',
        sourceKind: 'wq',
        cpu: w.cpu,
        cpus: [w.cpu],
        source: wi,
        decl: (s.workqueues ?? [])[wi] ?? s,
      });
      w.workers.push(x.index);
    }
    w.ctx = w.workers[0] ?? -1;
  }
  const timerCtx: Context[] = [];
  for (const [ti, t] of timers.entries()) {
    const decl = timerDecls[ti];
    const cpuList = [...(decl?.cpus ?? allCpus)];
    for (const cpu of cpuList) checkCpu(`timer ${t.id}`, cpu, decl?.node ?? s);
    const x = add({
      id: `timer:${t.id}`,
      name: `${t.name} fn`,
      kind: 'softirq',
      sourceKind: 'timer',
      cpu: -1,
      cpus: cpuList,
      source: ti,
      code: decl?.code ?? DWORK_TIMER_FN,
      decl: decl?.node ?? s,
    });
    t.ctx = x.index;
    timerCtx.push(x);
  }
  const rcuCtx: Context[] = [];
  for (const [ri, r] of (s.rcuCallbacks ?? []).entries()) {
    const cpuList = [...(r.cpus ?? allCpus)];
    for (const cpu of cpuList) checkCpu(`RCU callback ${r.id}`, cpu, r);
    const x = add({
      id: `rcu:${r.id}`,
      name: `${r.name}`,
      kind: 'softirq',
      sourceKind: 'rcu',
      cpu: -1,
      cpus: cpuList,
      source: ri,
      code: r.code,
      decl: r,
    });
    const cb = rcuCallbacks[ri];
    if (cb) cb.ctx = x.index;
    rcuCtx.push(x);
  }
  const irqCtx: Context[] = [];
  for (const [qi, q] of (s.irqs ?? []).entries()) {
    const cpuList = [...(q.cpus ?? allCpus)];
    for (const cpu of cpuList) checkCpu(`irq ${q.id}`, cpu, q);
    const x = add({
      id: `irq:${q.id}`,
      name: q.name,
      kind: 'hardirq',
      sourceKind: 'irq',
      cpu: -1,
      cpus: cpuList,
      source: qi,
      code: q.code,
      decl: q,
    });
    const cq = irqs[qi];
    if (cq) cq.ctx = x.index;
    irqCtx.push(x);
  }

  // Bodies.
  const bodyOf = (
    steps: readonly Step[] | undefined,
    where: string,
    node: object,
    kind: Where,
    x: number,
  ) => {
    if (!Array.isArray(steps)) {
      err(`${where}: its steps must be a list`, node);
      return [];
    }
    return compileBody(c, steps, where, kind, x, tables, usedFamilies, err);
  };
  for (const [i, t] of s.tasks.entries()) {
    const x = contexts[i];
    if (x) x.body = bodyOf(t.steps, `task ${t.id}`, t, 'task', x.index);
  }
  for (const [wi, w] of (s.works ?? []).entries()) {
    const cw = works[wi];
    const worker = wqs[cw?.wq ?? 0]?.ctx ?? -1;
    if (cw) cw.body = bodyOf(w.fn, `work ${w.id}`, w, 'task', worker);
  }
  for (const x of timerCtx) {
    const t = timers[x.source];
    const decl = timerDecls[x.source];
    if (!t || !decl) continue;
    if (decl.fn === null) {
      const work = works[t.work];
      x.body = [
        {
          kind: 'work_queue',
          spec: MICROS.work_queue as MicroSpec,
          obj: t.work,
          arg: 0,
          arg2: 0,
          call: `queue_work(${work?.name ?? '?'})`,
          part: '',
          code: DWORK_TIMER_FN,
          at: '0',
          stepIndex: 0,
          step: { op: 'queue_work', target: work?.id ?? '', code: DWORK_TIMER_FN },
          next: 1,
          alt: 1,
          into: -1,
        },
      ];
      const wqFamily = FAMILIES.find((f) => 'work_queue' in f.micros);
      if (wqFamily) usedFamilies.add(wqFamily);
    } else {
      x.body = bodyOf(decl.fn, `timer ${t.id}`, decl.node, 'softirq', x.index);
    }
  }
  for (const x of rcuCtx) {
    const r = (s.rcuCallbacks ?? [])[x.source];
    if (r) x.body = bodyOf(r.fn, `RCU callback ${r.id}`, r, 'softirq', x.index);
  }
  for (const x of irqCtx) {
    const q = (s.irqs ?? [])[x.source];
    if (q) x.body = bodyOf(q.handler, `irq ${q.id}`, q, 'hardirq', x.index);
  }

  // Families that own declared objects take part even when no op names them (their slots exist).
  const owners: [boolean, string][] = [
    [locks.some((l) => l.kind === 'spinlock'), 'spinlock'],
    [locks.some((l) => l.kind === 'rwlock'), 'rwlock'],
    [locks.some((l) => l.kind === 'mutex'), 'mutex'],
    [locks.some((l) => l.kind === 'rwsem'), 'rwsem'],
    [timers.length > 0, 'timer'],
    [works.length > 0 || wqs.length > 0, 'workqueue'],
    [irqs.length > 0, 'irq'],
    [completions.length > 0, 'completion'],
    [vars.length > 0, 'data'],
    [refcounts.length > 0, 'refcount'],
    [rcuCallbacks.length > 0, 'rcu'],
  ];
  for (const [has, name] of owners) {
    const f = FAMILIES.find((x) => x.name === name);
    if (has && f) usedFamilies.add(f);
  }
  c.families = FAMILIES.filter((f) => usedFamilies.has(f));

  if (problems.length > 0) throw new ScenarioError(s.id, problems);

  // Layout: core slots, then each family's.
  const a = new SlotAllocator();
  const n = contexts.length;
  const maxPc = Math.max(1, ...contexts.map((x) => x.body.length), ...works.map((w) => w.body.length));
  c.layout.ctxA = a.alloc(n, Math.max(cpus, works.length) + 1, 'ctx.active');
  c.layout.ctxPc = a.alloc(n, maxPc, 'ctx.pc');
  c.layout.ctxSaved = a.alloc(
    n,
    Math.max(0, ...c.flagKeys.map((k) => (k.size > 0 ? 2 ** k.size - 1 : 0))),
    'ctx.savedIrqFlags',
  );
  c.layout.ctxPin = a.alloc(n, 255, 'ctx.pin');
  c.layout.cpu = a.alloc(4 * cpus, n + 1, 'cpu');
  for (const f of c.families) f.layout?.(c, a);
  c.layout.lost = a.alloc(1, 1, 'lost');
  c.layout.size = a.size;
  c.layout.max = a.max;
  c.layout.labels = a.labels;
  // Saved flags can exceed a byte only with many keys; pins are bounded by the body's nesting.
  c.layout.max[c.layout.ctxPin] = 255;

  c.tasksOn = allCpus.map((cpu) =>
    contexts.filter((x) => (x.kind === 'task' || x.kind === 'worker') && x.cpu === cpu),
  );
  c.softOn = allCpus.map((cpu) => contexts.filter((x) => x.kind === 'softirq' && x.cpus.includes(cpu)));
  c.hardOn = allCpus.map((cpu) => contexts.filter((x) => x.kind === 'hardirq' && x.cpus.includes(cpu)));
  return c;
}

/** Compiles one body (task, timer function, handler, work function) into linked micro-ops. */
function compileBody(
  c: Compiled,
  steps: readonly Step[],
  where: string,
  kind: Where,
  ctxIndex: number,
  tables: Record<string, Map<string, number>>,
  usedFamilies: Set<Family>,
  err: (message: string, node?: object) => void,
): Micro[] {
  const out: Micro[] = [];
  const returns: Exit[] = [];
  const loops: Exit[][] = [];
  const flagKeys = c.flagKeys[ctxIndex] ?? new Map<string, number>();
  if (steps.length === 0) err(`${where}: empty body (add a 'do' step)`);
  const link = (exits: readonly Exit[], to: number): void => {
    for (const e of exits) {
      const m = out[e.pc];
      if (!m) continue;
      if (e.alt) m.alt = to;
      else m.next = to;
    }
  };
  const stepIndexOf = (at: string): number => Number.parseInt(at, 10) || 0;

  const builder = {
    c,
    where: kind,
    error: (message: string) => err(`${where}: ${message}`),
    emit(step: Step, part: Part, call: string, at: string, incoming: readonly Exit[]): number {
      const spec = MICROS[part.kind];
      const pc = out.length;
      if (!spec) {
        err(`${where} step ${at}: internal error, unknown micro-op ${part.kind}`, step);
        return pc;
      }
      const m: Micro = {
        kind: part.kind,
        spec,
        obj: part.obj ?? -1,
        arg: part.arg ?? 0,
        arg2: part.arg2 ?? 0,
        call,
        part: part.part ?? '',
        code: step.code,
        at,
        stepIndex: stepIndexOf(at),
        step,
        next: UNLINKED,
        alt: UNLINKED,
        into: -1,
      };
      if (step.note !== undefined) m.note = step.note;
      out.push(m);
      link(incoming, pc);
      return pc;
    },
    seq(list: readonly Step[], at: string, incoming: readonly Exit[]): Exit[] {
      let open: Exit[] = [...incoming];
      if (!Array.isArray(list)) {
        err(`${where} step ${at}: expected a list of steps`);
        return open;
      }
      for (const [i, st] of list.entries()) open = compileStep(st, at === '' ? `${i}` : `${at}.${i}`, open);
      return open;
    },
    loop(f: () => Exit[]): { open: Exit[]; breaks: Exit[] } {
      loops.push([]);
      const open = f();
      const breaks = loops.pop() ?? [];
      return { open, breaks };
    },
    jump(which: 'return' | 'break', exits: readonly Exit[]): void {
      if (which === 'return') returns.push(...exits);
      else {
        const top = loops[loops.length - 1];
        if (!top) err(`${where}: break outside a loop`);
        else top.push(...exits);
      }
    },
    link,
    micro: (pc: number): Micro | undefined => out[pc],
    varIndex(id: string, create: boolean): number {
      const known = tables.var?.get(id);
      if (known !== undefined) return known;
      if (!create) return -1;
      const v: CVar = { id, name: id, init: 0, max: 1, slot: -1 };
      c.vars.push(v);
      tables.var?.set(id, c.vars.length - 1);
      const data = FAMILIES.find((f) => f.name === 'data');
      if (data) usedFamilies.add(data);
      return c.vars.length - 1;
    },
  };

  function compileStep(st: Step, at: string, incoming: Exit[]): Exit[] {
    const label = `${where} step ${at}`;
    if (typeof st !== 'object' || st === null) {
      err(`${label}: not a step object`);
      return incoming;
    }
    const spec = OPS[st.op as keyof typeof OPS];
    if (!spec) {
      err(`${label}: unknown op ${String(st.op)}`, st);
      return incoming;
    }
    const fam = FAMILIES.find((f) => st.op in f.ops);
    if (fam) usedFamilies.add(fam);
    if (spec.sleeps && kind !== 'task') err(`${label}: ${st.op} cannot sleep in interrupt`, st);
    if (st.code === undefined || typeof st.code !== 'object')
      err(`${label}: code { fn, file } is missing`, st);
    if (spec.structured) return spec.structured(builder, st, at, incoming);
    // Resolve the target.
    const target = st.target ?? '';
    let obj = -1;
    let text = target;
    if (spec.target !== 'text' && spec.target !== 'none') {
      obj = tables[spec.target]?.get(target) ?? -1;
      if (obj < 0) err(`${label}: unknown ${spec.target} ${target}`, st);
    }
    if (spec.target === 'lock') {
      const lock = c.locks[obj];
      text = lock?.name ?? target;
      if (lock && spec.lockKinds && !spec.lockKinds.includes(lock.kind))
        err(`${label}: ${st.op} on ${text}, a ${lock.kind}`, st);
      if (lock?.mutex && kind !== 'task') err(`${label}: ${st.op} cannot sleep in interrupt`, st);
    } else if (spec.target === 'work') {
      const w = c.works[obj];
      text = w?.name ?? target;
      if (w && spec.delayed !== undefined && spec.delayed !== w.timer >= 0)
        err(`${label}: ${st.op} on ${text}`, st);
    } else if (spec.target !== 'text' && spec.target !== 'none') {
      const table = (
        {
          timer: c.timers,
          wq: c.wqs,
          completion: c.completions,
          var: c.vars,
          refcount: c.refcounts,
          'rcu-callback': c.rcuCallbacks,
        } as Record<string, { name: string }[]>
      )[spec.target];
      text = table?.[obj]?.name ?? target;
    }
    if (st.subclass !== undefined && !(Number.isInteger(st.subclass) && st.subclass >= 0 && st.subclass < 8))
      err(`${label}: subclass must be 0…7`, st);
    const input: ExpandInput = {
      step: st,
      obj,
      label: text,
      where: kind,
      c,
      flagBit: (key: string) => {
        const known = flagKeys.get(key);
        if (known !== undefined) return known;
        flagKeys.set(key, flagKeys.size);
        if (flagKeys.size > 30) err(`${label}: more than 30 saved irq flags in one context`, st);
        return flagKeys.size - 1;
      },
      error: (message: string) => err(`${label}: ${message}`, st),
    };
    const call = spec.call ? spec.call(input) : st.op === 'do' ? target : `${st.op}(${text})`;
    const parts = spec.expand?.(input) ?? [];
    let open = incoming;
    const into = st.into !== undefined ? builder.varIndex(st.into, true) : -1;
    for (const p of parts) {
      const pc = builder.emit(st, { ...p, obj: p.obj ?? obj }, call, at, open);
      const m = out[pc];
      if (m) m.into = into;
      open = [{ pc, alt: false }];
    }
    return open;
  }

  const open = builder.seq(steps, '', []);
  const end = out.length;
  link(open, end);
  link(returns, end);
  for (const m of out) {
    if (m.next === UNLINKED) m.next = end;
    if (m.alt === UNLINKED) m.alt = m.next;
  }
  // Variables used in conditions and as results must exist.
  for (const m of out) {
    if (m.cond && m.cond.v < 0) err(`${where} step ${m.at}: unknown var ${m.step.cond?.var}`, m.step);
  }
  return out;
}
