// The site's Content-Security-Policy, in one place for the page shell and the bare embed pages.
// Every byte of mail is attacker-controlled, so pages allow only what the site itself needs (see
// docs/security.md): scripts from this origin only (Astro bundles them as external files), plus
// 'wasm-unsafe-eval' where Pagefind's WebAssembly runs. style-src allows inline styles because Astro
// emits <style> blocks and Shiki/components write style="" attributes; mail text never reaches CSS
// since Astro escapes it. No plugins, no <base>, no framing of other origins.

/** The policy for a page: `search` adds Pagefind's wasm and same-site forms (the search box). */
export function contentSecurityPolicy({ search }: { search: boolean }): string {
  return [
    "default-src 'self'",
    search ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    search ? "form-action 'self'" : "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/**
 * The policy of a page that only redirects (permalinks, old addresses): it runs nothing and loads only
 * the site icon and its one inline style rule, so everything else is refused. Shorter than the site's,
 * which counts on pages written once per message.
 */
export const REDIRECT_PAGE_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
