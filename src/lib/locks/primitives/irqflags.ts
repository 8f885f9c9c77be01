// Interrupt, softirq and preemption state: local_irq_*, local_bh_*, preempt_*. The irq-off and bh-off
// micro-ops are also the first half of the lock variants (spin_lock_irqsave = irq_save + lock). A
// context with any of them open keeps its CPU. local_irq_save() keeps the caller's state in a flags
// key of its own, so nested saves restore exactly what each caller had.

import { bump, cpuSlot, pCpu, pPin } from './common.ts';
import type { Family, MicroSpec, OpSpec } from './types.ts';

const irqSave: MicroSpec = {
  apply(c, s, m, x, cpu) {
    const base = cpuSlot(c, cpu);
    const saved = s[c.layout.ctxSaved + x.index] ?? 0;
    s[c.layout.ctxSaved + x.index] = s[base] === 1 ? saved | (1 << m.arg) : saved & ~(1 << m.arg);
    s[base] = 1;
    bump(c, s, x, 1);
    return m.next;
  },
  brief: () => 'local_irq_save()',
  lockdep: (w, m) => w.saveIrqs(m.arg),
  promela(p, m, x) {
    const saved = p.slot(p.c.layout.ctxSaved + x.index);
    return {
      guard: '',
      effects: [
        `if :: ${pCpu(p, 0)} -> ${saved} = ${saved} | ${1 << m.arg} :: else -> ${saved} = ${saved} & ${~(1 << m.arg)} fi`,
        `${pCpu(p, 0)} = 1`,
        `${pPin(p, x)}++`,
      ],
    };
  },
};

const irqRestore: MicroSpec = {
  apply(c, s, m, x, cpu) {
    const base = cpuSlot(c, cpu);
    const saved = s[c.layout.ctxSaved + x.index] ?? 0;
    s[base] = (saved >> m.arg) & 1;
    s[c.layout.ctxSaved + x.index] = saved & ~(1 << m.arg);
    bump(c, s, x, -1);
    return m.next;
  },
  brief: () => 'local_irq_restore()',
  lockdep: (w, m) => w.restoreIrqs(m.arg, m),
  promela(p, m, x) {
    const saved = p.slot(p.c.layout.ctxSaved + x.index);
    return {
      guard: '',
      effects: [
        `${pCpu(p, 0)} = (${saved} >> ${m.arg}) & 1`,
        `${saved} = ${saved} & ${~(1 << m.arg)}`,
        `${pPin(p, x)}--`,
      ],
    };
  },
};

const irqDisable: MicroSpec = {
  apply(c, s, m, x, cpu) {
    s[cpuSlot(c, cpu)] = 1;
    bump(c, s, x, 1);
    return m.next;
  },
  brief: () => 'local_irq_disable()',
  lockdep: (w) => w.irqsOff(),
  promela: (p, _m, x) => ({ guard: '', effects: [`${pCpu(p, 0)} = 1`, `${pPin(p, x)}++`] }),
};

const irqEnable: MicroSpec = {
  apply(c, s, m, x, cpu) {
    s[cpuSlot(c, cpu)] = 0;
    bump(c, s, x, -1);
    return m.next;
  },
  brief: () => 'local_irq_enable()',
  lockdep: (w, m) => w.irqsOn(m),
  promela: (p, _m, x) => ({ guard: '', effects: [`${pCpu(p, 0)} = 0`, `${pPin(p, x)}--`] }),
};

const bhDisable: MicroSpec = {
  apply(c, s, m, x, cpu) {
    const base = cpuSlot(c, cpu);
    s[base + 1] = (s[base + 1] ?? 0) + 1;
    bump(c, s, x, 1);
    return m.next;
  },
  brief: () => 'local_bh_disable()',
  lockdep: (w) => w.bhOff(),
  promela: (p, _m, x) => ({ guard: '', effects: [`${pCpu(p, 1)}++`, `${pPin(p, x)}++`] }),
};

const bhEnable: MicroSpec = {
  apply(c, s, m, x, cpu) {
    const base = cpuSlot(c, cpu);
    s[base + 1] = Math.max(0, (s[base + 1] ?? 0) - 1);
    bump(c, s, x, -1);
    return m.next;
  },
  brief: () => 'local_bh_enable()',
  lockdep: (w, m) => w.bhOn(m),
  promela: (p, _m, x) => ({
    guard: '',
    effects: [`if :: ${pCpu(p, 1)} > 0 -> ${pCpu(p, 1)}-- :: else -> skip fi`, `${pPin(p, x)}--`],
  }),
};

const preemptOff: MicroSpec = {
  apply(c, s, m, x) {
    bump(c, s, x, 1);
    return m.next;
  },
  brief: () => 'preempt_disable()',
  lockdep: (w) => w.preemptOff(),
  promela: (p, _m, x) => ({ guard: '', effects: [`${pPin(p, x)}++`] }),
};

const preemptOn: MicroSpec = {
  apply(c, s, m, x) {
    bump(c, s, x, -1);
    return m.next;
  },
  brief: () => 'preempt_enable()',
  lockdep: (w) => w.preemptOn(),
  promela: (p, _m, x) => ({ guard: '', effects: [`${pPin(p, x)}--`] }),
};

const flags = (summary: string, kind: string, keyed = false): OpSpec => ({
  summary,
  target: 'text',
  call: (e) => `${e.step.op}(${keyed ? (e.step.target ?? 'flags') : ''})`,
  expand: (e) => [keyed ? { kind, arg: e.flagBit(`flags:${e.step.target ?? 'flags'}`) } : { kind }],
});

const ops = {
  local_irq_disable: flags('irqs off on this CPU', 'irq_disable'),
  local_irq_enable: flags('irqs on, whatever they were before', 'irq_enable'),
  local_irq_save: flags(
    'save the irq state in `target` (a flags name, default `flags`), then irqs off',
    'irq_save',
    true,
  ),
  local_irq_restore: flags('restore the irq state saved in `target`', 'irq_restore', true),
  local_bh_disable: flags('softirqs off on this CPU (nests)', 'bh_disable'),
  local_bh_enable: flags('softirqs back on when the outermost disable ends', 'bh_enable'),
  preempt_disable: flags('this task keeps its CPU until preempt_enable()', 'preempt_off'),
  preempt_enable: flags('preemption back on', 'preempt_on'),
} satisfies Record<string, OpSpec>;

/** local_irq_*, local_bh_*, preempt_*. */
export const irqflags = {
  name: 'irqflags',
  about:
    'Interrupt, softirq and preemption state of a CPU. local_irq_save() keeps each caller’s irq state under ' +
    'its own flags name, so nested saves and restores give back exactly what each caller had.',
  ops,
  micros: {
    irq_save: irqSave,
    irq_restore: irqRestore,
    irq_disable: irqDisable,
    irq_enable: irqEnable,
    bh_disable: bhDisable,
    bh_enable: bhEnable,
    preempt_off: preemptOff,
    preempt_on: preemptOn,
  },
} satisfies Family;
