import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';
import { type ScenarioView, viewsOf } from '../../../src/site-data/scenario-views.ts';

const SLUG = 'ofa-general-2009-irq-lock-inversion';
const ROLAND = 'pipermail.012c758912452e46341f884c@lockstep.invalid';

const root = path.resolve(import.meta.dirname, '../../..');
let views: ScenarioView[] = [];
const allScenarioViews = () => views;
const allDiagrams = () => views.flatMap((v) => [v.sequence, v.graph]);
const scenarioView = (id: string) => views.find((v) => v.scenario.id === id);
const scenariosFor = (thread: string, messageId: string) =>
  views.filter((v) => v.scenario.thread === thread && v.scenario.answers === messageId);

beforeAll(async () => {
  views = viewsOf(await loadScenarioCatalog([path.join(root, 'content/threads')]));
});

describe('scenario views of the bundled catalog', () => {
  it('finds the five seed scenarios, all answering Roland’s message', () => {
    expect(scenariosFor(SLUG, ROLAND).map((v) => v.scenario.id)).toEqual([
      'baseline-2630',
      'fix-canceling',
      'fix-del-timer',
      'fix-event-queue',
      'nonfix-cancel-sync',
    ]);
    expect(scenariosFor(SLUG, 'other@x')).toEqual([]);
  });

  it('reaches the verdict each model claims', () => {
    for (const v of allScenarioViews()) expect(v.result.verdict, v.scenario.id).toBe(v.scenario.expect);
  });

  it('keeps the model source text for the editor', () => {
    const v = scenarioView('baseline-2630');
    expect(v?.source).toContain("id: 'baseline-2630'");
    expect(v?.source).toContain('export default scenario;');
    expect(v?.threadRoot).toBe(ROLAND);
  });

  it('gives every diagram export id, kind and 72-column text', () => {
    const ids = allDiagrams().map((d) => d.id);
    expect(ids).toContain('baseline-2630-sequence');
    expect(ids).toContain('baseline-2630-lock-graph');
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of allDiagrams()) {
      const widest = Math.max(...d.text.split('\n').map((l) => l.length));
      expect(widest, d.id).toBeLessThanOrEqual(72);
    }
  });

  it('tags one arrow per move and one note per stuck context in the sequence SVG', () => {
    const v = scenarioView('baseline-2630');
    if (!v) throw new Error('baseline-2630 missing');
    const moves = v.result.trace.filter((t) => t.blocked === undefined).length;
    const stuck = v.result.trace.length - moves;
    expect(moves).toBe(7);
    expect(stuck).toBe(4);
    const arrows = [...v.sequence.inline.matchAll(/<g class="message" data-step="(s\d+)"/g)].map((m) => m[1]);
    const notes = [...v.sequence.inline.matchAll(/<g class="note" data-step="(s\d+)"/g)].map((m) => m[1]);
    expect(arrows).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7']);
    expect(notes).toEqual(['s8', 's9', 's10', 's11']);
  });

  it('tags the lock-graph edges the deadlock waits on', () => {
    const v = scenarioView('baseline-2630');
    if (!v) throw new Error('baseline-2630 missing');
    const waited = v.result.trace.flatMap((t) => t.edges);
    expect(waited).toEqual(['cm->mad', 'mad->timer:timed_work.timer', 'timer:timed_work.timer~>cm']);
    for (const id of waited)
      expect(v.graph.inline).toContain(`class="edge" data-edge="${id.replace(/>/g, '&gt;')}"`);
  });

  it('inlines SVG that follows the page colours and fetches nothing remote', () => {
    for (const d of allDiagrams()) {
      expect(d.inline, d.id).not.toMatch(/googleapis|@import/);
      expect(d.standalone, d.id).not.toMatch(/googleapis|@import/);
      // The root carries its size for fitting (--w, --min-w, --ar), never colour variables of its own.
      const root = d.inline.slice(0, d.inline.indexOf('>'));
      expect(root).not.toMatch(/--bg|--fg/);
      expect(root).toMatch(/style="--w:\d+px;--min-w:\d+px;--ar:[\d.]+"/);
      expect(d.standalone).toContain('--bg:#ffffff');
    }
  });

  it('describes each diagram in words', () => {
    const v = scenarioView('baseline-2630');
    expect(v?.sequence.summary).toMatch(
      /^Shortest interleaving to a deadlock: 7 steps over 4 contexts on 3 CPUs\./,
    );
    expect(v?.graph.summary).toContain('possible irq lock inversion dependency detected');
    expect(scenarioView('fix-del-timer')?.sequence.summary).toMatch(
      /^No counterexample: no deadlock is reachable/,
    );
  });
});
