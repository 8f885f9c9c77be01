// Pagefind's excerpts are the indexed text with `<` and `>` written as entities and each hit of the
// query between <mark> and </mark>. The search page builds them from these parts with text nodes
// only, never as HTML: excerpts are cut from mail, so no markup of theirs may reach the page. A
// string split, not an HTML parser: a parser makes a whole inert document per excerpt, which cost
// the first query's results some 10 ms on a slow machine.

/** A run of an excerpt's text, and whether it is a hit of the query (shown marked). */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** The entities an escaped excerpt can hold, and what they stand for. */
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  '#39': "'",
};

/**
 * The excerpt's runs of text, in order, the marked ones flagged. Anything else that looks like a tag
 * stays text: shown as typed, never as an element.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === '<mark>' || piece === '</mark>') {
      marked = piece === '<mark>';
      continue;
    }
    if (piece === '') continue;
    const text = piece.replace(/&(lt|gt|amp|quot|apos|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
    parts.push({ text, marked });
  }
  return parts;
}
