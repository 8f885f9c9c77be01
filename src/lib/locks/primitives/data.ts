// Data and control flow: bounded integer variables and flags (`vars`), `set`/`add`, `if`/`else`,
// `while` loops, `return` and `break`. A branch reads shared data, so evaluating its condition is a
// move of its own (another CPU may change the variable between the test and what follows). Loops are
// bounded by the data they test: the state space stays finite, and a loop that can go round forever
// with no way out shows up as a livelock.

import type { CCond, Compiled, Micro } from '../compile.ts';
import { ModelError } from '../errors.ts';
import type { Cond } from '../model.ts';
import type { BodyBuilder, Family, MicroSpec, OpSpec } from './types.ts';

const OPS_TEXT: Record<NonNullable<Cond['is']>, string> = {
  '==': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** Evaluates a compiled condition. */
export function test(v: number, cond: CCond): boolean {
  switch (cond.op) {
    case '==':
      return v === cond.value;
    case '!=':
      return v !== cond.value;
    case '<':
      return v < cond.value;
    case '<=':
      return v <= cond.value;
    case '>':
      return v > cond.value;
    case '>=':
      return v >= cond.value;
  }
}

/** `x != 0`, `retries < 3`. */
export function condText(c: Compiled, cond: CCond): string {
  return `${c.vars[cond.v]?.name ?? '?'} ${OPS_TEXT[cond.op]} ${cond.value}`;
}

const varSlot = (c: Compiled, m: Micro): number => c.vars[m.obj]?.slot ?? -1;

const set: MicroSpec = {
  apply(c, s, m) {
    s[varSlot(c, m)] = m.arg;
    return m.next;
  },
  lockdep: (w, m) => w.setVar(m.obj, m.arg),
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(varSlot(p.c, m))} = ${m.arg}`] }),
  touches: (_c, m) => [`var:${m.obj}`],
};

const add: MicroSpec = {
  apply(c, s, m, x) {
    const v = c.vars[m.obj];
    const next = (s[varSlot(c, m)] ?? 0) + m.arg;
    if (!v || next < 0 || next > v.max)
      throw new ModelError(`${x.id}: ${m.call} takes ${v?.name} to ${next}, outside 0…${v?.max}`, m.step);
    s[varSlot(c, m)] = next;
    return m.next;
  },
  lockdep(w, m) {
    const v = w.getVar(m.obj);
    w.setVar(m.obj, v === undefined ? undefined : v + m.arg);
  },
  promela: (p, m) => ({
    guard: '',
    effects: [`${p.slot(varSlot(p.c, m))} = ${p.slot(varSlot(p.c, m))} + ${m.arg}`],
  }),
  touches: (_c, m) => [`var:${m.obj}`],
};

/** Branch: `next` when the condition holds, `alt` otherwise. */
const branch: MicroSpec = {
  apply(c, s, m) {
    const cond = m.cond;
    if (!cond) return m.next;
    return test((s[c.vars[cond.v]?.slot ?? -1] ?? 0) as number, cond) ? m.next : m.alt;
  },
  lockdep(w, m) {
    const cond = m.cond;
    const v = cond ? w.getVar(cond.v) : undefined;
    if (!cond || v === undefined) w.fork([{ pc: m.next }, { pc: m.alt }]);
    else w.fork([{ pc: test(v, cond) ? m.next : m.alt }]);
  },
  promela(p, m) {
    const cond = m.cond;
    if (!cond) return { guard: '', effects: [] };
    const v = p.slot(p.c.vars[cond.v]?.slot ?? 0);
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: `${v} ${OPS_TEXT[cond.op]} ${cond.value}`, effects: [], next: m.next },
        { when: 'else', effects: [], next: m.alt },
      ],
    };
  },
  touches: (_c, m) => (m.cond ? [`var:${m.cond.v}`] : []),
};

function compileCond(b: BodyBuilder, cond: Cond | undefined, where: string): CCond {
  if (!cond || typeof cond.var !== 'string') {
    b.error(`${where}: needs cond: { var, is?, value? }`);
    return { v: -1, op: '!=', value: 0 };
  }
  const v = b.varIndex(cond.var, false);
  if (v < 0) b.error(`${where}: unknown var ${cond.var}`);
  const op = cond.is ?? '!=';
  if (!(op in OPS_TEXT)) b.error(`${where}: unknown comparison ${op}`);
  return { v, op, value: Math.trunc(cond.value ?? 0) };
}

const setOp: OpSpec = {
  summary: '`target` (a variable) = `value`',
  target: 'var',
  fields: ['value'],
  call: (e) => `${e.label} = ${e.step.value ?? 0}`,
  expand: (e) => [{ kind: 'set', arg: Math.trunc(e.step.value ?? 0) }],
};

const addOp: OpSpec = {
  summary: '`target` += `value` (an error outside 0…max)',
  target: 'var',
  fields: ['value'],
  call: (e) => `${e.label} += ${e.step.value ?? 1}`,
  expand: (e) => [{ kind: 'add', arg: Math.trunc(e.step.value ?? 1) }],
};

const ifOp: OpSpec = {
  summary: '`cond` decides between `steps` and `else` (testing is a move of its own)',
  target: 'none',
  fields: ['cond', 'steps', 'else'],
  structured(b, step, at, incoming) {
    const cond = compileCond(b, step.cond, `step ${at}`);
    const pc = b.emit(step, { kind: 'branch' }, `if (${condText(b.c, cond)})`, at, incoming);
    setCond(b, pc, cond);
    const yes = b.seq(step.steps ?? [], `${at}.then`, [{ pc, alt: false }]);
    const no = b.seq(step.else ?? [], `${at}.else`, [{ pc, alt: true }]);
    return [...yes, ...no];
  },
};

const whileOp: OpSpec = {
  summary: 'repeat `steps` while `cond` holds (a loop with no way out is a livelock)',
  target: 'none',
  fields: ['cond', 'steps'],
  structured(b, step, at, incoming) {
    const cond = compileCond(b, step.cond, `step ${at}`);
    const head = b.emit(step, { kind: 'branch' }, `while (${condText(b.c, cond)})`, at, incoming);
    setCond(b, head, cond);
    const { open, breaks } = b.loop(() => b.seq(step.steps ?? [], `${at}.body`, [{ pc: head, alt: false }]));
    b.link(open, head);
    return [{ pc: head, alt: true }, ...breaks];
  },
};

const jumpOp = (which: 'return' | 'break'): OpSpec => ({
  summary:
    which === 'return' ? 'leave the body (a handler returns, a task ends)' : 'leave the innermost `while`',
  target: 'none',
  structured(b, _step, _at, incoming) {
    b.jump(which, incoming);
    return [];
  },
});

function setCond(b: BodyBuilder, pc: number, cond: CCond): void {
  const m = b.micro(pc);
  if (m) m.cond = cond;
}

const ops = {
  set: setOp,
  add: addOp,
  if: ifOp,
  while: whileOp,
  return: jumpOp('return'),
  break: jumpOp('break'),
} satisfies Record<string, OpSpec>;

/** Variables, flags and control flow. */
export const data = {
  name: 'data',
  about:
    'Bounded integer variables and flags (`vars`, 0…max), `set`/`add`, `if`/`else`, `while`, `return`, `break`. ' +
    'Ops with an `into` field write their result (1 or 0) to a variable (created as a flag if undeclared).',
  ops,
  micros: { set, add, branch },
  layout(c, a) {
    for (const v of c.vars) v.slot = a.alloc(1, v.max, `var ${v.id}`);
  },
  init(c, s) {
    for (const v of c.vars) s[v.slot] = v.init;
  },
} satisfies Family;
