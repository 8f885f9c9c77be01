// What a parser thread sends back for a batch of files, packed: a string table and rows of numbers.
//
// Why: posting a million symbol objects between threads costs more than making them (structured clone
// walks every property of every object on both sides, and the receiving thread was the busiest one on a
// whole tree). Rows go as one transferred buffer; each string once per batch.
import type { SymbolDef, SymbolKind } from '../lib/kernel/types.ts';
import type { FileSymbols } from './c-symbols.ts';

const KINDS: SymbolKind[] = ['function', 'struct', 'union', 'field', 'macro', 'variable', 'typedef'];
// Per symbol: name, kind, line (-1: null), end line (-1: absent), container, type struct (-1: absent).
const STRIDE = 6;

/** The symbols of a batch of files, packed for postMessage (`rows` and `counts` can be transferred). */
export interface PackedSymbols {
  /** The batch's names, and its containers, struct types and variable names once each. */
  strings: string[];
  /** STRIDE numbers per symbol, string ids into `strings`. */
  rows: Int32Array<ArrayBuffer>;
  /** Per file: its symbol count, then its [name, struct] variable-type pair count. */
  counts: Int32Array<ArrayBuffer>;
  /** Variable-type pairs as string ids: name, struct, name, struct, … */
  varTypes: Int32Array<ArrayBuffer>;
}

/** Packs the results of a batch (the file of each symbol is the batch's, so it is not stored). */
export function packSymbols(results: FileSymbols[]): PackedSymbols {
  const ids = new Map<string, number>();
  const strings: string[] = [];
  // Names are mostly distinct (amdgpu's register headers: millions of macros), so they are not looked up,
  // only added; containers and struct types repeat and are stored once.
  const add = (s: string): number => strings.push(s) - 1;
  const id = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let n = ids.get(s);
    if (n === undefined) {
      n = strings.length;
      strings.push(s);
      ids.set(s, n);
    }
    return n;
  };
  let symbols = 0;
  let pairs = 0;
  for (const r of results) {
    symbols += r.symbols.length;
    pairs += r.varTypes.length;
  }
  const rows = new Int32Array(symbols * STRIDE);
  const counts = new Int32Array(results.length * 2);
  const varTypes = new Int32Array(pairs * 2);
  let o = 0;
  let v = 0;
  results.forEach((r, i) => {
    counts[i * 2] = r.symbols.length;
    counts[i * 2 + 1] = r.varTypes.length;
    for (const d of r.symbols) {
      rows[o] = add(d.name);
      rows[o + 1] = KINDS.indexOf(d.kind);
      rows[o + 2] = d.line ?? -1;
      rows[o + 3] = d.endLine ?? -1;
      rows[o + 4] = id(d.container);
      rows[o + 5] = id(d.typeStruct);
      o += STRIDE;
    }
    for (const [name, type] of r.varTypes) {
      varTypes[v++] = id(name);
      varTypes[v++] = id(type);
    }
  });
  return { strings, rows, counts, varTypes };
}

/** The FileSymbols of each file of a batch, from its packed form and the batch's file names. */
export function unpackSymbols(packed: PackedSymbols, files: string[]): FileSymbols[] {
  const { strings, rows, counts, varTypes } = packed;
  const out: FileSymbols[] = [];
  let o = 0;
  let v = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i] ?? '';
    const symbols: SymbolDef[] = new Array(counts[i * 2] ?? 0);
    for (let k = 0; k < symbols.length; k++, o += STRIDE) {
      // Keys in the order and with the presence the walk gives them (c-symbols.ts).
      const def: SymbolDef = {
        name: strings[rows[o] ?? 0] ?? '',
        kind: KINDS[rows[o + 1] ?? 0] ?? 'function',
        file,
        line: (rows[o + 2] ?? -1) < 0 ? null : (rows[o + 2] ?? 0),
      };
      if ((rows[o + 3] ?? -1) >= 0) def.endLine = rows[o + 3];
      if ((rows[o + 4] ?? -1) >= 0) def.container = strings[rows[o + 4] ?? 0];
      if ((rows[o + 5] ?? -1) >= 0) def.typeStruct = strings[rows[o + 5] ?? 0];
      symbols[k] = def;
    }
    const pairs: Array<[string, string]> = new Array(counts[i * 2 + 1] ?? 0);
    for (let k = 0; k < pairs.length; k++, v += 2)
      pairs[k] = [strings[varTypes[v] ?? 0] ?? '', strings[varTypes[v + 1] ?? 0] ?? ''];
    out.push({ symbols, varTypes: pairs });
  }
  return out;
}
