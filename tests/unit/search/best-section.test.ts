import { describe, expect, it } from 'vitest';
import { bestSection, contentWords, queryTerms } from '../../../src/lib/search/best-section.ts';

describe('bestSection', () => {
  const words = contentWords(
    'I think this infiniband issue can wait. It is in ib_srpt, I can see this. ' + // 0-14: scattered hits
      'With rping, I can also reproduce this warning. ' + // 15-22: the phrase
      'rping alone.', // 23-24
  );
  /** Locations of words starting with one of `terms`, as Pagefind's prefix matching finds them. */
  const hits = (terms: string[], from: number, to: number) =>
    words.flatMap((w, i) =>
      i >= from && i <= to && terms.some((t) => w.toLowerCase().replace(/^\W+/, '').startsWith(t)) ? [i] : [],
    );

  it('prefers the section where the query terms stand together over one with more (prefix) hits', () => {
    const terms = queryTerms('rping I can also reproduce this');
    expect(terms).toEqual(['rping', 'i', 'can', 'also', 'reproduce', 'this']);
    const chatty = { locations: hits(terms, 0, 14) };
    const phrase = { locations: hits(terms, 15, 22) };
    expect(chatty.locations.length).toBeGreaterThan(phrase.locations.length);
    expect(bestSection(words, [chatty, phrase], terms)).toBe(1);
  });

  it('prefers exact words to prefixes, keeps page order between equals, and says when there is none', () => {
    const terms = queryTerms('in');
    const prefixOnly = { locations: hits(['in'], 0, 4) }; // "infiniband"
    const exact = { locations: hits(['in'], 9, 11) }; // "in"
    expect(bestSection(words, [prefixOnly, exact], terms)).toBe(1);
    const rping = queryTerms('rping');
    expect(bestSection(words, [{ locations: [16] }, { locations: [23] }], rping)).toBe(0);
    expect(bestSection(words, [], rping)).toBe(-1);
  });
});
