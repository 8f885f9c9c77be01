// Turning a text into plain and linked pieces, ready for a component to render (escaping is its job).
import { detectIdentifiers, type Mention } from './detect.ts';
import {
  declaredVarTypes,
  findSymbol,
  isKnownName,
  resolveMemberChain,
  type SymbolLookup,
  symbolKey,
} from './lookup.ts';
import type { SymbolDef } from './types.ts';
import { elixirIdentUrl, elixirUrl, symbolPagePath } from './urls.ts';

/** A piece of text: plain, or an identifier with where it links. */
export type Segment =
  | { kind: 'text'; text: string }
  | {
      kind: 'symbol';
      text: string;
      /** The mention as detected. */
      mention: Mention;
      /** Our symbol page, when the symbol is known at this version. */
      href: string;
      /** The definition it resolved to; absent when only an external link (Elixir search) is known. */
      def?: SymbolDef;
      /** Symbol page key of `def`. */
      key?: string;
    };

/**
 * Splits a text into segments, linking identifiers. Known symbols link to their symbol page; unknown but
 * clearly-C mentions (calls, structs, CONFIG_, paths) link to Elixir; names that do not resolve stay text.
 */
export function linkSegments(text: string, version: string, lookup: SymbolLookup | null): Segment[] {
  const mentions = detectIdentifiers(text, { isKnown: (n) => (lookup ? isKnownName(lookup, n) : false) });
  const local = declaredVarTypes(text);
  const out: Segment[] = [];
  let at = 0;
  for (const mention of mentions) {
    const link = linkFor(mention, version, lookup, local);
    if (!link) continue;
    if (mention.start > at) out.push({ kind: 'text', text: text.slice(at, mention.start) });
    out.push({ kind: 'symbol', text: mention.text, mention, ...link });
    at = mention.end;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

/** Resolves a mention to a definition in the lookup, or undefined. */
export function resolveMention(
  mention: Mention,
  lookup: SymbolLookup,
  localTypes: Record<string, string> = {},
): SymbolDef | undefined {
  switch (mention.kind) {
    case 'member':
      return resolveMemberChain(lookup, mention.base ?? '', mention.fields ?? [], localTypes);
    case 'struct':
      return findSymbol(lookup, mention.name, ['struct', 'union', 'typedef']);
    case 'path':
    case 'config':
      return undefined;
    default:
      return findSymbol(lookup, mention.name);
  }
}

function linkFor(
  mention: Mention,
  version: string,
  lookup: SymbolLookup | null,
  local: Record<string, string>,
): { href: string; def?: SymbolDef; key?: string } | undefined {
  const def = lookup ? resolveMention(mention, lookup, local) : undefined;
  if (def) {
    const key = symbolKey(def);
    return { href: symbolPagePath(version, key), def, key };
  }
  switch (mention.kind) {
    case 'path':
      return { href: elixirUrl(version, mention.name) };
    case 'call':
    case 'struct':
    case 'config': {
      const href = elixirIdentUrl(version, mention.name);
      return href ? { href } : undefined;
    }
    default:
      // Unresolved member chains, macros and bare names: no link rather than a doubtful one.
      return undefined;
  }
}
