// The ways the site highlights C, named as data: each style says which transformers edit Shiki's HTML.
// A style is plain data so that a worker thread (c-highlight-worker.ts) makes the same transformers
// as the build's own thread would, and so that it names everything the HTML depends on besides the
// code (the key of the highlighter's cache, c-highlighter.ts).

import type { ShikiTransformer } from 'shiki';
import { excerptLines } from './kernel/excerpt-lines.ts';
import { mailCodeTokens } from './thread/code-tokens.ts';

/** How a block of C is highlighted. */
export type HighlightStyle =
  /** Mail code: token classes instead of inline colours (thread/code-tokens.ts). */
  | { kind: 'mail' }
  /**
   * A kernel excerpt: each line numbered from `startLine`, the file lines in `highlight` marked, in a
   * `<span>` instead of a `<pre>` when `inline` (kernel/excerpt-lines.ts).
   */
  | { kind: 'kernel-excerpt'; startLine: number; highlight: number[]; inline: boolean }
  /** Shiki's HTML as it makes it. */
  | { kind: 'plain' };

/** The transformers of each kind of style: the one registry of them. */
const TRANSFORMERS: {
  [K in HighlightStyle['kind']]: (style: Extract<HighlightStyle, { kind: K }>) => ShikiTransformer[];
} = {
  mail: () => [mailCodeTokens],
  'kernel-excerpt': (style) => [excerptLines(style.startLine, style.highlight, style.inline)],
  plain: () => [],
};

/** The transformers that make `style`'s HTML. */
export function styleTransformers(style: HighlightStyle): ShikiTransformer[] {
  const make = TRANSFORMERS[style.kind] as (style: HighlightStyle) => ShikiTransformer[];
  return make(style);
}
