// Search tokens for C identifiers. Pagefind splits words at punctuation, so `cm_id_priv->lock`
// would only match as two loose words. We index one canonical token per identifier form and
// rewrite queries the same way: `->` and `.` between names become `_`, `&`, `*` and `()` drop.

const CHAIN = /[&*]*\b([A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*)+)(\(\))?/g;
const CALL = /\b([A-Za-z_]\w*)\(\)/g;

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
