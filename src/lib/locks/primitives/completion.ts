// struct completion: complete() lets one waiter through (or is remembered for the next one),
// complete_all() lets every waiter through until reinit_completion(). wait_for_completion() sleeps until
// then; the _timeout/_interruptible variants may also give up (a separate move). Lockdep does not
// follow completions (crossrelease was removed in 4.15): a deadlock through one is invisible to it.

import type { Compiled, Micro } from '../compile.ts';
import { pInto, setInto } from './common.ts';
import type { Family, MicroSpec, OpSpec } from './types.ts';

/** complete_all() state: every waiter passes. */
const ALL = 255;
/** complete() saturates below ALL. */
const MAXDONE = 254;

const slot = (c: Compiled, m: Micro): number => c.completions[m.obj]?.slot ?? -1;
const name = (c: Compiled, m: Micro): string => c.completions[m.obj]?.name ?? '?';

const complete: MicroSpec = {
  apply(c, s, m) {
    const d = s[slot(c, m)] ?? 0;
    if (d !== ALL) s[slot(c, m)] = Math.min(MAXDONE, d + 1);
    return m.next;
  },
  brief: (c, m) => `complete(${name(c, m)})`,
  promela: (p, m) => {
    const d = p.slot(slot(p.c, m));
    return { guard: '', effects: [`if :: ${d} < ${MAXDONE} -> ${d}++ :: else -> skip fi`] };
  },
  touches: (_c, m) => [`completion:${m.obj}`],
};

const completeAll: MicroSpec = {
  apply(c, s, m) {
    s[slot(c, m)] = ALL;
    return m.next;
  },
  brief: (c, m) => `complete_all(${name(c, m)})`,
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(slot(p.c, m))} = ${ALL}`] }),
  touches: (_c, m) => [`completion:${m.obj}`],
};

const reinit: MicroSpec = {
  apply(c, s, m) {
    s[slot(c, m)] = 0;
    return m.next;
  },
  brief: (c, m) => `reinit_completion(${name(c, m)})`,
  promela: (p, m) => ({ guard: '', effects: [`${p.slot(slot(p.c, m))} = 0`] }),
  touches: (_c, m) => [`completion:${m.obj}`],
};

const consume = (c: Compiled, s: Int32Array, m: Micro): void => {
  const d = s[slot(c, m)] ?? 0;
  if (d !== ALL && d > 0) s[slot(c, m)] = d - 1;
};
const pConsume = (d: string): string => `if :: ${d} != ${ALL} && ${d} > 0 -> ${d}-- :: else -> skip fi`;

/** wait_for_completion(); with `timeout`, the give-up outcome is the alternative move. */
const wait = (timeout: boolean): MicroSpec => ({
  ready: (c, s, m) => (s[slot(c, m)] ?? 0) > 0,
  apply(c, s, m) {
    consume(c, s, m);
    setInto(c, s, m, 1);
    return m.next;
  },
  ...(timeout
    ? {
        alt: {
          // Only a waiter that would sleep can time out.
          ready: (c, s, m) => (s[slot(c, m)] ?? 0) === 0,
          apply(c, s, m) {
            setInto(c, s, m, 0);
            return m.next;
          },
          action: (m: Micro) => `${m.call}: times out`,
          brief: (m: Micro) => `${m.call} TIMEOUT`,
        },
      }
    : {}),
  brief: (c, m) => `wait_for_completion(${name(c, m)})`,
  blocked: (c, _s, m, _x, me) => `${me} sleeps in ${m.call.split('(')[0]}() until ${name(c, m)} is completed`,
  lockdep: (w, m) => w.mightSleep(m),
  promela(p, m) {
    const d = p.slot(slot(p.c, m));
    const step = { guard: `${d} > 0`, effects: [pConsume(d), ...pInto(p, m, 1)] };
    return timeout ? { ...step, alt: { guard: `${d} == 0`, effects: pInto(p, m, 0), next: m.next } } : step;
  },
  touches: (_c, m) => [`completion:${m.obj}`],
});

const tryWait: MicroSpec = {
  apply(c, s, m) {
    const ok = (s[slot(c, m)] ?? 0) > 0;
    if (ok) consume(c, s, m);
    setInto(c, s, m, ok ? 1 : 0);
    return m.next;
  },
  brief: (c, m) => `try_wait_for_completion(${name(c, m)})`,
  lockdep(w, m) {
    w.fork([
      { pc: m.next, run: (v) => v.setVar(m.into, 1) },
      { pc: m.next, run: (v) => v.setVar(m.into, 0) },
    ]);
  },
  promela(p, m) {
    const d = p.slot(slot(p.c, m));
    return {
      guard: '',
      effects: [],
      outcomes: [
        { when: `${d} > 0`, effects: [pConsume(d), ...pInto(p, m, 1)], next: m.next },
        { when: 'else', effects: pInto(p, m, 0), next: m.next },
      ],
    };
  },
  touches: (_c, m) => [`completion:${m.obj}`],
};

const isDone: MicroSpec = {
  apply(c, s, m) {
    setInto(c, s, m, (s[slot(c, m)] ?? 0) > 0 ? 1 : 0);
    return m.next;
  },
  brief: (c, m) => `completion_done(${name(c, m)})`,
  lockdep(w, m) {
    w.setVar(m.into, undefined);
  },
  promela(p, m) {
    const d = p.slot(slot(p.c, m));
    return {
      guard: '',
      effects: [
        `if :: ${d} > 0 -> ${pInto(p, m, 1).join('; ') || 'skip'} :: else -> ${pInto(p, m, 0).join('; ') || 'skip'} fi`,
      ],
    };
  },
  touches: (_c, m) => [`completion:${m.obj}`],
};

const op = (summary: string, kind: string, extra: Partial<OpSpec> = {}): OpSpec => ({
  summary,
  target: 'completion',
  expand: () => [{ kind }],
  ...extra,
});

const ops = {
  init_completion: op('not completed', 'completion_reinit'),
  reinit_completion: op('not completed again (after complete_all())', 'completion_reinit'),
  complete: op('let one waiter through, or the next one to come', 'complete'),
  complete_all: op('let every waiter through until reinit', 'complete_all'),
  wait_for_completion: op('sleep until completed (lockdep cannot see this wait)', 'completion_wait', {
    sleeps: true,
  }),
  wait_for_completion_timeout: op(
    'as wait_for_completion(), or time out; `into` gets 1 or 0',
    'completion_wait_timeout',
    {
      sleeps: true,
      fields: ['into'],
    },
  ),
  wait_for_completion_interruptible: op(
    'as the _timeout variant (a signal may end the wait)',
    'completion_wait_timeout',
    {
      sleeps: true,
      fields: ['into'],
    },
  ),
  wait_for_completion_killable: op('as the _timeout variant', 'completion_wait_timeout', {
    sleeps: true,
    fields: ['into'],
  }),
  try_wait_for_completion: op('consume a completion if there is one; `into` gets 1 or 0', 'completion_try', {
    fields: ['into'],
  }),
  completion_done: op('`into` gets whether it is completed (nothing consumed)', 'completion_done', {
    fields: ['into'],
  }),
} satisfies Record<string, OpSpec>;

/** struct completion. */
export const completion = {
  name: 'completion',
  about:
    'struct completion (`completions`): complete() lets one waiter through, complete_all() all of them. Lockdep ' +
    'does not track completions, so deadlocks through them are ones lockdep cannot see.',
  ops,
  micros: {
    complete,
    complete_all: completeAll,
    completion_reinit: reinit,
    completion_wait: wait(false),
    completion_wait_timeout: wait(true),
    completion_try: tryWait,
    completion_done: isDone,
  },
  layout(c, a) {
    for (const q of c.completions) q.slot = a.alloc(1, ALL, `completion ${q.id}.done`);
  },
  init(c, s) {
    for (const q of c.completions) s[q.slot] = Math.min(MAXDONE, q.done);
  },
} satisfies Family;
