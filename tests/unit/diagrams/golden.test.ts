// Golden files: the expected diagram text lives in tests/golden/diagrams and was reviewed by hand.
// Each file is discovered from the folder and named `<model>.<output>.<ext>` (tables below); a new
// golden is a new file. Set UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review
// the diff; never when CI is set (a CI run only compares).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const firstFinding = (s: Scenario): string => {
  const r = validateScenario(s);
  const f = r.findings[0];
  if (!f) throw new Error(`${s.id}: no finding`);
  return lockdepText(r, f);
};

/** The models goldens are drawn from, by the first part of a golden file's name. */
const MODELS: Record<string, () => Scenario> = {
  'baseline-2630': () => baseline,
  'fix-event-queue': () => eventQueue,
  abba: () => abba(true),
};

/** The generators, by the second part of a golden file's name. */
const OUTPUTS: Record<string, (s: Scenario) => string> = {
  sequence: (s) => sequenceMermaid(explore(s)),
  'lock-graph': (s) => lockGraphMermaid(validateScenario(s)),
  table: (s) => scenarioTable(explore(s)),
  lockdep: firstFinding,
};

const update = process.env.UPDATE_GOLDEN === '1';
if (update && process.env.CI)
  throw new Error('UPDATE_GOLDEN is refused when CI is set: goldens are reviewed by hand');

const files = readdirSync(GOLDEN).sort();

describe('diagram generators against golden files', () => {
  it('finds goldens for every model and every output', () => {
    const parts = files.map((f) => f.split('.'));
    expect(new Set(parts.map((p) => p[0]))).toEqual(new Set(Object.keys(MODELS)));
    expect(new Set(parts.map((p) => p[1]))).toEqual(new Set(Object.keys(OUTPUTS)));
  });

  for (const name of files) {
    it(name, () => {
      const [model = '', output = ''] = name.split('.');
      const scenario = MODELS[model];
      const generate = OUTPUTS[output];
      if (!scenario || !generate) throw new Error(`${name}: no model '${model}' or output '${output}'`);
      const actual = generate(scenario());
      const file = path.join(GOLDEN, name);
      if (update) writeFileSync(file, actual);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});
