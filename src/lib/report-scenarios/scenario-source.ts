// The TypeScript source of a model built from a report, as a reader saves it next to a thread
// (content/threads/<slug>/scenarios/) to refine it.
import type { Scenario } from '../locks/model.ts';

/** The model as a scenario file; `answers` names where the report came from. */
export function scenarioSource(scenario: Scenario, answers: string): string {
  return `// Generated from the lockdep report in <${answers}>: one context per dependency.\n// Refine it, then run it in the simulator.\nimport type { Scenario } from '../../../../src/lib/locks/model.ts';\n\nconst scenario: Scenario = ${JSON.stringify(scenario, null, 2)};\n\nexport default scenario;\n`;
}
