// The scenario catalog as the pages see it: every model under every content root (the `scenarios`
// collection, filled by src/loaders/scenario-catalog.ts), explored and drawn once per build.

import { getCollection } from 'astro:content';
import type { Scenario } from '../lib/locks/model.ts';
import { reportScenarioViews } from './report-scenario-views.ts';
import { type Diagram, type ModelFile, type ScenarioView, viewsOf } from './scenario-views.ts';

let catalog: Promise<ModelFile[]> | undefined;
// Each model explored and drawn once per build, when a page first needs it: an incremental build that
// renders one annotated thread explores that thread's models only.
const built = new Map<string, ScenarioView>();

/** The catalogued models in catalog order. */
function catalogEntries(): Promise<ModelFile[]> {
  catalog ??= getCollection('scenarios').then((entries) =>
    entries
      .map((e) => e.data)
      .sort((a, b) => a.thread.localeCompare(b.thread) || a.file.localeCompare(b.file)),
  );
  return catalog;
}

/** The views of `entries`, each built once. */
function viewsOnce(entries: readonly ModelFile[]): ScenarioView[] {
  return entries.map((entry) => {
    const id = entry.scenario.id;
    let view = built.get(id);
    if (!view) {
      view = viewsOf([entry])[0] as ScenarioView;
      built.set(id, view);
    }
    return view;
  });
}

/** Every catalogued model as written, in catalog order, none explored. */
export async function catalogScenarios(): Promise<Scenario[]> {
  return (await catalogEntries()).map((e) => e.scenario);
}

/** Every catalogued scenario (not the report-built ones), in catalog order; built lazily, once. */
export async function allScenarioViews(): Promise<ScenarioView[]> {
  return viewsOnce(await catalogEntries());
}

/** The catalogued scenarios of one thread, in catalog order. */
async function threadViews(thread: string): Promise<ScenarioView[]> {
  return viewsOnce((await catalogEntries()).filter((e) => e.scenario.thread === thread));
}

/** Scenarios of `thread` that answer the message `messageId`, in file order. */
export async function scenariosFor(thread: string, messageId: string): Promise<ScenarioView[]> {
  return (await threadViews(thread)).filter((v) => v.scenario.answers === messageId);
}

/** Every scenario of one thread: the report model first, then fixes, each group in file order. */
export async function threadScenarios(thread: string): Promise<ScenarioView[]> {
  const rank = (v: ScenarioView) => (v.scenario.role === 'report' ? 0 : v.scenario.role === 'fix' ? 1 : 2);
  return (await threadViews(thread))
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
