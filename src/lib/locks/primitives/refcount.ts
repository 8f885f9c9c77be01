// Reference counts (kref, refcount_t): get and put; the put that drops the last reference runs the
// object's release function right there, in the putting context (so a release that takes a lock, or
// waits, does so wherever the last put happens to be). The release body is compiled in at each put.

import type { Compiled, Micro } from '../compile.ts';
import { ModelError } from '../errors.ts';
import { pInto, setInto } from './common.ts';
import type { Family, MicroSpec, OpSpec } from './types.ts';

const slot = (c: Compiled, m: Micro): number => c.refcounts[m.obj]?.slot ?? -1;
const name = (c: Compiled, m: Micro): string => c.refcounts[m.obj]?.name ?? '?';

const get: MicroSpec = {
  apply(c, s, m, x) {
    const r = c.refcounts[m.obj];
    const v = s[slot(c, m)] ?? 0;
    if (v === 0)
      throw new ModelError(`${x.id}: ${m.call} on ${name(c, m)}, already released (use after free)`, m.step);
    if (r && v >= r.max)
      throw new ModelError(`${x.id}: ${m.call} takes ${name(c, m)} past its max ${r.max}`, m.step);
    s[slot(c, m)] = v + 1;
    return m.next;
  },
  brief: (c, m) => `kref_get(${name(c, m)})`,
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(slot(p.c, m))}++`] }),
  touches: (_c, m) => [`ref:${m.obj}`],
};

const getUnlessZero: MicroSpec = {
  apply(c, s, m) {
    const v = s[slot(c, m)] ?? 0;
    if (v > 0) s[slot(c, m)] = v + 1;
    setInto(c, s, m, v > 0 ? 1 : 0);
    return m.next;
  },
  brief: (c, m) => `kref_get_unless_zero(${name(c, m)})`,
  lockdep(w, m) {
    w.fork([
      { pc: m.next, run: (v) => v.setVar(m.into, 1) },
      { pc: m.next, run: (v) => v.setVar(m.into, 0) },
    ]);
  },
  promela(p, m) {
    const r = p.slot(slot(p.c, m));
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: `${r} > 0`, effects: [`${r}++`, ...pInto(p, m, 1)], next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`ref:${m.obj}`],
};

/** The put: `next` enters the release body (the count reached 0), `alt` skips it. */
const put: MicroSpec = {
  apply(c, s, m, x) {
    const v = s[slot(c, m)] ?? 0;
    if (v === 0) throw new ModelError(`${x.id}: ${m.call} on ${name(c, m)}, already released`, m.step);
    s[slot(c, m)] = v - 1;
    setInto(c, s, m, v === 1 ? 1 : 0);
    return v === 1 ? m.next : m.alt;
  },
  brief: (c, m) => `kref_put(${name(c, m)})`,
  lockdep(w, m) {
    // Whether this put is the last one depends on the other contexts: both paths are possible.
    w.fork([
      { pc: m.next, run: (v) => v.setVar(m.into, 1) },
      { pc: m.alt, run: (v) => v.setVar(m.into, 0) },
    ]);
  },
  promela(p, m) {
    const r = p.slot(slot(p.c, m));
    return {
      guard: '',
      effects: [`${r}--`],
      outcomes: [
        { when: `${r} == 0`, effects: pInto(p, m, 1), next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.alt },
      ],
    };
  },
  touches: (_c, m) => [`ref:${m.obj}`],
};

let depth = 0;

const putOp: OpSpec = {
  summary: 'drop a reference; the last put runs the refcount’s `release` body in this context',
  target: 'refcount',
  fields: ['into'],
  structured(b, step, at, incoming) {
    const ri = b.c.refcounts.findIndex((r) => r.id === step.target);
    const r = b.c.refcounts[ri];
    if (!r) {
      b.error(`step ${at}: unknown refcount ${step.target}`);
      return [...incoming];
    }
    const pc = b.emit(step, { kind: 'kref_put', obj: ri }, `${step.op}(${r.name})`, at, incoming);
    const m = b.micro(pc);
    if (m && step.into !== undefined) m.into = b.varIndex(step.into, true);
    if (depth > 4) {
      b.error(`step ${at}: release functions nest too deep (a release that puts its own object?)`);
      return [
        { pc, alt: false },
        { pc, alt: true },
      ];
    }
    depth++;
    try {
      const released = b.seq(r.release, `${at}.release`, [{ pc, alt: false }]);
      return [...released, { pc, alt: true }];
    } finally {
      depth--;
    }
  },
};

const ops = {
  kref_get: {
    summary: 'take a reference (an error once released)',
    target: 'refcount',
    expand: () => [{ kind: 'kref_get' }],
  },
  kref_put: putOp,
  kref_get_unless_zero: {
    summary: 'take a reference unless released; `into` gets 1 or 0',
    target: 'refcount',
    fields: ['into'],
    expand: () => [{ kind: 'kref_get_unless_zero' }],
  },
  refcount_inc: { summary: 'as kref_get()', target: 'refcount', expand: () => [{ kind: 'kref_get' }] },
  refcount_dec_and_test: { ...putOp, summary: 'as kref_put(): the last one runs `release`' },
} satisfies Record<string, OpSpec>;

/** kref and refcount_t. */
export const refcount = {
  name: 'refcount',
  about:
    'Reference counts (`refcounts`): the put that drops the last reference runs the `release` body right there, ' +
    'in the putting context.',
  ops,
  micros: { kref_get: get, kref_put: put, kref_get_unless_zero: getUnlessZero },
  layout(c, a) {
    for (const r of c.refcounts) r.slot = a.alloc(1, r.max, `refcount ${r.id}`);
  },
  init(c, s) {
    for (const r of c.refcounts) s[r.slot] = r.init;
  },
} satisfies Family;
