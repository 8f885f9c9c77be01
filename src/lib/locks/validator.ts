// A lockdep-style validator: lock classes, their irq usage and the dependency graph, read statically from
// the model, and the reports lockdep would print even when the deadlock needs an unlikely interleaving.
// Rules mirror kernel/lockdep.c (mark_irqflags, check_usage); timers and works are pseudo-locks the
// way lockdep annotates them: a running timer function "holds" its timer, del_timer_sync() "takes" it.

import { type Compiled, type Context, compileScenario, type Micro } from './compile.ts';
import { type ClassId, edgeId } from './describe.ts';
import { addIrqEdge, circular, inconsistent, inversions } from './lockdep-findings.ts';
import type { CodeRef, Scenario } from './model.ts';

/** Where a usage or dependency was first seen. */
export interface Site {
  /** Context display name (`hardirq comm-established event`). */
  context: string;
  code: CodeRef;
}

/** Kind of lock class; timer, work and wq are lockdep pseudo-locks. */
export type ClassKind = 'spinlock' | 'mutex' | 'timer' | 'work' | 'wq';

/** A lock class with lockdep's four irq usage bits (first site seen for each). */
export interface LockClass {
  id: ClassId;
  name: string;
  kind: ClassKind;
  /** Taken in hardirq context (IN-HARDIRQ). */
  hardirqSafe?: Site;
  /** Held with hardirqs enabled (HARDIRQ-ON). */
  hardirqUnsafe?: Site;
  /** Taken in softirq context (IN-SOFTIRQ). */
  softirqSafe?: Site;
  /** Held with softirqs enabled (SOFTIRQ-ON). */
  softirqUnsafe?: Site;
}

/** A dependency `from → to`: `to` was taken while `from` was held (or, for irq edges, by an interrupt). */
export interface DepEdge {
  id: string;
  from: ClassId;
  to: ClassId;
  /** Closing edge of an irq inversion: an interrupt on the CPU holding `from` takes `to`. */
  irq: boolean;
  site: Site;
}

/** One problem lockdep would report. */
export interface Finding {
  kind: 'irq-inversion' | 'circular' | 'inconsistent' | 'sleep-in-atomic';
  /** The headline as lockdep words it. */
  title: string;
  /** Class chain: for irq-inversion, safe … unsafe; for circular, a cycle (first class not repeated). */
  chain: ClassId[];
  /** hardirq or softirq for irq findings. */
  irq?: 'hardirq' | 'softirq';
  /** Edge ids along the chain, closing edge included (drawn highlighted). */
  edges: string[];
  /** Explanation lines, lockdep style. */
  lines: string[];
}

/** The whole validator output for one scenario. */
export interface LockdepReport {
  classes: LockClass[];
  edges: DepEdge[];
  findings: Finding[];
}

/** Runs the validator on a scenario. */
export function validateScenario(s: Scenario): LockdepReport {
  return validateCompiled(compileScenario(s));
}

/** Runs the validator on a compiled scenario. */
export function validateCompiled(c: Compiled): LockdepReport {
  const classes = new Map<ClassId, LockClass>();
  for (const l of c.locks)
    classes.set(l.id, { id: l.id, name: l.name, kind: l.mutex ? 'mutex' : 'spinlock' });
  for (const t of c.timers)
    classes.set(`timer:${t.id}`, { id: `timer:${t.id}`, name: t.name, kind: 'timer' });
  for (const w of c.works) classes.set(`work:${w.id}`, { id: `work:${w.id}`, name: w.name, kind: 'work' });
  for (const q of c.wqs) classes.set(`wq:${q.id}`, { id: `wq:${q.id}`, name: `wq ${q.name}`, kind: 'wq' });
  const edges = new Map<string, DepEdge>();
  const findings: Finding[] = [];
  const walk = (x: Context, body: Micro[], initiallyHeld: ClassId[], label: string): void => {
    walkBody(c, x, body, initiallyHeld, label, classes, edges, findings);
  };
  for (const x of c.contexts) {
    const label = x.kind === 'task' ? x.name : `${x.kind} ${x.name}`;
    if (x.kind === 'worker') {
      for (const w of c.works) {
        if (w.wq === x.source) walk(x, w.body, [`wq:${c.wqs[w.wq]?.id}`, `work:${w.id}`], `worker ${w.name}`);
      }
    } else if (x.kind === 'softirq') {
      walk(x, x.body, [`timer:${c.timers[x.source]?.id}`], label);
    } else {
      walk(x, x.body, [], label);
    }
  }
  findings.push(...inconsistent([...classes.values()]));
  for (const irq of ['hardirq', 'softirq'] as const) {
    for (const f of inversions(classes, edges, irq)) {
      findings.push(f);
      addIrqEdge(classes, edges, f, irq);
    }
  }
  findings.push(...circular(classes, edges));
  return { classes: [...classes.values()], edges: [...edges.values()], findings };
}

function walkBody(
  c: Compiled,
  x: Context,
  body: Micro[],
  initiallyHeld: ClassId[],
  label: string,
  classes: Map<ClassId, LockClass>,
  edges: Map<string, DepEdge>,
  findings: Finding[],
): void {
  const held = [...initiallyHeld];
  let irqOff = x.kind === 'hardirq';
  let bh = 0;
  const saved = new Map<number, boolean>();
  const site = (code: CodeRef): Site => ({ context: label, code });
  const markHeld = (code: CodeRef): void => {
    for (const h of held) {
      const k = classes.get(h);
      if (!k) continue;
      if (!irqOff && x.kind !== 'hardirq') k.hardirqUnsafe ??= site(code);
      if ((x.kind === 'task' || x.kind === 'worker') && bh === 0) k.softirqUnsafe ??= site(code);
    }
  };
  const depend = (to: ClassId, code: CodeRef): void => {
    for (const h of held) {
      if (h === to) continue;
      const id = edgeId(h, to, false);
      if (!edges.has(id)) edges.set(id, { id, from: h, to, irq: false, site: site(code) });
    }
  };
  const acquire = (to: ClassId, code: CodeRef): void => {
    depend(to, code);
    const k = classes.get(to);
    if (k && x.kind === 'hardirq') k.hardirqSafe ??= site(code);
    if (k && x.kind === 'softirq') k.softirqSafe ??= site(code);
    held.push(to);
  };
  const drop = (id: ClassId | undefined): void => {
    const i = held.lastIndexOf(id ?? '');
    if (i >= 0) held.splice(i, 1);
  };
  const sleeps = (m: Micro): void => {
    const spin = held.find((h) => classes.get(h)?.kind === 'spinlock');
    if (!spin && !irqOff && x.kind !== 'softirq') return;
    const why = spin ? `holding ${classes.get(spin)?.name}` : irqOff ? 'with irqs disabled' : 'in softirq';
    findings.push({
      kind: 'sleep-in-atomic',
      title: 'BUG: sleeping function called from invalid context',
      chain: spin ? [spin] : [],
      edges: [],
      lines: [`${label}: ${m.call} may sleep but runs ${why}`, `  at ${m.code.fn} ${m.code.file}`],
    });
  };
  markHeld(body[0]?.code ?? { fn: '', file: '' });
  for (const m of body) {
    const lockId = c.locks[m.obj]?.id;
    switch (m.kind) {
      case 'irq_save':
        saved.set(m.obj, irqOff);
        irqOff = true;
        break;
      case 'irq_disable':
        irqOff = true;
        break;
      case 'bh_disable':
        bh++;
        break;
      case 'mutex_lock':
        sleeps(m);
        if (lockId) acquire(lockId, m.code);
        break;
      case 'lock':
        if (lockId) acquire(lockId, m.code);
        break;
      case 'unlock':
      case 'mutex_unlock':
        drop(lockId);
        break;
      case 'unlock_irqrestore':
        drop(lockId);
        irqOff = saved.get(m.obj) ?? x.kind === 'hardirq';
        break;
      case 'unlock_irq':
        drop(lockId);
        irqOff = false;
        break;
      case 'unlock_bh':
        drop(lockId);
        bh = Math.max(0, bh - 1);
        break;
      // Pseudo-lock waits: lockdep takes and drops the map at once (del_timer_sync() does it with irqs
      // off), so they add dependencies but no usage bits.
      case 'timer_del_sync':
        depend(`timer:${c.timers[m.obj]?.id}`, m.code);
        break;
      case 'work_cancel_sync':
      case 'work_flush':
        sleeps(m);
        depend(`work:${c.works[m.obj]?.id}`, m.code);
        break;
      case 'wq_flush':
        sleeps(m);
        depend(`wq:${c.wqs[m.obj]?.id}`, m.code);
        break;
      default:
        break;
    }
    markHeld(m.code);
  }
}
