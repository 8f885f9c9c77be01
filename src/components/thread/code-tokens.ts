// Short classes for Shiki's tokens in mail code (CodeBlock.astro). Shiki's dual-theme output gives every
// token `style="color:#D73A49;--shiki-dark:#F97583"`, 40 bytes a token; a class from this table is a
// tenth of that, and its colours (styles/global.css) follow color-scheme, so both the reader's system
// setting and the site's data-theme switch give dark code. Kernel excerpts keep Shiki's own output.
import type { Element, ElementContent } from 'hast';
import type { ShikiTransformer } from 'shiki';

/**
 * Token colours of github-light and github-dark (the same scopes in both themes), lower case,
 * `light|dark` → class. Colours not listed keep Shiki's inline style, so nothing loses its colour.
 */
export const TOKEN_CLASSES: Readonly<Record<string, string>> = {
  '#d73a49|#f97583': 'tk', // keywords, storage, operators
  '#6f42c1|#b392f0': 'tf', // function and type names
  '#005cc5|#79b8ff': 'tc', // constants, numbers, macros
  '#e36209|#ffab70': 'tv', // variables and parameters
  '#032f62|#9ecbff': 'ts', // strings
  '#6a737d|#6a737d': 'tm', // comments
  '#22863a|#85e89d': 'tt', // tags, inserted text
  '#b31d28|#fdaeb7': 'ti', // invalid, deleted text
  '#032f62|#dbedff': 'tr', // regular expressions
};

/** The themes' default text colour: tokens in it need no span at all. */
export const DEFAULT_TOKEN_COLOURS = '#24292e|#e1e4e8';

/** Class added to the `pre` of mail code (its background and text colours are in styles/global.css). */
export const MAIL_CODE_CLASS = 'mail-code';

const TOKEN_STYLE = /^color:(#[0-9a-f]{6});--shiki-dark:(#[0-9a-f]{6})$/i;

/** The `light|dark` pair of a token's inline style, or null when it carries anything else. */
export function tokenColours(style: unknown): string | null {
  const m = typeof style === 'string' ? TOKEN_STYLE.exec(style) : null;
  return m ? `${m[1]}|${m[2]}`.toLowerCase() : null;
}

/**
 * A line's tokens: default-coloured ones as bare text, known colours as classes (neighbours of one
 * class joined into one span), others unchanged.
 */
function lightTokens(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    const colours = child.type === 'element' ? tokenColours(child.properties.style) : null;
    if (child.type !== 'element' || child.tagName !== 'span' || colours === null) {
      out.push(child);
      continue;
    }
    if (colours === DEFAULT_TOKEN_COLOURS) {
      out.push(...child.children);
      continue;
    }
    const cls = TOKEN_CLASSES[colours];
    const last = out.at(-1);
    if (!cls) out.push(child);
    else if (last?.type === 'element' && last.properties.class === cls) last.children.push(...child.children);
    else
      out.push({
        type: 'element',
        tagName: 'span',
        properties: { class: cls },
        children: [...child.children],
      });
  }
  return out;
}

const isLine = (node: ElementContent): node is Element =>
  node.type === 'element' && node.tagName === 'span' && String(node.properties.class ?? '') === 'line';

/**
 * Shiki transformer for mail code: the `pre` drops its inline colours for MAIL_CODE_CLASS, each line's
 * wrapper span goes (the newlines stay), and tokens become classes or bare text.
 */
export const mailCodeTokens: ShikiTransformer = {
  name: 'lockstep:mail-code-tokens',
  pre(node) {
    // Keep Shiki's own class; the themes' names and colours are in MAIL_CODE_CLASS.
    const classes = String(node.properties.class ?? '').split(/\s+/);
    node.properties.class = [...classes.filter((c) => c === 'shiki'), MAIL_CODE_CLASS].join(' ');
    delete node.properties.style;
  },
  code(node) {
    node.children = node.children.flatMap((child) => (isLine(child) ? lightTokens(child.children) : [child]));
  },
};
