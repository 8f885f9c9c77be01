// Worker for bundled scenarios: the page sends the model as data (fetched from
// /diagrams/<id>.model.json) and gets the verdict, counts, trace and Mermaid text back.

import type { Scenario } from '../../lib/locks/index.ts';
import type { RunRequest } from './run-client.ts';
import { exploreToOutcome, serve } from './worker-core.ts';

serve((request: RunRequest) =>
  request.kind === 'scenario'
    ? exploreToOutcome(request.scenario as Scenario, request)
    : { ok: false, phase: 'worker', error: 'this worker runs bundled scenarios only' },
);
