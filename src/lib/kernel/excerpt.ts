// Cutting a few lines out of a source file around a definition.
import type { SymbolDef } from './types.ts';

/** A run of source lines with the line number of the first. */
export interface Excerpt {
  /** 1-based number of the first line in `lines`. */
  startLine: number;
  /** The lines, without line terminators. */
  lines: string[];
  /** 1-based line numbers to highlight (absolute, in file numbering). */
  highlight: number[];
}

/** Lines `from`..`to` (1-based, inclusive, clamped to the file), highlighting `highlight`. */
export function sliceLines(source: string, from: number, to: number, highlight: number[] = []): Excerpt {
  const all = source.split(/\r?\n/);
  // A final newline does not start another line.
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  const first = Math.max(1, Math.min(from, all.length));
  const last = Math.max(first, Math.min(to, all.length));
  return {
    startLine: first,
    lines: all.slice(first - 1, last),
    highlight: highlight.filter((n) => n >= first && n <= last),
  };
}

/** A short excerpt for a popover: the definition line with some context before and after. */
export function contextExcerpt(source: string, line: number, before = 2, after = 6): Excerpt {
  return sliceLines(source, line - before, line + after, [line]);
}

/**
 * The whole definition (function body, struct) for a note, highlighting lines counted from the
 * definition's first line (1 = the line with the name), as authors count when they look at the excerpt.
 */
export function definitionExcerpt(source: string, def: SymbolDef, relativeHighlight: number[] = []): Excerpt {
  const line = def.line ?? 1;
  const end = def.endLine ?? line + 8;
  return sliceLines(
    source,
    line,
    end,
    relativeHighlight.map((n) => line + n - 1),
  );
}
