// "Open as a scenario" for every circular lockdep report in the build: the model built from the
// report's chain, explored and drawn like a bundled scenario, so its card can run, step and edit it.

import type { LockdepReport } from '../lib/lockdep/types.ts';
import type { Scenario } from '../lib/locks/model.ts';
import { chainToScenario } from '../lib/report-scenarios/chain-to-scenario.ts';
import { scenarioSource } from '../lib/report-scenarios/scenario-source.ts';
import { buildView, type ScenarioView } from './scenario-views.ts';
import { allThreads } from './thread-entries.ts';

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
  for (const thread of await allThreads()) {
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

/**
 * "Open as a scenario": the model built from a circular report and its source text. Not explored here:
 * buildView runs the analysis pipeline once for it, like any catalogued model.
 */
export function reportScenario(
  report: LockdepReport,
  thread: string,
  answers: string,
): { scenario: Scenario; source: string } | null {
  const scenario = chainToScenario(report, { thread, answers });
  if (!scenario) return null;
  return { scenario, source: scenarioSource(scenario, answers) };
}

/** Copies a JSON-like value with every string reduced to identifier, punctuation and space characters. */
export function plainStrings<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    typeof v === 'string' ? v.replace(/[^\w &>\-.:()/#+[\],;'=*@!?{}]/g, '?') : v,
  ) as T;
}
