// The model checker's answers, kept between the builds of one output (src/integrations/render-plan.ts
// names the folder, one per site digest, so code or models that changed start it afresh). An
// incremental build renders the home page, which shows every model's verdict, and the pages of the
// threads that changed, whose models were explored by the build before: some 0.6 s of every
// rebuild of the bench archive. An answer is kept under a digest of the model and the budget as data.
// Exploring is pure but for the time it took (`ms`), which a kept answer gives as first measured.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExploreResult, explore } from '../lib/locks/index.ts';
import type { Explorer } from '../lib/scenario-runtime/analyse.ts';
import { EXPLORED_ENV } from '../lib/site/render-plan-files.ts';

/** The model checker with its answers kept in `folder`; the model checker alone without one. */
export function keptExplorer(folder: string | undefined = process.env[EXPLORED_ENV]): Explorer {
  if (!folder) return explore;
  return (scenario, budget) => {
    const key = createHash('sha1')
      .update(JSON.stringify([scenario, budget]))
      .digest('hex');
    const file = join(folder, `${key}.json`);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as ExploreResult;
    } catch {
      // Not kept yet (or unreadable): explored, then kept.
    }
    const result = explore(scenario, budget);
    try {
      mkdirSync(folder, { recursive: true });
      // Written whole, then named: a build stopped mid-write leaves no half answer under the key.
      writeFileSync(`${file}.tmp`, JSON.stringify(result));
      renameSync(`${file}.tmp`, file);
    } catch {
      // Keeping it only saves time the next build.
    }
    return result;
  };
}
