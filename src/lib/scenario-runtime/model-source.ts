// Turns a scenario model file (TypeScript, `export default` a Scenario) into a function body that
// model-eval.ts evaluates, and finds lines in the reader's source for its errors. In the browser the
// evaluation happens in the editor's worker, never on the page.

import { transform } from 'sucrase';
import { ModelSourceError, type SourceHint } from './check-scenario.ts';

export { checkScenario, ModelSourceError, type SourceHint } from './check-scenario.ts';

/**
 * The 1-based line of the reader's source where `hint` is written: the first line naming both the op
 * and the target as string literals, else the op, else the key; undefined when none matches. Sucrase
 * keeps line numbers, but the check runs on evaluated data, so the source text is searched instead.
 */
export function locateInSource(source: string, hint: SourceHint | undefined): number | undefined {
  if (!hint) return undefined;
  const lines = source.split('\n');
  const quoted = (line: string, word: string): boolean =>
    line.includes(`'${word}'`) || line.includes(`"${word}"`) || line.includes(`\`${word}\``);
  const find = (pred: (line: string) => boolean): number | undefined => {
    const i = lines.findIndex(pred);
    return i >= 0 ? i + 1 : undefined;
  };
  const { op, target, key } = hint;
  if (op && target) {
    const both = find((l) => quoted(l, op) && quoted(l, target));
    if (both) return both;
  }
  if (op) {
    const one = find((l) => quoted(l, op));
    if (one) return one;
  }
  if (key) return find((l) => new RegExp(`(^|[\\s{,])${key}\\s*:`).test(l));
  return undefined;
}

/** The line a syntax error message names (`(12:5)`), if any. */
export function syntaxErrorLine(message: string): number | undefined {
  const m = /\((\d+):\d+\)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Strips the types and rewrites the module to CommonJS form (`exports.default = …`), so the worker can
 * run it as a function of `exports` and `require`. Sucrase rather than the TypeScript compiler: the
 * only job is type stripping, and it is a fraction of the download.
 */
export function transpileModel(source: string): string {
  try {
    return transform(source, { transforms: ['typescript', 'imports'], filePath: 'model.ts' }).code;
  } catch (error) {
    throw new ModelSourceError('transpile', `Syntax error: ${(error as Error).message}`);
  }
}
