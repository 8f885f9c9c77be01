// Turns a Pagefind excerpt (escaped text with <mark> around hits) into DOM nodes without ever
// assigning HTML to the live page: the string is parsed in an inert document, and only text and
// <mark> survive. Excerpts are built from mail text, so nothing else may pass.

/** Builds a fragment holding the excerpt's text, with only its <mark> elements kept. */
export function excerptFragment(excerpt: string, doc: Document = document): DocumentFragment {
  const inert = new DOMParser().parseFromString(`<body>${excerpt}</body>`, 'text/html');
  const out = doc.createDocumentFragment();
  for (const node of Array.from(inert.body.childNodes)) {
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'MARK') {
      const mark = doc.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(doc.createTextNode(node.textContent ?? ''));
    }
  }
  return out;
}
