// The one Shiki highlighter of the site's C: mail code (thread/CodeBlock.astro) and kernel excerpts
// (kernel/highlight-c.ts). It runs JavaScript's RegExp engine, not Oniguruma's WebAssembly, which
// Astro's <Code> and Shiki's shorthands load and give no way to change: on 332 blocks of kernel C
// (1,500 characters each) it made the same HTML in 1.5 s instead of 2.5 s, and Shiki was about a
// seventh of the bulk archive's static routes (CPU profile of its build, 2026-12-03).

import { createHighlighter, type HighlighterGeneric, type ShikiTransformer } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

/** The two themes of every highlighted block: light by default, dark through `--shiki-dark`. */
export const C_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

let highlighter: Promise<HighlighterGeneric<'c', 'github-light' | 'github-dark'>> | undefined;

/** Made once per process, on first use. */
function cHighlighter() {
  highlighter ??= createHighlighter({
    themes: Object.values(C_THEMES),
    langs: ['c'],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** `code` as Shiki's HTML in both themes, its `pre` and lines edited by `transformers`. */
export async function highlightC(code: string, transformers: ShikiTransformer[] = []): Promise<string> {
  return (await cHighlighter()).codeToHtml(code, { lang: 'c', themes: C_THEMES, transformers });
}

// Nearly half the highlighted blocks of the bulk archive's thread pages (2,864 of 6,241) repeat one
// seen before: a reply quoting the code it answers, a thread's other page; kernel excerpts repeat on
// every page that links the same symbol. The oldest entries go past KEPT_MAX, so a list of any size
// keeps a bounded cache.
const kept = new Map<string, Promise<string>>();
const KEPT_MAX = 5_000;

/**
 * `highlightC`, once per process for each `code` and `variant`: the variant names everything else the
 * HTML depends on (which transformers, and their settings), so a caller with the same variant gets
 * the first call's HTML.
 */
export function highlightCOnce(
  variant: string,
  code: string,
  transformers: ShikiTransformer[],
): Promise<string> {
  const key = `${variant}\u0000${code}`;
  let html = kept.get(key);
  if (!html) {
    html = highlightC(code, transformers);
    kept.set(key, html);
    if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value as string);
  }
  return html;
}
