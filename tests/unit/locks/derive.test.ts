import { describe, expect, it } from 'vitest';
import {
  addItems,
  DeriveError,
  deriveScenario,
  editItem,
  editStep,
  insertSteps,
  removeItem,
  removeStep,
  replaceStep,
  setSteps,
} from '../../../src/lib/locks/derive.ts';
import type { Scenario, Step } from '../../../src/lib/locks/model.ts';

const code = { fn: 'f()', file: 'x.c' };
const step = (op: Step['op'], target: string): Step => ({ op, target, code });

function base(): Scenario {
  return {
    id: 'base',
    thread: 't',
    title: 'Base',
    answers: 'm@x',
    summary: 'S',
    role: 'report',
    cpus: 2,
    locks: [
      { id: 'a', name: 'A', kind: 'spinlock' },
      { id: 'b', name: 'B', kind: 'spinlock' },
    ],
    irqs: [{ id: 'i', name: 'I', code, handler: [step('spin_lock', 'a'), step('spin_unlock', 'a')] }],
    tasks: [
      {
        id: 't0',
        name: 'T0',
        cpu: 0,
        steps: [
          step('spin_lock', 'a'),
          step('spin_lock', 'b'),
          step('spin_unlock', 'b'),
          step('spin_unlock', 'a'),
        ],
      },
    ],
  };
}

const ops = (s: Scenario, task = 't0') =>
  s.tasks.find((t) => t.id === task)?.steps.map((x) => `${x.op} ${x.target}`);

describe('deriveScenario', () => {
  it('sets fields, keeps the rest, drops a field given as undefined, and never touches the base', () => {
    const b = base();
    const frozen = JSON.stringify(b);
    const d = deriveScenario(b, { id: 'fix', role: 'fix', fate: 'applied', summary: 'New' });
    expect(d).toMatchObject({
      id: 'fix',
      role: 'fix',
      fate: 'applied',
      summary: 'New',
      title: 'Base',
      cpus: 2,
    });
    expect(d.locks).toBe(b.locks);
    const back = deriveScenario(d, { id: 'again', role: 'report', fate: undefined });
    expect('fate' in back).toBe(false);
    expect(JSON.stringify(b)).toBe(frozen);
  });

  it('edits, replaces, removes and inserts steps found by op and target', () => {
    const b = base();
    const frozen = JSON.stringify(b);
    const t0 = { task: 't0' } as const;
    expect(
      ops(
        deriveScenario(b, { id: 'x' }, [
          editStep(t0, { op: 'spin_lock', target: 'b' }, { op: 'spin_trylock' }),
        ]),
      ),
    ).toEqual(['spin_lock a', 'spin_trylock b', 'spin_unlock b', 'spin_unlock a']);
    const moved = deriveScenario(b, { id: 'x' }, [
      replaceStep(t0, { op: 'spin_lock', target: 'b' }, [step('do', 'work')]),
      removeStep(t0, { op: 'spin_unlock', target: 'b' }),
      insertSteps(t0, { after: { op: 'spin_unlock', target: 'a' } }, [
        step('spin_lock', 'b'),
        step('spin_unlock', 'b'),
      ]),
      insertSteps(t0, { before: { op: 'spin_lock', target: 'a' } }, [step('do', 'first')]),
    ]);
    expect(ops(moved)).toEqual([
      'do first',
      'spin_lock a',
      'do work',
      'spin_unlock a',
      'spin_lock b',
      'spin_unlock b',
    ]);
    const irq = deriveScenario(b, { id: 'x' }, [setSteps({ irq: 'i' }, [step('do', 'nothing')])]);
    expect(irq.irqs?.[0]?.handler.map((x) => x.op)).toEqual(['do']);
    expect(irq.irqs?.[0]?.name).toBe('I');
    expect(JSON.stringify(b)).toBe(frozen);
  });

  it('fails loudly when a change does not fit its base', () => {
    const b = base();
    const t0 = { task: 't0' } as const;
    expect(() => deriveScenario(b, { id: 'x' }, [removeStep(t0, { op: 'spin_lock' })])).toThrow(
      /task t0 has 2 steps spin_lock; name the target/,
    );
    expect(() => deriveScenario(b, { id: 'x' }, [removeStep(t0, { op: 'mutex_lock' })])).toThrow(
      /task t0 has no step mutex_lock/,
    );
    expect(() => deriveScenario(b, { id: 'x' }, [setSteps({ task: 'nope' }, [])])).toThrow(DeriveError);
    expect(() =>
      deriveScenario(b, { id: 'x' }, [addItems('locks', [{ id: 'a', name: 'A2', kind: 'mutex' }])]),
    ).toThrow(/already has locks a/);
    expect(() => deriveScenario(b, { id: 'x' }, [removeItem('irqs', 'nope')])).toThrow(/has no irqs nope/);
  });

  it('adds, edits and removes items of a list', () => {
    const d = deriveScenario(base(), { id: 'x' }, [
      addItems('locks', [{ id: 'c', name: 'C', kind: 'mutex' }]),
      addItems('workqueues', [{ id: 'wq', name: 'wq', cpu: 1 }]),
      editItem('locks', 'a', { kind: 'rwlock' }),
      removeItem('irqs', 'i'),
    ]);
    expect(d.locks.map((l) => `${l.id}:${l.kind}`)).toEqual(['a:rwlock', 'b:spinlock', 'c:mutex']);
    expect(d.workqueues).toEqual([{ id: 'wq', name: 'wq', cpu: 1 }]);
    expect(d.irqs).toEqual([]);
  });
});
