// Which message of a matching thread a result links to. Pagefind lists the sections (messages) that
// hold any query word, in page order, and matches words by prefix ("i" finds "infiniband"): a long
// message full of such words would win over the one that holds the phrase the reader typed. We
// prefer the section where the most query terms stand close together, then the one holding the
// most terms as typed (not as prefixes), then the first.

/** Words within this distance count as standing together (a typed phrase, give or take a few words). */
const NEAR = 12;

/** Splits a Pagefind record's text into words as Pagefind numbers them (its `locations` index these). */
export function contentWords(content: string): string[] {
  return content.split(/[^\S\uFEFF]+/);
}

function form(word: string | undefined): string {
  return (word ?? '').toLowerCase().replace(/^\W+|\W+$/g, '');
}

/** Query terms as compared with words: lower case, without punctuation around them. */
export function queryTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\s+/)
        .map(form)
        .filter((t) => t !== ''),
    ),
  ];
}

/** Most distinct terms matched inside any window of NEAR consecutive words, and terms matched exactly. */
function score(
  words: readonly string[],
  locations: readonly number[],
  terms: readonly string[],
): [number, number] {
  const sorted = [...locations].sort((a, b) => a - b);
  const matched = sorted.map((l) => {
    const f = form(words[l]);
    return terms.flatMap((t, i) => (f.startsWith(t) ? [i] : []));
  });
  const exact = new Set(sorted.flatMap((l) => terms.filter((t) => form(words[l]) === t)));
  const inWindow = new Map<number, number>();
  const add = (term: number, n: number) => {
    const count = (inWindow.get(term) ?? 0) + n;
    if (count === 0) inWindow.delete(term);
    else inWindow.set(term, count);
  };
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    for (const term of matched[end] ?? []) add(term, 1);
    while ((sorted[end] as number) - (sorted[start] as number) >= NEAR) {
      for (const term of matched[start] ?? []) add(term, -1);
      start++;
    }
    best = Math.max(best, inWindow.size);
  }
  return [best, exact.size];
}

/** Index of the section that best matches the query `terms` (see queryTerms); -1 when there is none. */
export function bestSection(
  words: readonly string[],
  sections: readonly { locations: readonly number[] }[],
  terms: readonly string[],
): number {
  let best = -1;
  let bestScore: [number, number] = [-1, -1];
  sections.forEach((section, i) => {
    const s = score(words, section.locations, terms);
    if (s[0] > bestScore[0] || (s[0] === bestScore[0] && s[1] > bestScore[1])) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}
