// The scenario catalog as the pages see it: every model under every content root (the `scenarios`
// collection, filled by src/loaders/scenario-catalog.ts), explored and drawn once per build.

import { getCollection } from 'astro:content';
import { reportScenarioViews } from './report-scenario-views.ts';
import { type Diagram, type ScenarioView, viewsOf } from './scenario-views.ts';

let cached: Promise<ScenarioView[]> | undefined;

/** Every catalogued scenario (not the report-built ones), in catalog order; built lazily, once. */
export function allScenarioViews(): Promise<ScenarioView[]> {
  cached ??= getCollection('scenarios').then((entries) =>
    viewsOf(
      entries
        .map((e) => e.data)
        .sort((a, b) => a.thread.localeCompare(b.thread) || a.file.localeCompare(b.file)),
    ),
  );
  return cached;
}

/** Scenarios of `thread` that answer the message `messageId`, in file order. */
export async function scenariosFor(thread: string, messageId: string): Promise<ScenarioView[]> {
  return (await allScenarioViews()).filter(
    (v) => v.scenario.thread === thread && v.scenario.answers === messageId,
  );
}

/** Every scenario of one thread: the report model first, then fixes, each group in file order. */
export async function threadScenarios(thread: string): Promise<ScenarioView[]> {
  const rank = (v: ScenarioView) => (v.scenario.role === 'report' ? 0 : v.scenario.role === 'fix' ? 1 : 2);
  return (await allScenarioViews())
    .filter((v) => v.scenario.thread === thread)
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

/** Catalogued scenarios followed by the models built from lockdep reports (diagram, model, embed routes). */
export async function everyScenarioView(): Promise<ScenarioView[]> {
  return [...(await allScenarioViews()), ...(await reportScenarioViews()).values()];
}

/** Every diagram of every scenario, report-built ones included. */
export async function allDiagrams(): Promise<Diagram[]> {
  return (await everyScenarioView()).flatMap((v) => v.diagrams);
}
