// The one scenario catalog: every model file `<root>/<slug>/scenarios/*.ts` under every content root
// (bundled content/threads and LOCKSTEP_CONTENT). The threads loader's `scenarios` collection, the pages,
// facets, embed and diagram endpoints (through src/site-data) and `npm run simulate` all read this list.

import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import type { Loader } from 'astro/loaders';
import { listThreadFolders, namesIn, readThreadMeta } from '../importers/thread-folder.ts';
import type { Scenario } from '../lib/locks/model.ts';
import { stripAngles } from '../lib/mail/ids.ts';
import { evaluateModel } from '../lib/scenario-runtime/model-eval.ts';
import { ModelSourceError } from '../lib/scenario-runtime/model-source.ts';

/** One scenario model and where it lives. */
export interface CatalogEntry {
  /** Slug of the thread folder holding the model (equals `scenario.thread`). */
  thread: string;
  /** Message-ID of the thread's first message (thread.yaml `root`), without `<>`, when the folder names it. */
  threadRoot?: string;
  /** Absolute path of the model file. */
  file: string;
  /**
   * The path readers see: relative to the working directory inside it (`content/threads/<slug>/scenarios/
   * x.ts`), else `<slug>/scenarios/x.ts` (no absolute paths of the build machine in pages).
   */
  path: string;
  /** The model file as written (TypeScript), for the editor and the no-JS reader. */
  source: string;
  /** Sources of the sibling models it imports (file name → TypeScript), for the editor's worker. */
  siblings: Record<string, string>;
  scenario: Scenario;
}

const ROLES = new Set(['report', 'fix']);
const FATES = new Set(['applied', 'superseded', 'rejected', 'proposed']);

/** Checks what the catalog adds to the model's shape: folder agreement and role/fate; throws with the path. */
function checkEntry(file: string, slug: string, scenario: Scenario): void {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (scenario.thread !== slug)
    fail(`thread is '${scenario.thread}' but the model lives in folder '${slug}'`);
  if (scenario.role !== undefined && !ROLES.has(scenario.role)) fail(`role must be 'report' or 'fix'`);
  if (scenario.role === 'fix' && (scenario.fate === undefined || !FATES.has(scenario.fate)))
    fail(`a fix needs a fate: applied, superseded, rejected or proposed`);
  if (scenario.role !== 'fix' && scenario.fate !== undefined) fail('only a fix has a fate');
}

/** The path of a model file as pages show it (see CatalogEntry.path). */
function shownPath(file: string, slug: string, name: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? `${slug}/scenarios/${name}` : rel.split('\\').join('/');
}

/**
 * Evaluates one model among the files of its folder with the editor's own evaluator, so the build and
 * the browser accept the same imports (sibling models, the derivation helpers); errors name file:line.
 */
function evaluateEntry(
  file: string,
  name: string,
  folder: Record<string, string>,
): { scenario: Scenario; siblings: Record<string, string> } {
  try {
    const { scenario, siblings } = evaluateModel(name, folder);
    return { scenario, siblings: Object.fromEntries(siblings.map((n) => [n, folder[n] ?? ''])) };
  } catch (error) {
    const line = error instanceof ModelSourceError && error.line ? `:${error.line}` : '';
    throw new Error(`${file}${line}: ${(error as Error).message}`);
  }
}

/**
 * Loads every scenario model under the content roots, sorted by thread and file name. Fails on a model
 * that is not a Scenario and on an id used twice anywhere (export and embed URLs are keyed by id alone).
 */
export async function loadScenarioCatalog(roots: string[]): Promise<CatalogEntry[]> {
  const out: CatalogEntry[] = [];
  const seen = new Map<string, string>();
  for (const dir of await listThreadFolders(roots)) {
    const names = namesIn(join(dir, 'scenarios'));
    const files = names.filter((n) => n.endsWith('.ts')).sort();
    if (files.length === 0) continue;
    const slug = basename(dir);
    const root = (await readThreadMeta(dir)).root;
    const folder: Record<string, string> = {};
    for (const name of files) folder[name] = await readFile(join(dir, 'scenarios', name), 'utf8');
    for (const name of files) {
      const file = join(dir, 'scenarios', name);
      const { scenario, siblings } = evaluateEntry(file, name, folder);
      checkEntry(file, slug, scenario);
      const other = seen.get(scenario.id);
      if (other) throw new Error(`scenario id ${scenario.id} is used twice: ${other} and ${file}`);
      seen.set(scenario.id, file);
      out.push({
        thread: slug,
        ...(typeof root === 'string' ? { threadRoot: stripAngles(root) } : {}),
        file,
        path: shownPath(file, slug, name),
        source: folder[name] ?? '',
        siblings,
        scenario,
      });
    }
  }
  return out.sort((a, b) => a.thread.localeCompare(b.thread) || a.file.localeCompare(b.file));
}

/** Content-layer loader for the `scenarios` collection: the catalog, one entry per scenario id. */
export function scenariosLoader(roots: () => string[]): Loader {
  return {
    name: 'lockstep-scenarios',
    load: async ({ store, parseData, logger, generateDigest }) => {
      const entries = await loadScenarioCatalog(roots());
      // Entries set with their digest and stale ones deleted (not a cleared store): when no model
      // changed, Astro has no reason to write its data store again (seconds on a big archive).
      const ids = new Set(entries.map((entry) => entry.scenario.id));
      for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
      for (const entry of entries) {
        const digest = generateDigest({ ...entry });
        if (store.get(entry.scenario.id)?.digest === digest) continue;
        const data = await parseData({ id: entry.scenario.id, data: { ...entry } });
        store.set({ id: entry.scenario.id, data, digest });
      }
      logger.info(`${entries.length} scenario models`);
    },
  };
}
