// Golden files: the expected diagram text lives in tests/golden/diagrams and was reviewed by hand.
// Set UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import baseline from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/baseline-2630.ts';
import eventQueue from '../../../content/threads/ofa-general-2009-irq-lock-inversion/scenarios/fix-event-queue.ts';
import {
  lockdepText,
  lockGraphMermaid,
  scenarioTable,
  sequenceMermaid,
} from '../../../src/lib/diagrams/index.ts';
import { explore } from '../../../src/lib/locks/explore.ts';
import type { Scenario } from '../../../src/lib/locks/model.ts';
import { validateScenario } from '../../../src/lib/locks/validator.ts';
import { abba } from '../locks/small-models.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../../golden/diagrams');

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file))
    throw new Error(`missing golden file ${file} (run with UPDATE_GOLDEN=1 and review it)`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const firstFinding = (s: Scenario): string => {
  const r = validateScenario(s);
  const f = r.findings[0];
  if (!f) throw new Error(`${s.id}: no finding`);
  return lockdepText(r, f);
};

describe('diagram generators against golden files', () => {
  it('sequence diagram of the seed counterexample', () =>
    golden('baseline-2630.sequence.mmd', sequenceMermaid(explore(baseline))));
  it('lock graph of the seed', () =>
    golden('baseline-2630.lock-graph.mmd', lockGraphMermaid(validateScenario(baseline))));
  it('ASCII scenario table of the seed', () =>
    golden('baseline-2630.table.txt', scenarioTable(explore(baseline))));
  it('lockdep-style report with a 3-CPU table', () =>
    golden('baseline-2630.lockdep.txt', firstFinding(baseline)));
  it('lock graph of the event-queue fix (no finding, nothing highlighted)', () =>
    golden('fix-event-queue.lock-graph.mmd', lockGraphMermaid(validateScenario(eventQueue))));
  it('ABBA: table, sequence and circular report', () => {
    golden('abba.table.txt', scenarioTable(explore(abba(true))));
    golden('abba.sequence.mmd', sequenceMermaid(explore(abba(true))));
    golden('abba.lockdep.txt', firstFinding(abba(true)));
  });
});
