// The rules lockdep applies on each acquisition, release and irq-state change, rewritten from their
// description in kernel/locking/lockdep.c (6.1): usage bits (USED_IN/ENABLED × hardirq/softirq ×
// write/read, set on acquire and when irqs come back on), the recursive-lock check, the dependency
// graph with its read/recursive-read edge kinds and the strong-path breadth-first search, the circular
// check, the safe → unsafe check on every new dependency, and the inconsistent/inversion checks on every
// new usage bit. Unlike lockdep it does not stop at the first report: each report is recorded once (with
// every site that produced it) and the walk goes on.

import type { ClassKind, ClassRef } from './lockdep-walk.ts';
import type { CodeRef } from './model.ts';

/** Where a usage, a dependency or a report came from. */
export interface Site {
  /** Context display name (`hardirq comm-established event`). */
  context: string;
  code: CodeRef;
}

// Usage bits: bit 0 read, bit 1 direction (0 used in irq, 1 irq enabled), bits 2+ the irq state.
export const USED_IN_HARDIRQ = 0;
export const ENABLED_HARDIRQ = 2;
export const USED_IN_SOFTIRQ = 4;
export const ENABLED_SOFTIRQ = 6;
const READ = 1;
const DIR = 2;
const USED = 8;
const USED_READ = 9;
const LOCKF_IRQ = 0b01010101;
const LOCKF_IRQ_READ = 0b10101010;
const LOCKF_USED_IN_IRQ_ALL = 0b00110011;
const LOCKF_ENABLED_IRQ_ALL = 0b11001100;

/** lockdep's names of the usage bits, as printed in `inconsistent {…} -> {…} usage`. */
export const USAGE_STR = [
  'IN-HARDIRQ-W',
  'IN-HARDIRQ-R',
  'HARDIRQ-ON-W',
  'HARDIRQ-ON-R',
  'IN-SOFTIRQ-W',
  'IN-SOFTIRQ-R',
  'SOFTIRQ-ON-W',
  'SOFTIRQ-ON-R',
  'INITIAL USE',
  'INITIAL READ USE',
];

const stateName = (bit: number): string =>
  `${bit >> 2 === 0 ? 'HARDIRQ' : 'SOFTIRQ'}${bit & READ ? '-READ' : ''}`;
const irqOf = (bit: number): 'hardirq' | 'softirq' => (bit >> 2 === 0 ? 'hardirq' : 'softirq');

// Dependency kinds (shared/exclusive → recursive/non-recursive): bit 0 = the earlier lock is exclusive,
// bit 1 = the later one is not a recursive read. SR = 1, ER = 2, SN = 4, EN = 8.
const DEP_SR = 1;
const DEP_SN = 4;
const DEP_EN = 8;

/** A lock class as lockdep keeps it. */
export interface RClass {
  id: string;
  name: string;
  kind: ClassKind;
  usage: number;
  usageSite: (Site | undefined)[];
  /** Dependencies to later classes (locks_after) and from earlier ones (locks_before), in the order added. */
  after: Entry[];
  before: Entry[];
  /** Breadth-first search generation that last visited the class. */
  gen: number;
  instances: Set<string>;
}

/** One dependency entry of a class's list. */
export interface Entry {
  cls: RClass;
  dep: number;
  site: Site;
}

/** One held lock of a task. */
export interface Held {
  cls: RClass;
  read: 0 | 1 | 2;
  trylock: boolean;
  check: boolean;
  /** 0 process, 1 softirq, 2 hardirq: dependencies do not cross it. */
  irqCtx: number;
  hardirqsOff: boolean;
  instance: string;
  site: Site;
}

/** The irq state and held locks of the context being walked. */
export interface Task {
  held: Held[];
  hardirqsOff: boolean;
  softirqsEnabled: boolean;
  hardirqCtx: boolean;
  softirqCtx: boolean;
  label: string;
}

/** A report, lockdep-style. */
export interface Report {
  kind: 'circular' | 'irq-inversion' | 'inconsistent' | 'recursive' | 'bad-unlock' | 'held-lock-freed';
  title: string;
  /** Class ids in chain order. */
  chain: string[];
  irq?: 'hardirq' | 'softirq';
  lines: string[];
  /** Edge ids to highlight (hops, then the closing edge). */
  edges: string[];
  sites: Site[];
}

/** A dependency as the graph shows it. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  irq: boolean;
  site: Site;
  /** Which kinds of dependency (exclusive/shared → recursive/not) were seen. */
  dep: number;
}

interface Node {
  cls: RClass;
  dep: number;
  parent: Node | null;
  onlyXr: boolean;
}

const edgeKey = (from: string, to: string, irq: boolean): string => `${from}${irq ? '~>' : '->'}${to}`;

/** A lockdep instance: the classes, the dependency graph and the reports so far. */
export class Lockdep {
  readonly classes = new Map<string, RClass>();
  readonly edges = new Map<string, GraphEdge>();
  private readonly reports = new Map<string, Report>();
  private gen = 0;

  /** Every report, in the order first found. */
  get findings(): Report[] {
    return [...this.reports.values()];
  }

  /** The class for a reference (registered on first use). */
  cls(ref: ClassRef): RClass {
    let k = this.classes.get(ref.id);
    if (!k) {
      k = { ...ref, usage: 0, usageSite: [], after: [], before: [], gen: 0, instances: new Set() };
      this.classes.set(ref.id, k);
    }
    return k;
  }

  /** Records a report once; the same report from another site only adds the site. */
  report(
    r: Omit<Report, 'sites'>,
    site: Site,
    key = `${r.kind}|${r.title}|${[...r.chain].sort().join(',')}`,
  ): void {
    const old = this.reports.get(key);
    if (old) {
      if (!old.sites.some((s) => s.context === site.context && s.code.fn === site.code.fn))
        old.sites.push(site);
      return;
    }
    this.reports.set(key, { ...r, sites: [site] });
  }

  /** lock_acquire(). */
  acquire(
    t: Task,
    ref: ClassRef,
    opts: { read: 0 | 1 | 2; trylock: boolean; check: boolean; instance: string; hardirqsOff?: boolean },
    site: Site,
  ): void {
    const cls = this.cls(ref);
    cls.instances.add(opts.instance);
    const h: Held = {
      cls,
      read: opts.read,
      trylock: opts.trylock,
      check: opts.check,
      irqCtx: t.hardirqCtx ? 2 : t.softirqCtx ? 1 : 0,
      hardirqsOff: opts.hardirqsOff ?? t.hardirqsOff,
      instance: opts.instance,
      site,
    };
    this.markUsage(t, h, site);
    const top = t.held[t.held.length - 1];
    const chainHead = !top || top.irqCtx !== h.irqCtx;
    if (!h.trylock && h.check) {
      const r = this.checkDeadlock(t, h, site);
      if (!chainHead && r) this.checkPrevsAdd(t, h, site);
    }
    t.held.push(h);
  }

  /** lock_release(): unknown instances are a bad unlock balance. */
  release(t: Task, instance: string, site: Site): void {
    for (let i = t.held.length - 1; i >= 0; i--) {
      if (t.held[i]?.instance === instance) {
        t.held.splice(i, 1);
        return;
      }
    }
    this.report(
      {
        kind: 'bad-unlock',
        title: 'bad unlock balance detected!',
        chain: [],
        lines: [`${t.label} is trying to release ${instance} but there are no more locks to release`],
        edges: [],
      },
      site,
      `bad-unlock|${instance}|${site.code.fn}`,
    );
  }

  /** lock_downgrade(). */
  downgrade(t: Task, instance: string, site: Site): void {
    const h = t.held.find((x) => x.instance === instance);
    if (!h) {
      this.release(t, instance, site);
      return;
    }
    h.read = 1;
    this.markUsage(t, h, site);
  }

  /** Initialising a lock that is held (debug_check_no_locks_freed()). */
  initHeld(t: Task, instance: string, site: Site): void {
    const h = t.held.find((x) => x.instance === instance);
    if (!h) return;
    this.report(
      {
        kind: 'held-lock-freed',
        title: 'held lock freed!',
        chain: [h.cls.id],
        lines: [`${t.label} initialises ${h.cls.name} while holding it`],
        edges: [],
      },
      site,
    );
  }

  /** Hardirqs are turned on: every held lock is now held with hardirqs (and maybe softirqs) enabled. */
  hardirqsOn(t: Task, site: Site): void {
    t.hardirqsOff = false;
    this.markHeld(t, ENABLED_HARDIRQ, site);
    if (t.softirqsEnabled) this.markHeld(t, ENABLED_SOFTIRQ, site);
  }

  /** Softirqs are turned on: held locks are held with softirqs enabled, when hardirqs are on too. */
  softirqsOn(t: Task, site: Site): void {
    t.softirqsEnabled = true;
    if (!t.hardirqsOff) this.markHeld(t, ENABLED_SOFTIRQ, site);
  }

  private markHeld(t: Task, base: number, site: Site): void {
    for (const h of [...t.held]) if (h.check) this.mark(t, h, h.read ? base + READ : base, site);
  }

  private markUsage(t: Task, h: Held, site: Site): void {
    if (!h.check) {
      this.mark(t, h, h.read ? USED_READ : USED, site);
      return;
    }
    if (!h.trylock) {
      if (t.hardirqCtx) this.mark(t, h, USED_IN_HARDIRQ + (h.read ? READ : 0), site);
      if (t.softirqCtx) this.mark(t, h, USED_IN_SOFTIRQ + (h.read ? READ : 0), site);
    }
    if (!h.hardirqsOff) {
      this.mark(t, h, ENABLED_HARDIRQ + (h.read ? READ : 0), site);
      if (t.softirqsEnabled) this.mark(t, h, ENABLED_SOFTIRQ + (h.read ? READ : 0), site);
    }
    this.mark(t, h, h.read ? USED_READ : USED, site);
  }

  private mark(t: Task, h: Held, bit: number, site: Site): void {
    const k = h.cls;
    if (k.usage & (1 << bit)) return;
    k.usage |= 1 << bit;
    k.usageSite[bit] = site;
    if (bit < USED) this.markIrq(t, h, bit, site);
  }

  /** A new irq usage bit: check the class itself, then the graph in the direction that matters. */
  private markIrq(t: Task, h: Held, bit: number, site: Site): void {
    const excl = (bit & ~(READ | DIR)) | ((bit & DIR) ^ DIR);
    const k = h.cls;
    if (k.usage & (1 << excl)) {
      this.inconsistent(t, h, excl, bit, site);
      return;
    }
    if (!(bit & READ) && k.usage & (1 << (excl | READ))) {
      this.inconsistent(t, h, excl | READ, bit, site);
      return;
    }
    const mask = (1 << excl) | (1 << (excl | READ));
    if (bit & DIR) {
      // Now irq-unsafe: no class that reaches it may be irq-safe.
      const found = this.bfs({ cls: k, dep: 0, parent: null, onlyXr: h.read !== 0 }, false, (n) =>
        usageMatch(n, mask),
      );
      if (found) this.inversionAtMark(t, h, found, false, excl, site);
    } else {
      // Now irq-safe: nothing it reaches may be irq-unsafe.
      const found = this.bfs({ cls: k, dep: 0, parent: null, onlyXr: h.read === 2 }, true, (n) =>
        usageMatch(n, mask),
      );
      if (found) this.inversionAtMark(t, h, found, true, excl, site);
    }
  }

  private inconsistent(t: Task, h: Held, prevBit: number, newBit: number, site: Site): void {
    const k = h.cls;
    const prev = k.usageSite[prevBit];
    const irq = irqOf(newBit);
    this.report(
      {
        kind: 'inconsistent',
        title: 'inconsistent lock state',
        chain: [k.id],
        irq,
        lines: [
          `inconsistent {${USAGE_STR[prevBit]}} -> {${USAGE_STR[newBit]}} usage.`,
          `${t.label} takes ${k.name} at ${site.code.fn}`,
          `{${USAGE_STR[prevBit]}} state was registered at ${prev?.code.fn ?? '?'} (${prev?.context ?? '?'})`,
        ],
        edges: [],
      },
      site,
      `inconsistent|${k.id}|${irq}`,
    );
  }

  private inversionAtMark(t: Task, h: Held, found: Node, forwards: boolean, excl: number, site: Site): void {
    const path = pathOf(found).map((n) => n.cls);
    // Forwards: this (safe) … unsafe. Backwards: safe … this (unsafe).
    const chain = forwards ? path : [...path].reverse();
    const safe = chain[0];
    const unsafe = chain[chain.length - 1];
    if (!safe || !unsafe) return;
    const bit = found.cls.usage & (1 << excl) ? excl : excl | READ;
    const state = stateName(bit);
    const irq = irqOf(bit);
    this.report(
      {
        kind: 'irq-inversion',
        title: 'possible irq lock inversion dependency detected',
        chain: chain.map((k) => k.id),
        irq,
        lines: [
          `${t.label} just changed the state of lock ${h.cls.name}:`,
          forwards
            ? `but this lock took another, ${state}-unsafe lock in the past: ${found.cls.name}`
            : `but this lock was taken by another, ${state}-safe lock in the past: ${found.cls.name}`,
          `${safe.name} is ${state}-safe: taken in ${irq} at ${usageSiteText(safe, irq, false)}`,
          `${unsafe.name} is ${state}-unsafe: held with ${irq}s enabled at ${usageSiteText(unsafe, irq, true)}`,
          'Chain exists of:',
          `  ${chain.map((k) => k.name).join(' --> ')}`,
        ],
        edges: chainEdges(chain, true),
      },
      site,
      `irq-inversion|${irq}|${chain.map((k) => k.id).join(',')}`,
    );
    this.addIrqEdge(unsafe, safe, irq);
  }

  /** The interrupt edge that closes an inversion, drawn dashed in the graph. */
  private addIrqEdge(from: RClass, to: RClass, irq: 'hardirq' | 'softirq'): void {
    const id = edgeKey(from.id, to.id, true);
    const site =
      to.usageSite[irq === 'hardirq' ? USED_IN_HARDIRQ : USED_IN_SOFTIRQ] ??
      to.usageSite[irq === 'hardirq' ? USED_IN_HARDIRQ + READ : USED_IN_SOFTIRQ + READ];
    if (site && !this.edges.has(id))
      this.edges.set(id, { id, from: from.id, to: to.id, irq: true, site, dep: 0 });
  }

  /** check_deadlock(): the same class already held (read after read of a recursive reader is fine). */
  private checkDeadlock(t: Task, next: Held, site: Site): boolean {
    for (const prev of t.held) {
      if (prev.cls !== next.cls) continue;
      if (next.read === 2 && prev.read) continue;
      this.report(
        {
          kind: 'recursive',
          title: 'possible recursive locking detected',
          chain: [next.cls.id],
          lines: [
            `${t.label} is trying to acquire ${next.cls.name} at ${site.code.fn}`,
            `but task is already holding ${prev.cls.name} (${prev.instance === next.instance ? 'the same lock' : `another instance, ${prev.instance}`}) taken at ${prev.site.code.fn}`,
            'May be due to missing lock nesting notation',
          ],
          edges: [edgeKey(next.cls.id, next.cls.id, false)],
        },
        site,
      );
      return false;
    }
    return true;
  }

  /** check_prevs_add(): a dependency from the held lock on top (and from trylocks above the first plain one). */
  private checkPrevsAdd(t: Task, next: Held, site: Site): void {
    for (let depth = t.held.length; depth > 0; ) {
      const prev = t.held[depth - 1] as Held;
      if (prev.check) {
        this.checkPrevAdd(t, prev, next, site);
        if (!prev.trylock) break;
      }
      depth--;
      if (depth === 0) break;
      if ((t.held[depth] as Held).irqCtx !== (t.held[depth - 1] as Held).irqCtx) break;
    }
  }

  private checkPrevAdd(t: Task, prev: Held, next: Held, site: Site): void {
    // Would prev -> next close a cycle? Search from next for prev along strong paths.
    const found = this.bfs(
      { cls: next.cls, dep: 0, parent: null, onlyXr: next.read === 2 },
      true,
      (n) => n.cls === prev.cls && (prev.read === 0 || !n.onlyXr),
    );
    if (found) this.circular(t, prev, next, found, site);
    else this.checkIrqUsage(t, prev, next, site);
    this.addDependency(prev, next, site);
  }

  private addDependency(prev: Held, next: Held, site: Site): void {
    const fwd = 1 << ((prev.read === 0 ? 1 : 0) + (next.read !== 2 ? 2 : 0));
    const bwd = 1 << ((next.read !== 2 ? 1 : 0) + (prev.read === 0 ? 2 : 0));
    const old = prev.cls.after.find((e) => e.cls === next.cls);
    if (old) {
      old.dep |= fwd;
      const back = next.cls.before.find((e) => e.cls === prev.cls);
      if (back) back.dep |= bwd;
    } else {
      prev.cls.after.push({ cls: next.cls, dep: fwd, site });
      next.cls.before.push({ cls: prev.cls, dep: bwd, site });
    }
    const id = edgeKey(prev.cls.id, next.cls.id, false);
    const e = this.edges.get(id);
    if (e) e.dep |= fwd;
    else this.edges.set(id, { id, from: prev.cls.id, to: next.cls.id, irq: false, site, dep: fwd });
  }

  private circular(t: Task, prev: Held, next: Held, found: Node, site: Site): void {
    const chain = pathOf(found).map((n) => n.cls);
    if (prev.cls === next.cls) {
      this.report(
        {
          kind: 'recursive',
          title: 'possible recursive locking detected',
          chain: [next.cls.id],
          lines: [`${t.label} is trying to acquire ${next.cls.name} while holding it`],
          edges: [edgeKey(next.cls.id, next.cls.id, false)],
        },
        site,
      );
      return;
    }
    this.report(
      {
        kind: 'circular',
        title: 'possible circular locking dependency detected',
        chain: chain.map((k) => k.id),
        lines: [
          `${t.label} is trying to acquire ${next.cls.name} at ${site.code.fn}`,
          `but task is already holding ${prev.cls.name}, which already depends on the new lock.`,
          'Chain exists of:',
          `  ${[...chain, chain[0] as RClass].map((k) => k.name).join(' --> ')}`,
        ],
        edges: chainEdges(chain, false),
      },
      site,
    );
  }

  /** check_irq_usage(): does prev -> next connect an irq-safe class behind prev to an irq-unsafe one after next? */
  private checkIrqUsage(t: Task, prev: Held, next: Held, site: Site): void {
    let usage = 0;
    const root: Node = { cls: prev.cls, dep: 0, parent: null, onlyXr: prev.read !== 0 };
    this.bfs(root, false, (n) => {
      usage |= n.onlyXr ? n.cls.usage & LOCKF_IRQ : n.cls.usage;
      return false;
    });
    usage &= LOCKF_USED_IN_IRQ_ALL;
    if (!usage) return;
    const forwardMask = exclusiveMask(usage);
    const target1 = this.bfs({ cls: next.cls, dep: 0, parent: null, onlyXr: next.read === 2 }, true, (n) =>
      usageMatch(n, forwardMask),
    );
    if (!target1) return;
    const backwardMask = exclusiveMask(target1.cls.usage & LOCKF_ENABLED_IRQ_ALL);
    const target = this.bfs({ cls: prev.cls, dep: 0, parent: null, onlyXr: prev.read !== 0 }, false, (n) =>
      usageMatch(n, backwardMask),
    );
    if (!target) return;
    const match = findExclusiveMatch(target.cls.usage, target1.cls.usage);
    if (!match) return;
    const state = stateName(match[0]);
    const irq = irqOf(match[0]);
    const back = pathOf(target)
      .map((n) => n.cls)
      .reverse(); // safe … prev
    const fwd = pathOf(target1).map((n) => n.cls); // next … unsafe
    const chain = [...back, ...fwd];
    const safe = chain[0] as RClass;
    const unsafe = chain[chain.length - 1] as RClass;
    this.report(
      {
        kind: 'irq-inversion',
        title: `${state}-safe -> ${state}-unsafe lock order detected`,
        chain: chain.map((k) => k.id),
        irq,
        lines: [
          `${t.label} is trying to acquire ${next.cls.name} while holding ${prev.cls.name}`,
          `${safe.name} is ${state}-safe: taken in ${irq} at ${usageSiteText(safe, irq, false)}`,
          `${unsafe.name} is ${state}-unsafe: held with ${irq}s enabled at ${usageSiteText(unsafe, irq, true)}`,
          'Chain exists of:',
          `  ${chain.map((k) => k.name).join(' --> ')}`,
        ],
        edges: chainEdges(chain, true),
      },
      site,
      `irq-inversion|${irq}|${chain.map((k) => k.id).join(',')}`,
    );
    this.addIrqEdge(unsafe, safe, irq);
  }

  /**
   * lockdep's breadth-first search along strong dependency paths: a class is visited once (the first
   * time it is dequeued, even when that path then turns out too weak), and a step after a recursive-read
   * step may not start with a shared lock.
   */
  private bfs(root: Node, forwards: boolean, match: (n: Node) => boolean): Node | undefined {
    const gen = ++this.gen;
    const queue: Node[] = [root];
    for (let qi = 0; qi < queue.length; qi++) {
      const n = queue[qi] as Node;
      if (n.cls.gen === gen) continue;
      n.cls.gen = gen;
      if (n.parent) {
        let dep = n.dep;
        if (n.parent.onlyXr) dep &= ~(DEP_SR | DEP_SN);
        if (!dep) continue;
        n.onlyXr = !(dep & (DEP_SN | DEP_EN));
      }
      if (match(n)) return n;
      for (const e of forwards ? n.cls.after : n.cls.before)
        queue.push({ cls: e.cls, dep: e.dep, parent: n, onlyXr: false });
    }
    return undefined;
  }
}

function usageMatch(n: Node, mask: number): boolean {
  return n.onlyXr ? (n.cls.usage & LOCKF_IRQ & mask) !== 0 : (n.cls.usage & mask) !== 0;
}

function invertDir(mask: number): number {
  return ((mask & LOCKF_ENABLED_IRQ_ALL) >> DIR) | ((mask & LOCKF_USED_IN_IRQ_ALL) << DIR);
}

/** The usage bits that conflict with `mask` (read usages conflict with write ones and the reverse). */
function exclusiveMask(mask: number): number {
  let excl = invertDir(mask);
  excl |= (excl & LOCKF_IRQ_READ) >> READ;
  excl |= (excl & LOCKF_IRQ) << READ;
  return excl;
}

/** The first pair (safe bit, unsafe bit) of conflicting usages. */
function findExclusiveMatch(mask: number, exclMask: number): [number, number] | undefined {
  for (let bit = 0; bit < USED; bit++) {
    if (!(mask & (1 << bit))) continue;
    const excl = (bit & ~(READ | DIR)) | ((bit & DIR) ^ DIR);
    if (exclMask & (1 << excl)) return [bit, excl];
    if (exclMask & (1 << (excl | READ))) return [bit, excl | READ];
  }
  return undefined;
}

function pathOf(n: Node): Node[] {
  const out: Node[] = [];
  for (let p: Node | null = n; p; p = p.parent) out.unshift(p);
  return out;
}

function chainEdges(chain: readonly RClass[], irq: boolean): string[] {
  const hops = chain.slice(1).map((k, i) => edgeKey((chain[i] as RClass).id, k.id, false));
  const first = chain[0];
  const last = chain[chain.length - 1];
  if (!first || !last) return hops;
  return [...hops, edgeKey(last.id, first.id, irq)];
}

function usageSiteText(k: RClass, irq: 'hardirq' | 'softirq', enabled: boolean): string {
  const base =
    irq === 'hardirq'
      ? enabled
        ? ENABLED_HARDIRQ
        : USED_IN_HARDIRQ
      : enabled
        ? ENABLED_SOFTIRQ
        : USED_IN_SOFTIRQ;
  const s = k.usageSite[base] ?? k.usageSite[base + READ];
  return s ? `${s.code.fn} (${s.context})` : '?';
}
