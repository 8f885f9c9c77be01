// Runs a scenario model file: strips its types, evaluates it, resolves its imports and checks that it
// exports a Scenario. One evaluator for the build (src/loaders/scenario-catalog.ts) and the editor's
// worker (islands/sim/edit-worker.ts), so both accept exactly the same imports:
// - types, from anywhere (`import type`): removed before the model runs;
// - a sibling model in the same scenarios folder, written `./<name>.ts` (its default export);
// - the derivation helpers of src/lib/locks/derive.ts, by whatever relative path reaches that file.
// Anything else is an error naming the line of the import.

import * as derive from '../locks/derive.ts';
import type { Scenario } from '../locks/index.ts';
import { checkScenario, ModelSourceError } from './check-scenario.ts';
import { syntaxErrorLine, transpileModel } from './model-source.ts';

/** Library modules a model may import as values, keyed by their path under src/lib. */
export const MODEL_LIBRARIES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'locks/derive.ts': derive,
};

// `./` and a file name ending in .ts: a model beside this one, never a folder or another extension.
const SIBLING = /^\.\/([\w-][\w.-]*\.ts)$/;

/** A model evaluated: its scenario and every sibling file it read, directly or through another sibling. */
export interface EvaluatedModel {
  scenario: Scenario;
  /** File names (`baseline-2630.ts`), in the order first read. */
  siblings: string[];
}

/** The 1-based line of `source` that names the import `spec` (quoted); undefined when none does. */
export function importLine(source: string, spec: string): number | undefined {
  const i = source.split('\n').findIndex((l) => l.includes(`'${spec}'`) || l.includes(`"${spec}"`));
  return i >= 0 ? i + 1 : undefined;
}

/** The library module a specifier names (`…/src/lib/locks/derive.ts`), if it is one a model may import. */
function libraryFor(spec: string): Readonly<Record<string, unknown>> | undefined {
  const key = Object.keys(MODEL_LIBRARIES).find(
    (k) => spec === `src/lib/${k}` || spec.endsWith(`/src/lib/${k}`),
  );
  return key === undefined ? undefined : MODEL_LIBRARIES[key];
}

/**
 * Evaluates the model `name` among `files` (file name → source: the model and the siblings it may
 * import). Throws a ModelSourceError; its `line`, when set, is a line of `name`'s own source (an
 * error inside a sibling points at the line importing it, the message names the sibling).
 */
export function evaluateModel(name: string, files: Readonly<Record<string, string>>): EvaluatedModel {
  const siblings: string[] = [];
  const done = new Map<string, Record<string, unknown>>();
  const running: string[] = [];

  const run = (file: string): Record<string, unknown> => {
    const source = files[file] ?? '';
    let code: string;
    try {
      code = transpileModel(source);
    } catch (error) {
      const message = (error as Error).message;
      throw new ModelSourceError('transpile', message, undefined, syntaxErrorLine(message));
    }
    const refuse = (spec: string, why: string): never => {
      throw new ModelSourceError('evaluate', why, undefined, importLine(source, spec));
    };
    const require = (spec: string): unknown => {
      const sibling = SIBLING.exec(spec)?.[1];
      if (sibling === undefined) {
        const lib = libraryFor(spec);
        if (lib) return lib;
        return refuse(
          spec,
          `A model may import values only from its sibling models ('./<name>.ts') and src/lib/locks/derive.ts; it imports '${spec}'.`,
        );
      }
      if (running.includes(sibling)) return refuse(spec, `'${spec}' imports this model back (a cycle).`);
      if (files[sibling] === undefined) return refuse(spec, `'${spec}': no such model beside this one.`);
      const ready = done.get(sibling);
      if (ready) return ready;
      if (!siblings.includes(sibling)) siblings.push(sibling);
      try {
        const exports = run(sibling);
        done.set(sibling, exports);
        return exports;
      } catch (error) {
        const inner = error as Error;
        const phase = error instanceof ModelSourceError ? error.phase : 'evaluate';
        throw new ModelSourceError(phase, `${spec}: ${inner.message}`, undefined, importLine(source, spec));
      }
    };
    const exports: Record<string, unknown> = {};
    running.push(file);
    try {
      // Deliberate: a model is code; in the browser this runs only inside the editor's worker.
      new Function('exports', 'require', code)(exports, require);
    } catch (error) {
      if (error instanceof ModelSourceError) throw error;
      throw new ModelSourceError('evaluate', `The model threw: ${(error as Error).message}`);
    } finally {
      running.pop();
    }
    exports.default = checkScenario(exports.default);
    return exports;
  };

  const scenario = run(name).default as Scenario;
  return { scenario, siblings };
}
