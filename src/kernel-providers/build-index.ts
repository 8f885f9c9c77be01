// Building a symbol index from C files with the tree-sitter parser.
import type { KernelFacts, SymbolDef, SymbolIndex, SymbolKind } from '../lib/kernel/types.ts';
import { parseAll, type Source } from './parse-pool.ts';

/** Files worth parsing for an index: C sources and headers. */
export function isCFile(file: string): boolean {
  return file.endsWith('.c') || file.endsWith('.h');
}

/**
 * Parses every file given and merges the results into one index for a version. `workers` parser threads
 * (default: one per core; 1 parses on this thread); the result does not depend on how many.
 */
export async function buildIndex(
  version: string,
  files: AsyncIterable<Source> | Iterable<Source>,
  onFile?: (file: string) => void,
  workers?: number,
): Promise<SymbolIndex> {
  const symbols: SymbolDef[] = [];
  const seen = new Map<string, Map<string, number>>();
  for await (const [file, found] of parseAll(files, workers)) {
    for (const s of found.symbols) symbols.push(s);
    for (const [name, type] of found.varTypes) {
      const types = seen.get(name) ?? new Map<string, number>();
      types.set(type, (types.get(type) ?? 0) + 1);
      seen.set(name, types);
    }
    onFile?.(file);
  }
  return { version, symbols, varTypes: unambiguousTypes(seen) };
}

// Keep a variable name only when every declaration in the tree gives it the same struct type.
function unambiguousTypes(seen: Map<string, Map<string, number>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, types] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    if (types.size === 1) out[name] = [...types.keys()][0] ?? '';
  }
  return out;
}

/**
 * Refreshes a facts file from an index: each fact's line (and end line) is taken from the index entry with
 * the same name, kind, file and container. Facts the index does not confirm keep their values and are listed.
 */
export function refreshFacts(
  facts: KernelFacts,
  index: SymbolIndex,
  how: string,
): { facts: KernelFacts; unconfirmed: string[] } {
  const unconfirmed: string[] = [];
  const verified: Record<string, string> = { ...facts.verified };
  const symbols = facts.symbols.map((fact) => {
    const hit = index.symbols.find(
      (d) =>
        d.name === fact.name &&
        d.kind === fact.kind &&
        d.file === fact.file &&
        d.container === fact.container,
    );
    const key = fact.container ? `${fact.container}.${fact.name}` : fact.name;
    if (!hit) {
      unconfirmed.push(key);
      return fact;
    }
    verified[key] = how;
    return { ...fact, line: hit.line, ...(hit.endLine ? { endLine: hit.endLine } : {}) };
  });
  const varTypes = { ...facts.varTypes };
  for (const name of Object.keys(varTypes)) {
    const type = index.varTypes[name];
    if (type) varTypes[name] = type;
  }
  return { facts: { ...facts, symbols, varTypes, verified }, unconfirmed };
}

/** When a name has definitions of several kinds, the one a reader means: a function before a macro, etc. */
export const KIND_ORDER: SymbolKind[] = ['function', 'macro', 'struct', 'union', 'typedef', 'variable'];

/**
 * Adds facts for names taken from an index: `name` (its definition; an error when the tree defines it in
 * more than one file), `name@file`, or `struct.field`. Names already in the facts are left alone.
 */
export function addFacts(
  facts: KernelFacts,
  index: SymbolIndex,
  names: string[],
  how: string,
): { facts: KernelFacts; errors: string[] } {
  const errors: string[] = [];
  const symbols = [...facts.symbols];
  const verified: Record<string, string> = { ...facts.verified };
  const has = (d: SymbolDef): boolean =>
    symbols.some(
      (s) => s.name === d.name && s.kind === d.kind && s.container === d.container && s.file === d.file,
    );
  for (const wanted of names.map((n) => n.trim()).filter((n) => n !== '')) {
    const [spec = '', file] = wanted.split('@');
    const dot = spec.indexOf('.');
    const container = dot > 0 ? spec.slice(0, dot) : undefined;
    const name = dot > 0 ? spec.slice(dot + 1) : spec;
    const candidates = index.symbols.filter(
      (d) =>
        d.name === name &&
        (container ? d.kind === 'field' && d.container === container : d.kind !== 'field') &&
        (file === undefined || d.file === file),
    );
    const kind = KIND_ORDER.find((k) => candidates.some((d) => d.kind === k)) ?? 'field';
    const ofKind = candidates.filter((d) => d.kind === kind);
    const files = [...new Set(ofKind.map((d) => d.file))];
    if (files.length === 0) {
      errors.push(`${wanted}: not defined in the indexed files`);
      continue;
    }
    if (files.length > 1) {
      errors.push(
        `${wanted}: defined in ${files.length} files (${files.slice(0, 6).join(', ')}…): write ${spec}@FILE`,
      );
      continue;
    }
    const hit = ofKind[0];
    if (!hit || has(hit)) continue;
    symbols.push({
      name: hit.name,
      kind: hit.kind,
      file: hit.file,
      line: hit.line,
      ...(hit.endLine ? { endLine: hit.endLine } : {}),
      ...(hit.container ? { container: hit.container } : {}),
      ...(hit.typeStruct ? { typeStruct: hit.typeStruct } : {}),
    });
    verified[hit.container ? `${hit.container}.${hit.name}` : hit.name] = how;
  }
  return { facts: { ...facts, symbols, verified }, errors };
}
