// Worker for bundled scenarios: the page sends the model as data (fetched from
// /diagrams/<id>.model.json) and gets the verdict, counts, trace and Mermaid text back. The fetched JSON
// is checked for a scenario's shape first, as an edited model is.

import { checkScenario } from '../../lib/scenario-runtime/check-scenario.ts';
import type { RunOutcome, RunRequest } from './run-client.ts';
import { exploreToOutcome, serve } from './worker-core.ts';

serve((request: RunRequest): RunOutcome => {
  if (request.kind !== 'scenario')
    return { ok: false, phase: 'worker', error: 'this worker runs bundled scenarios only' };
  try {
    return exploreToOutcome(checkScenario(request.scenario), request);
  } catch (error) {
    return { ok: false, phase: 'check', error: (error as Error).message };
  }
});
