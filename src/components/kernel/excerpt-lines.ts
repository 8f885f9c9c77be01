// The Shiki transformer of kernel excerpts: real file line numbers, marked lines, the wrapper element.
import type { ShikiTransformer } from 'shiki';

/**
 * Numbers each line from `startLine`, marks the file lines in `highlight` and, when `inline`, wraps the
 * excerpt in a `<span>` (it can then sit inside a paragraph) instead of a `<pre>`.
 */
export function excerptLines(
  startLine: number,
  highlight: readonly number[],
  inline: boolean,
): ShikiTransformer {
  const marked = new Set(highlight);
  return {
    pre(node) {
      if (inline) node.tagName = 'span';
      node.properties.class = `${String(node.properties.class ?? '')} ls-kx`.trim();
      // Pages supply their own spacing; Shiki's inline style would otherwise fix a tab size.
      delete node.properties.tabindex;
    },
    line(node, n) {
      const fileLine = startLine + n - 1;
      node.properties['data-line'] = fileLine;
      if (marked.has(fileLine)) node.properties.class = `${String(node.properties.class ?? '')} hl`;
      node.children.unshift({
        type: 'element',
        tagName: 'span',
        properties: { class: 'ln', 'aria-hidden': 'true' },
        children: [{ type: 'text', value: String(fileLine) }],
      });
    },
  };
}
