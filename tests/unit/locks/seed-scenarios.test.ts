import path from 'node:path';
import { describe, expect, it } from 'vitest';
import baseline from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import canceling from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-canceling.ts';
import delTimer from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-del-timer.ts';
import eventQueue from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-event-queue.ts';
import nonfix from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/nonfix-cancel-sync.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import { replayTrace } from '../../../src/lib/locks/replay.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';

const all = [baseline, delTimer, canceling, eventQueue, nonfix];
const MESSAGE = 'pipermail.012c758912452e46341f884c@lockstep.invalid';

describe('the seed thread scenarios', () => {
  it('baseline deadlocks through cm_id_priv->lock, mad_agent_priv->lock and del_timer_sync on 3 CPUs', () => {
    const r = explore(baseline);
    expect(r.verdict).toBe('deadlock');
    const stuck = r.trace.flatMap((t) => (t.blocked ? [t.blocked] : []));
    expect(stuck).toEqual([
      'CPU0 spins on mad_agent_priv->lock held by CPU1',
      'CPU1 waits in del_timer_sync() for the timed_work.timer function running on CPU2',
      'CPU2 softirq is interrupted by hardirq comm-established event, which cannot finish',
      'CPU2 hardirq spins on cm_id_priv->lock held by CPU0',
    ]);
    expect(new Set(r.trace.map((t) => t.cpu))).toEqual(new Set([0, 1, 2]));
  });

  it('the stuck contexts close exactly the cycle the validator highlights (diagram ids agree)', () => {
    const stuckEdges = explore(baseline).trace.flatMap((t) => (t.blocked ? t.edges : []));
    const finding = validateScenario(baseline).findings.find((f) => f.kind === 'irq-inversion');
    expect(stuckEdges.sort()).toEqual([...(finding?.edges ?? [])].sort());
    expect(stuckEdges).toHaveLength(3);
  });

  it('the three fixes are deadlock-free and the non-fix still deadlocks', () => {
    expect(explore(delTimer).verdict).toBe('no-deadlock');
    expect(explore(canceling).verdict).toBe('no-deadlock');
    expect(explore(eventQueue).verdict).toBe('no-deadlock');
    expect(explore(nonfix).verdict).toBe('deadlock');
  });

  it("the event-queue fix shows Roland's objection: the GFP_ATOMIC allocation can fail and drop the event", () => {
    const lost = explore(eventQueue).lostWork;
    expect(lost?.at(-1)?.action).toMatch(/kmalloc\(GFP_ATOMIC\) event.*fails/);
    expect(explore(baseline, { exhaustive: true }).lostWork).toBeNull();
  });

  it.each(all.map((s) => [s.id, s] as const))(
    '%s: verdict matches its expectation, with counts',
    (_id, s) => {
      const r = explore(s);
      expect(r.verdict).toBe(s.expect);
      expect(r.states).toBeGreaterThan(1);
      expect(r.transitions).toBeGreaterThanOrEqual(r.states - 1);
    },
  );

  it.each(all.map((s) => [s.id, s] as const))('%s: names the message it answers and a title', (_id, s) => {
    expect(s.answers).toBe(MESSAGE);
    expect(s.thread).toBe('ofa-general-2009-irq-lock-inversion');
    expect(s.title.length).toBeGreaterThan(10);
  });

  it.each(all.map((s) => [s.id, s] as const))(
    '%s: every trace step replays legally and carries its kernel code',
    (_id, s) => {
      for (const trace of [explore(s).trace, explore(s).lostWork ?? []]) {
        const replay = replayTrace(s, trace);
        expect(replay.error).toBeUndefined();
        expect(replay.ok).toBe(true);
        if (trace.some((t) => t.blocked)) expect(replay.deadlocked).toBe(true);
        for (const [i, t] of trace.entries()) {
          expect(t.id).toBe(`s${i + 1}`);
          expect(t.code.fn).toMatch(/^\w+\(\)$/);
          expect(t.code.file).toMatch(/^(drivers|kernel|include)\//);
        }
      }
    },
  );

  it('the scenario catalog finds exactly these five scenarios in the thread folder', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const found = (await loadScenarioCatalog([path.join(root, 'content/threads')])).filter(
      (f) => f.thread === 'ofa-general-2009-irq-lock-inversion',
    );
    expect(found.map((f) => f.scenario.id).sort()).toEqual(all.map((s) => s.id).sort());
  });
});
