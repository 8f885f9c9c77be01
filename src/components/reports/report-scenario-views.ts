// "Open as a scenario" for every circular lockdep report in the build: the model built from the
// report's chain, explored and drawn like a bundled scenario, so its card can run, step and edit it.

import { getCollection } from 'astro:content';
import { buildView, type ScenarioView } from '../scenarios/scenario-data.ts';
import { reportScenario } from './report-view.ts';

let cached: Promise<Map<string, ScenarioView>> | undefined;

/** Scenario id of the model built from report `index` of the message with `anchor`. */
export function reportScenarioId(anchor: string, index: number): string {
  return `report-${anchor.slice(1, 13)}-${index + 1}`;
}

/** Every report-built scenario of the build, by scenario id (explored and drawn once per build). */
export function reportScenarioViews(): Promise<Map<string, ScenarioView>> {
  cached ??= collect();
  return cached;
}

async function collect(): Promise<Map<string, ScenarioView>> {
  const views = new Map<string, ScenarioView>();
  for (const thread of await getCollection('threads')) {
    for (const message of thread.data.messages) {
      message.reports.forEach((report, i) => {
        if (report.kind !== 'circular') return;
        const model = reportScenario(report, thread.id, message.messageId);
        if (!model) return;
        const id = reportScenarioId(message.anchor, i);
        // Names in this model come from mail; reduce every string to identifier-like characters before
        // it is drawn into SVG that the page inlines.
        const scenario = plainStrings({
          ...model.scenario,
          id,
          title: `Model of this report: ${model.scenario.title}`,
        });
        views.set(
          id,
          buildView(
            scenario,
            `generated from <${message.messageId}>`,
            model.source.replace(model.scenario.id, id),
          ),
        );
      });
    }
  }
  return views;
}

/** Bundled scenarios followed by report-built ones (for the diagram, model and embed routes). */
export async function everyScenarioView(bundled: ScenarioView[]): Promise<ScenarioView[]> {
  return [...bundled, ...(await reportScenarioViews()).values()];
}

/** Copies a JSON-like value with every string reduced to identifier, punctuation and space characters. */
export function plainStrings<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    typeof v === 'string' ? v.replace(/[^\w &>\-.:()/#+[\],;'=*@!?{}]/g, '?') : v,
  ) as T;
}
