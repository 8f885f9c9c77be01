// Shiki rendering of a C excerpt with real line numbers and highlighted lines. Shiki escapes the code.
import type { Excerpt } from '../../lib/kernel/excerpt.ts';
import { highlightCOnce } from '../c-highlighter.ts';

/** How to wrap the excerpt. */
export interface ExcerptHtmlOptions {
  /**
   * Use `<span>` instead of `<pre>` for the outer element, so the excerpt can sit inside a paragraph
   * (a `<pre>` there would end the `<p>` early in the HTML parser). CSS gives it `white-space: pre`.
   */
  inline?: boolean;
}

/** HTML for an excerpt: one `.line` per source line, each starting with its file line number. */
export function excerptHtml(excerpt: Excerpt, options: ExcerptHtmlOptions = {}): Promise<string> {
  return highlightCOnce(excerpt.lines.join('\n'), {
    kind: 'kernel-excerpt',
    startLine: excerpt.startLine,
    highlight: excerpt.highlight,
    inline: options.inline ?? false,
  });
}
