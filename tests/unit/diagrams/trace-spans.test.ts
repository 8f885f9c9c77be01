import { describe, expect, it } from 'vitest';
import { sequenceMermaid } from '../../../src/lib/diagrams/index.ts';
import { type ExploreResult, explore, type TraceStep } from '../../../src/lib/locks/index.ts';
import rcuModel from '../../e2e/models/rcu-grace-period.ts';
import rwsemModel from '../../e2e/models/rwsem-completion.ts';

const step = (n: number, action: string, span?: TraceStep['span']): TraceStep => ({
  id: `s${n}`,
  step: n,
  cpu: n % 2,
  context: `t${n % 2}`,
  contextId: `task:t${n % 2}`,
  contextKind: 'task',
  action,
  brief: action,
  code: { fn: 'f()', file: 'f.c' },
  at: `task:t${n % 2}/${n}`,
  edges: [],
  ...(span ? { span } : {}),
});

const result = (trace: TraceStep[]): ExploreResult => ({
  id: 'm',
  thread: 't',
  title: 't',
  verdict: 'deadlock',
  states: 1,
  transitions: 1,
  ms: 1,
  trace,
  lostWork: null,
});

describe('stretches of a trace on the sequence diagram', () => {
  it('boxes a grace period from the step that opens it to the step that closes it', () => {
    const text = sequenceMermaid(
      result([
        step(1, 'a'),
        step(2, 'gp starts', { id: 'g', label: 'RCU grace period', opens: true }),
        step(3, 'b'),
        step(4, 'gp ends', { id: 'g', label: '', opens: false }),
        step(5, 'c'),
      ]),
    );
    const lines = text.split('\n').map((l) => l.trim());
    const at = (prefix: string) => lines.findIndex((l) => l.includes(prefix));
    expect(at('critical RCU grace period')).toBe(at('2. gp starts') - 1);
    expect(lines[at('4. gp ends') + 1]).toBe('end');
    expect(lines.filter((l) => l === 'end')).toHaveLength(1);
    expect(at('5. c')).toBeGreaterThan(at('4. gp ends'));
  });

  it('keeps a grace period that never ends open to the last step, and nests overlapping ones', () => {
    const text = sequenceMermaid(
      result([
        step(1, 'x', { id: 'g0', label: 'first', opens: true }),
        step(2, 'y', { id: 'g1', label: 'second', opens: true }),
        step(3, 'first ends', { id: 'g0', label: '', opens: false }),
        step(4, 'z'),
      ]),
    );
    const lines = text.split('\n').map((l) => l.trim());
    // The first box cannot close inside the second: both close after the last arrow.
    expect(lines.slice(-3)).toEqual(['end', 'end', '']);
    expect(lines.indexOf('critical second')).toBeGreaterThan(lines.indexOf('critical first'));
  });

  it('draws the grace period synchronize_rcu() waits in and names the readers it waits for', () => {
    const r = explore(rcuModel);
    expect(r.verdict).toBe('deadlock');
    const start = r.trace.find((t) => t.action.startsWith('synchronize_rcu()'));
    expect(start?.action).toBe('synchronize_rcu(): grace period starts, waits for the RCU reader on CPU0');
    expect(start?.span).toEqual({
      id: expect.any(String),
      label: 'RCU grace period, waiting for the RCU reader on CPU0',
      opens: true,
    });
    expect(sequenceMermaid(r)).toContain('critical RCU grace period, waiting for the RCU reader on CPU0');
  });

  it('says whether an rwsem was taken as a reader or a writer, or queued for', () => {
    const r = explore(rwsemModel);
    expect(r.verdict).toBe('deadlock');
    expect(r.trace.filter((t) => !t.blocked).map((t) => t.action)).toEqual([
      'down_read(cfg_rwsem): taken as a reader, read-held by CPU0',
      'down_write(cfg_rwsem): queues as a writer',
    ]);
    expect(r.trace.filter((t) => t.blocked).map((t) => t.blocked)).toEqual([
      'CPU0 sleeps in wait_for_completion() until ready is completed',
      'CPU1 sleeps in down_write(cfg_rwsem), read-held by CPU0',
    ]);
  });
});
