// Plain code: `do` (a line that only matters for the story: `mark entry CANCELING`), `msleep`
// (a call that sleeps but waits for nothing the model knows), and `alloc_atomic` (a GFP_ATOMIC
// allocation that may fail; then the rest of the body is dropped and the lost work is reported).

import type { Family, MicroSpec, OpSpec } from './types.ts';

/** A pc past the end of every body. */
export const END = 1 << 30;

const nop: MicroSpec = {
  apply: (_c, _s, m) => m.next,
  promela: () => ({ guard: '', effects: [] }),
};

const sleep: MicroSpec = {
  apply: (_c, _s, m) => m.next,
  lockdep: (w, m) => w.mightSleep(m),
  promela: () => ({ guard: '', effects: [] }),
};

const alloc: MicroSpec = {
  apply: (_c, _s, m) => m.next,
  alt: {
    apply(c, s) {
      s[c.layout.lost] = 1;
      // The rest of the body is dropped: the context ends here (any pc past the end finishes it).
      return END;
    },
    action: (m) => `${m.call} fails: the rest is dropped`,
    brief: (m) => `${m.call} FAILS`,
  },
  promela: (p) => ({
    guard: '',
    effects: [],
    alt: { guard: '', effects: [`${p.slot(p.c.layout.lost)} = 1`], next: END },
  }),
};

const ops = {
  do: {
    summary: 'plain code (`target` is the text shown, e.g. `mark entry CANCELING`)',
    target: 'text',
    expand: () => [{ kind: 'nop' }],
  },
  msleep: {
    summary: 'sleep a while (rejected in interrupt, flagged under a spinlock); waits for nothing modelled',
    target: 'text',
    sleeps: true,
    call: (e) => `msleep(${e.step.target ?? ''})`,
    expand: () => [{ kind: 'sleep' }],
  },
  alloc_atomic: {
    summary:
      '`GFP_ATOMIC` allocation: succeeds, or fails and the rest of the body is dropped (recorded as lost work)',
    target: 'text',
    expand: () => [{ kind: 'alloc' }],
  },
} satisfies Record<string, OpSpec>;

/** Plain code, sleeps and atomic allocations. */
export const code = {
  name: 'code',
  about:
    'Plain code (`do`), sleeping calls that wait for nothing modelled (`msleep`) and atomic allocations.',
  ops,
  micros: { nop, sleep, alloc },
} satisfies Family;
