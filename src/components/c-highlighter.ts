// The one Shiki highlighter of the site's C: mail code (thread/CodeBlock.astro) and kernel excerpts
// (kernel/highlight-c.ts). It runs JavaScript's RegExp engine, not Oniguruma's WebAssembly, which
// Astro's <Code> and Shiki's shorthands load and give no way to change: on 332 blocks of kernel C
// (1,500 characters each) it made the same HTML in 1.5 s instead of 2.5 s, and Shiki was about a
// seventh of the bulk archive's static routes (CPU profile of its build, 2026-12-03). In a build it
// runs in a worker thread (c-highlight-pool.ts), beside the pages rendering on the build's thread.

import { createHighlighter, type HighlighterGeneric } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { highlightPool } from './c-highlight-pool.ts';
import { type HighlightStyle, styleTransformers } from './c-highlight-styles.ts';

/** The two themes of every highlighted block: light by default, dark through `--shiki-dark`. */
export const C_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

let highlighter: Promise<HighlighterGeneric<'c', 'github-light' | 'github-dark'>> | undefined;

/** Made once per thread, on first use. */
function cHighlighter() {
  highlighter ??= createHighlighter({
    themes: Object.values(C_THEMES),
    langs: ['c'],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** `code` as Shiki's HTML in both themes, in `style`, made on this thread. */
export async function highlightC(code: string, style: HighlightStyle = { kind: 'plain' }): Promise<string> {
  return (await cHighlighter()).codeToHtml(code, {
    lang: 'c',
    themes: C_THEMES,
    transformers: styleTransformers(style),
  });
}

// Nearly half the highlighted blocks of the bulk archive's thread pages (2,864 of 6,241) repeat one
// seen before: a reply quoting the code it answers, a thread's other page; kernel excerpts repeat on
// every page that links the same symbol. The oldest entries go past KEPT_MAX, so a list of any size
// keeps a bounded cache.
const kept = new Map<string, Promise<string>>();
const KEPT_MAX = 5_000;

/**
 * `highlightC`, once per process for each `code` and `style` (the style names everything else the
 * HTML depends on); in the build's worker thread when there is one.
 */
export function highlightCOnce(code: string, style: HighlightStyle): Promise<string> {
  const key = `${JSON.stringify(style)}\u0000${code}`;
  let html = kept.get(key);
  if (!html) {
    const pool = highlightPool(highlightC);
    html = pool ? pool.highlight(code, style) : highlightC(code, style);
    kept.set(key, html);
    if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value as string);
  }
  return html;
}
