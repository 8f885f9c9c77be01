// Plain records for kernel symbols: what an index or a facts file says about a name at one version.

/** What sort of definition a symbol is. */
export type SymbolKind = 'function' | 'struct' | 'union' | 'field' | 'macro' | 'variable' | 'typedef';

/** One definition of a name in a kernel tree at one version. Facts only: never source text. */
export interface SymbolDef {
  /** The identifier (`del_timer_sync`, `ib_mad_agent_private`; for a field, the field name `lock`). */
  name: string;
  /** Definition kind. */
  kind: SymbolKind;
  /** Path relative to the tree root (`kernel/timer.c`). */
  file: string;
  /** 1-based line of the definition's name, or null when not verified (facts files may say so). */
  line: number | null;
  /** 1-based last line of the whole definition (function body, struct), when known. */
  endLine?: number;
  /** For a field: the struct or union that holds it (`ib_mad_agent_private`). */
  container?: string;
  /** For a field or variable whose type is a struct: that struct's name. */
  typeStruct?: string;
}

/** All symbols found at one kernel version, plus which struct each common variable name points at. */
export interface SymbolIndex {
  /** Kernel version without the `v` (`2.6.30`). */
  version: string;
  /** Every definition found (a name may be defined more than once, e.g. per architecture). */
  symbols: SymbolDef[];
  /**
   * Variable or parameter name → struct type, as declared in the code (`cm_id_priv` → `cm_id_private`).
   * Used to resolve member chains in prose; only names declared with one struct type are kept.
   */
  varTypes: Record<string, string>;
}

/** A per-version facts file as committed under content/kernel/: symbol → file:line, with provenance. */
export interface KernelFacts extends SymbolIndex {
  /** How the facts were established (tree and ref, or what could not be checked). */
  source: string;
  /** Per-symbol note on how the fact was verified, keyed by `name` or `container.name` for fields. */
  verified?: Record<string, string>;
}
