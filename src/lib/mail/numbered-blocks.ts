// The numbered blocks of a message body with the quote depth each sits at: what the annotator's
// `npm run paragraphs` prints, in the order and numbering the thread page gives its `#…-p<N>` anchors.

import type { BodyNode, TextBlock } from './body-structure.ts';

/** A text block and how deeply it is quoted (0 = the author's own text). */
export interface NumberedBlock extends TextBlock {
  quoteDepth: number;
}

/** Every text block of a body tree in reading order, with its quote depth. */
export function numberedBlocks(nodes: readonly BodyNode[]): NumberedBlock[] {
  const out: NumberedBlock[] = [];
  // Iterative walk (quotes can nest deeply in hostile mail); children pushed in reverse keep the order.
  const stack: Array<{ node: BodyNode; depth: number }> = [...nodes]
    .reverse()
    .map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: BodyNode; depth: number };
    if (node.kind === 'quote') {
      for (const child of [...node.children].reverse()) stack.push({ node: child, depth: node.depth });
    } else out.push({ ...node, quoteDepth: depth });
  }
  return out;
}
