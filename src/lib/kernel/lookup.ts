// Looking names up in a symbol index and resolving member chains through declared variable types.
import type { SymbolDef, SymbolIndex, SymbolKind } from './types.ts';

/** An index prepared for fast lookups by name and by `struct.field`. */
export interface SymbolLookup {
  /** Kernel version the index describes. */
  version: string;
  /** Non-field definitions by name, in index order. */
  byName: Map<string, SymbolDef[]>;
  /** Field definitions by `container.field`. */
  fields: Map<string, SymbolDef>;
  /** Variable name → struct type, from the index. */
  varTypes: Record<string, string>;
}

// When a name has several kinds of definition, which one a bare mention most likely means.
const KIND_PREFERENCE: SymbolKind[] = ['function', 'macro', 'variable', 'struct', 'union', 'typedef'];

/** Builds the lookup maps for an index. */
export function createLookup(index: SymbolIndex): SymbolLookup {
  const byName = new Map<string, SymbolDef[]>();
  const fields = new Map<string, SymbolDef>();
  for (const def of index.symbols) {
    if (def.kind === 'field' && def.container) {
      const key = `${def.container}.${def.name}`;
      if (!fields.has(key)) fields.set(key, def);
      continue;
    }
    const list = byName.get(def.name) ?? [];
    list.push(def);
    byName.set(def.name, list);
  }
  return { version: index.version, byName, fields, varTypes: index.varTypes };
}

/** The stable key of a definition, used in symbol page URLs: the name, or `struct.field` for a field. */
export function symbolKey(def: SymbolDef): string {
  return def.kind === 'field' && def.container ? `${def.container}.${def.name}` : def.name;
}

/** How a definition is named to readers: `del_timer_sync()`, `struct cm_id_private`, `struct cm_id_private.lock`. */
export function symbolLabel(def: SymbolDef): string {
  switch (def.kind) {
    case 'function':
      return `${def.name}()`;
    case 'struct':
    case 'union':
      return `${def.kind} ${def.name}`;
    case 'field':
      return def.container ? `struct ${def.container}.${def.name}` : def.name;
    default:
      return def.name;
  }
}

/** The best definition for a name, optionally restricted to some kinds; undefined when unknown. */
export function findSymbol(lookup: SymbolLookup, name: string, kinds?: SymbolKind[]): SymbolDef | undefined {
  const defs = lookup.byName.get(name);
  if (!defs) return undefined;
  for (const kind of kinds ?? KIND_PREFERENCE) {
    const hit = defs.find((d) => d.kind === kind);
    if (hit) return hit;
  }
  return undefined;
}

/** Whether a bare name is defined in the index (fields do not count: `lock` alone says nothing). */
export function isKnownName(lookup: SymbolLookup, name: string): boolean {
  return lookup.byName.has(name);
}

const DECL_RE = /\bstruct\s+([A-Za-z_]\w*)\s*(?:\*\s*)*([A-Za-z_]\w*)\s*(?=[;,=)[])/g;

/**
 * Variable types that a text itself declares, e.g. a patch line `struct cm_id_private *cm_id_priv;`.
 * These win over the index's guesses because they show the type right there.
 */
export function declaredVarTypes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(DECL_RE)) {
    const type = m[1];
    const name = m[2];
    if (type && name) out[name] = type;
  }
  return out;
}

/**
 * Resolves `base->f1.f2` to the definition of the last field, walking struct types field by field.
 * The base's type comes from `localTypes` (declared in the same text) or the index's variable types;
 * undefined when any step is unknown, so nothing is guessed from the field name alone.
 */
export function resolveMemberChain(
  lookup: SymbolLookup,
  base: string,
  fields: string[],
  localTypes: Record<string, string> = {},
): SymbolDef | undefined {
  let type: string | undefined = localTypes[base] ?? lookup.varTypes[base];
  let def: SymbolDef | undefined;
  for (const field of fields) {
    if (!type) return undefined;
    def = lookup.fields.get(`${type}.${field}`);
    if (!def) return undefined;
    type = def.typeStruct;
  }
  return def;
}
