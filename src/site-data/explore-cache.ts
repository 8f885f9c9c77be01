// Answers kept between the builds of one output (src/integrations/render-plan.ts names the folder, one
// per site digest, so code or models that changed start it afresh): the model checker's, and the
// drawings of the models' diagrams. An incremental build renders the home page, which shows every
// model's verdict, and the pages of the threads that changed, whose models were explored and drawn by
// the build before: exploring was some 0.6 s of every rebuild of the bench archive, and drawing an
// added annotated thread's diagrams again (ELK's layouts) about as much. An answer is kept under a
// digest of what it is made from, as data. Exploring is pure but for the time it took (`ms`), which a
// kept answer gives as first measured.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExploreResult, explore } from '../lib/locks/index.ts';
import type { Explorer } from '../lib/scenario-runtime/analyse.ts';
import { EXPLORED_ENV } from '../lib/site/render-plan-files.ts';

/** `compute()`'s answer, kept in `folder` under a digest of `key` (JSON data); computed each time without a folder. */
export function keptAnswer<T>(folder: string | undefined, key: unknown, compute: () => T): T {
  if (!folder) return compute();
  const file = join(folder, `${createHash('sha1').update(JSON.stringify(key)).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // Not kept yet (or unreadable): computed, then kept.
  }
  const answer = compute();
  try {
    mkdirSync(folder, { recursive: true });
    // Written whole, then named: a build stopped mid-write leaves no half answer under the key.
    writeFileSync(`${file}.tmp`, JSON.stringify(answer));
    renameSync(`${file}.tmp`, file);
  } catch {
    // Keeping it only saves time the next build.
  }
  return answer;
}

/** The model checker with its answers kept in `folder`; the model checker alone without one. */
export function keptExplorer(folder: string | undefined = keptFolder()): Explorer {
  if (!folder) return explore;
  return (scenario, budget) =>
    keptAnswer<ExploreResult>(folder, [scenario, budget], () => explore(scenario, budget));
}

/** The folder this build keeps its answers in (none outside a planned build: dev server, tests). */
export function keptFolder(): string | undefined {
  return process.env[EXPLORED_ENV];
}
