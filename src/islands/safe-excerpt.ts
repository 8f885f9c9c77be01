// Turns a Pagefind excerpt (escaped text with <mark> around hits) into DOM nodes without ever
// assigning HTML to the page: only text nodes and <mark> elements holding text are made
// (lib/search/excerpt-parts.ts reads the excerpt). Excerpts are built from mail text.

import { excerptParts } from '../lib/search/excerpt-parts.ts';

/** Builds a fragment holding the excerpt's text, its hits in <mark> elements. */
export function excerptFragment(excerpt: string, doc: Document = document): DocumentFragment {
  const out = doc.createDocumentFragment();
  for (const part of excerptParts(excerpt)) {
    if (!part.marked) {
      out.append(doc.createTextNode(part.text));
      continue;
    }
    const mark = doc.createElement('mark');
    mark.textContent = part.text;
    out.append(mark);
  }
  return out;
}
