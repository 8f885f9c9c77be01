// Checking that a scenario model cites only code that exists: every `code: { fn, file }` against the
// facts of the thread's kernel version.
import type { KernelFacts } from './types.ts';

/** A code reference as scenario models write it: `{ fn: 'ib_post_send_mad()', file: 'drivers/…/mad.c' }`. */
export interface Citation {
  fn: string;
  file: string;
}

/** Suffix of a file that marks code a proposed fix would add (not in the tree at that version). */
export const PROPOSED_SUFFIX = ' (proposed)';

/** Every `{ fn, file }` object anywhere inside a scenario model, in order of appearance. */
export function citationsOf(model: unknown): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.fn === 'string' && typeof record.file === 'string') {
      out.push({ fn: record.fn, file: record.file });
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(record)) walk(child);
  };
  walk(model);
  return out;
}

/**
 * What is wrong with a scenario's citations at a version: a function that the facts do not place in the
 * cited file (with where they do place it), a malformed `fn`, or no facts at all for the version. Code
 * marked proposed (`file` ending in ` (proposed)`) is not looked up: it is not in any tree.
 */
export function citationProblems(model: unknown, version: string, facts: KernelFacts | null): string[] {
  const problems: string[] = [];
  for (const { fn, file } of unique(citationsOf(model))) {
    if (file.endsWith(PROPOSED_SUFFIX)) continue;
    const name = /^([A-Za-z_]\w*)\(\)$/.exec(fn)?.[1];
    if (!name) {
      problems.push(`${fn} (${file}): write a function as name()`);
      continue;
    }
    if (!facts) {
      problems.push(
        `${fn} (${file}): no facts for ${version} (content/kernel/${version}.json), so it cannot be checked`,
      );
      continue;
    }
    // A kernel "function" may be a function-like macro (spin_lock_irqsave).
    const defs = facts.symbols.filter(
      (d) => d.name === name && (d.kind === 'function' || d.kind === 'macro'),
    );
    if (defs.some((d) => d.file === file)) continue;
    const elsewhere = [...new Set(defs.map((d) => d.file))];
    problems.push(
      elsewhere.length > 0
        ? `${fn} is not in ${file} at ${version}; the facts place it in ${elsewhere.join(', ')}`
        : `${fn} (${file}): not in the facts for ${version}; add it with kernel:index --add, or mark the file${PROPOSED_SUFFIX} if a fix adds it`,
    );
  }
  return problems;
}

function unique(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.fn}\u0000${c.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
