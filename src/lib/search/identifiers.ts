// Search tokens for C identifiers. Pagefind splits words at punctuation, so `cm_id_priv->lock`
// would only match as two loose words. We index one canonical token per identifier form and
// rewrite queries the same way: `->` and `.` between names become `_`, `&`, `*` and `()` drop.

const CHAIN = /[&*]*\b([A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)+)(\(\))?/g;
const CALL = /\b([A-Za-z_]\w*)\(\)/g;
/** Endings of source and text file names: `hbl_en_drv.c` is a file, not a member access. */
const FILE_EXTENSION =
  /\.(?:c|h|S|s|o|ko|rs|py|sh|pl|awk|txt|rst|md|yaml|yml|json|dts|dtsi|lds|mk|in|patch|diff)$/;

/** Canonical search token of an identifier as written: `&mad_agent_priv->timed_work` → `mad_agent_priv_timed_work`. */
export function canonicalIdentifier(text: string): string {
  return text
    .replace(/^[&*\s]+/, '')
    .replace(/\(\)$/, '')
    .replace(/->|\./g, '_')
    .toLowerCase();
}

/** The distinct canonical tokens for the member chains named in a text (`a->b`, `a.b.c`), in order. */
export function identifierTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(CHAIN)) {
    // Only chains whose parts look like code: a file name like `mad.c` or a version like `2.6` is not one.
    const chain = match[1] as string;
    if (!chain.includes('->') && !/_/.test(chain)) continue;
    if (!chain.includes('->') && (FILE_EXTENSION.test(chain) || text[(match.index ?? 0) - 1] === '/'))
      continue;
    seen.add(canonicalIdentifier(chain));
  }
  return [...seen];
}

/** Rewrites identifier forms in a query (`cm_id_priv->lock`, `ib_post_send_mad()`) to the indexed tokens. */
export function normalizeQueryIdentifiers(query: string): string {
  return query
    .replace(CHAIN, (_all, chain: string) =>
      chain.includes('->') || /_/.test(chain) ? canonicalIdentifier(chain) : chain,
    )
    .replace(CALL, '$1')
    .replace(/(^|\s)[&*]+(?=[A-Za-z_])/g, '$1');
}

/** Most identifiers one message contributes from its code blocks (a patch bomb cannot bloat the index). */
export const MAX_CODE_IDENTIFIERS = 400;

/**
 * The distinct C-looking identifiers of code (names with an underscore, or called): what readers search
 * a patch for. Code blocks themselves stay out of the index; these names stand in for them.
 */
export function codeIdentifiers(code: string): string[] {
  const seen = new Set<string>();
  for (const m of code.matchAll(/\b([A-Za-z_][A-Za-z0-9_]{2,})\b(\s*\()?/g)) {
    const name = m[1] as string;
    if (name.includes('_') || m[2]) seen.add(name);
    if (seen.size >= MAX_CODE_IDENTIFIERS) break;
  }
  return [...seen];
}

/**
 * The tokens a message's page carries for the search index (hidden): the member chains of its text (so
 * `cm_id_priv->lock` finds it), then the names in its code blocks (`code`, joined), which are not
 * indexed themselves (patches would triple the index every search downloads).
 */
export function messageSearchTokens(text: string, code: string): string[] {
  return [...new Set([...identifierTokens(text), ...codeIdentifiers(code)])];
}
