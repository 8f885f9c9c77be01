// Shiki rendering of a C excerpt with real line numbers and highlighted lines. Shiki escapes the code.
import type { ShikiTransformer } from 'shiki';
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
  const inline = options.inline ?? false;
  // What the transformer reads besides the code: the excerpt's numbering and marked lines, the wrapper.
  const variant = JSON.stringify(['kernel-excerpt', excerpt.startLine, excerpt.highlight, inline]);
  return highlightCOnce(variant, excerpt.lines.join('\n'), [excerptLines(excerpt, inline)]);
}

/** The transformer that numbers an excerpt's lines, marks its highlighted ones and wraps it. */
function excerptLines(excerpt: Excerpt, inline: boolean): ShikiTransformer {
  const highlight = new Set(excerpt.highlight);
  return {
    pre(node) {
      if (inline) node.tagName = 'span';
      node.properties.class = `${String(node.properties.class ?? '')} ls-kx`.trim();
      // Pages supply their own spacing; Shiki's inline style would otherwise fix a tab size.
      delete node.properties.tabindex;
    },
    line(node, n) {
      const fileLine = excerpt.startLine + n - 1;
      node.properties['data-line'] = fileLine;
      if (highlight.has(fileLine)) node.properties.class = `${String(node.properties.class ?? '')} hl`;
      node.children.unshift({
        type: 'element',
        tagName: 'span',
        properties: { class: 'ln', 'aria-hidden': 'true' },
        children: [{ type: 'text', value: String(fileLine) }],
      });
    },
  };
}
