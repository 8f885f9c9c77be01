// Each primitive family with a model that deadlocks (or livelocks) and one that does not: the explorer's
// verdict, what the lockdep-style validator reports, and a replay of every counterexample.

import { describe, expect, it } from 'vitest';
import { PRIMITIVE_MODELS } from '../../../bench/models/primitives.ts';
import { compareWithLockdep } from '../../../src/lib/locks/cross-check.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import type { Step } from '../../../src/lib/locks/model.ts';
import { FAMILIES, familyOf, OP_NAMES } from '../../../src/lib/locks/primitives/index.ts';
import { replayTrace } from '../../../src/lib/locks/replay.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';

const DEADLOCK_KINDS = ['circular', 'recursive', 'irq-inversion', 'inconsistent'];

describe.each(PRIMITIVE_MODELS.map((m) => [m.family, m.scenario.id, m] as const))('%s: %s', (_f, _id, m) => {
  it(`is ${m.expect}, and its counterexample replays move by move`, () => {
    const r = explore(m.scenario);
    expect(r.verdict).toBe(m.expect);
    if (m.expect !== 'no-deadlock') {
      expect(r.trace.some((t) => t.blocked !== undefined || t.cycle)).toBe(true);
      const replay = replayTrace(m.scenario, r.trace);
      expect(replay.error).toBeUndefined();
      expect(replay.deadlocked).toBe(m.expect === 'deadlock');
    }
    if (m.expect === 'livelock') expect(r.trace.filter((t) => t.cycle).length).toBeGreaterThan(0);
  });

  it('gets the lockdep reports lockdep would print', () => {
    const kinds = new Set(validateScenario(m.scenario).findings.map((f) => f.kind));
    for (const k of m.lockdep ?? []) expect(kinds).toContain(k);
    const predicted = [...kinds].filter((k) => DEADLOCK_KINDS.includes(k));
    expect(predicted.length > 0).toBe((m.lockdep ?? []).length > 0);
  });
});

describe('coverage of the registry', () => {
  const used = new Set<string>();
  const walk = (steps: readonly Step[] | undefined): void => {
    for (const s of steps ?? []) {
      used.add(s.op);
      walk(s.steps);
      walk(s.else);
    }
  };
  for (const { scenario: s } of PRIMITIVE_MODELS) {
    for (const t of s.tasks) walk(t.steps);
    for (const w of s.works ?? []) walk(w.fn);
    for (const t of s.timers ?? []) walk(t.fn);
    for (const q of s.irqs ?? []) walk(q.handler);
    for (const r of s.refcounts ?? []) walk(r.release);
    for (const r of s.rcuCallbacks ?? []) walk(r.fn);
  }

  it('every op of every family is used by some model', () => {
    expect(OP_NAMES.filter((op) => !used.has(op))).toEqual([]);
  });

  it('every family with ops has a model that deadlocks or livelocks and one that does not', () => {
    for (const f of FAMILIES) {
      if (Object.keys(f.ops).length === 0) continue;
      const mine = PRIMITIVE_MODELS.filter((m) => m.family === f.name);
      expect(
        mine.some((m) => m.expect !== 'no-deadlock'),
        f.name,
      ).toBe(true);
      expect(
        mine.some((m) => m.expect === 'no-deadlock'),
        f.name,
      ).toBe(true);
    }
    expect(familyOf('down_read')?.name).toBe('rwsem');
  });
});

describe('lockdep and the explorer side by side', () => {
  const byId = (id: string) => {
    const m = PRIMITIVE_MODELS.find((x) => x.scenario.id === id);
    if (!m) throw new Error(id);
    return m.scenario;
  };
  const check = (id: string) => {
    const s = byId(id);
    return compareWithLockdep(s, explore(s), validateScenario(s));
  };

  it('two sockets of one lockdep class: a lockdep false positive, naming the instances', () => {
    const c = check('sockets-of-one-class');
    expect(c.kind).toBe('false-positive');
    expect(c.text).toMatch(
      /^lockdep false positive: lockdep reports "possible circular locking dependency detected"/,
    );
    expect(c.instances).toEqual(['user socket', 'siw socket']);
  });

  it('reclassifying one socket (lockdep_set_class) silences lockdep', () => {
    expect(check('sockets-reclassified').kind).toBe('agree');
    expect(validateScenario(byId('sockets-reclassified')).classes.map((k) => k.name)).toContain(
      'sk_lock-AF_INET-siw',
    );
  });

  it('two instances of one class nested without a subclass: recursive locking, but no deadlock', () => {
    const c = check('two-instances-one-class');
    expect(c.kind).toBe('false-positive');
    expect(c.instances).toEqual(['dev1->lock', 'dev2->lock']);
  });

  it('a wait on a completion under a lock is a deadlock lockdep cannot see', () => {
    const c = check('completion-under-lock');
    expect(c.kind).toBe('unseen-deadlock');
    expect(c.text).toMatch(
      /^deadlock lockdep cannot see: .*sleeps in wait_for_completion\(\) until ready is completed/,
    );
  });

  it('an RCU reader spinning on what the updater does after synchronize_rcu() is a livelock lockdep cannot see', () => {
    const s = byId('rcu-reader-waits-for-updater');
    const r = explore(s);
    expect(r.verdict).toBe('livelock');
    expect(r.trace.find((t) => t.blocked)?.blocked).toMatch(
      /waits in synchronize_rcu\(\) for the RCU reader on CPU0/,
    );
    expect(compareWithLockdep(s, r, validateScenario(s)).kind).toBe('unseen-livelock');
  });

  it('a trylock retry loop against a flush under the same mutex is a livelock, with the loop shown', () => {
    const r = explore(byId('rtnl-trylock-retry-vs-flush'));
    expect(r.verdict).toBe('livelock');
    const loop = r.trace.filter((t) => t.cycle).map((t) => t.action);
    expect(loop.some((a) => a.startsWith('rtnl_trylock(rtnl_mutex)'))).toBe(true);
    expect(r.trace.filter((t) => t.blocked).map((t) => t.blocked)).toContain(
      'CPU0 sleeps in flush_work() until work &priv->w is done',
    );
  });
});
