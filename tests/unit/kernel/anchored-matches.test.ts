import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnchoredScan, anchoredMatches } from '../../../src/lib/kernel/anchored-matches.ts';
import { detectIdentifiers, LINE_SCANS } from '../../../src/lib/kernel/detect.ts';

const spans = (matches: Iterable<RegExpExecArray>) => [...matches].map((m) => [m.index, m[0]]);

// Every scan the identifier code runs on anchored lines only, by name.
const SCANS: Array<[string, AnchoredScan]> = Object.entries(LINE_SCANS);

// Mail-like text: the characters the expressions turn on (anchors, word characters, line breaks of both
// kinds, whitespace after a `&`), in short runs, so that matches start, end and nearly match everywhere.
const PIECES = [
  'a',
  'b',
  'x',
  'Z',
  '_',
  '0',
  '9',
  'foo',
  'priv',
  'v2',
  'lock',
  'drivers',
  'kernel',
  'ab',
  'a/',
  'b/',
  '->',
  '-',
  '>',
  '.',
  '&',
  '*',
  '(',
  ')',
  '()',
  '+0x1f',
  '/0x40',
  '/',
  ':',
  '://',
  'https',
  'git',
  '@',
  '<',
  '>',
  'me@x.org',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\n\n',
  '& \n ',
  '&\n',
];
// And a denser mix of the few pieces that make matches cross lines or sit next to each other.
const DENSE = [
  'a',
  'b_c',
  '->',
  'a->b',
  '.',
  '&',
  '&\n',
  '\n',
  ' ',
  '(',
  '/',
  '@',
  'x.org',
  '://',
  'drivers/',
  '+0x1/0x2',
];
const mailish = fc
  .oneof(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }),
    fc.array(fc.constantFrom(...DENSE), { maxLength: 40 }),
  )
  .map((parts) => parts.join(''));

describe('anchoredMatches', () => {
  for (const [name, scan] of SCANS) {
    it(`finds what matchAll finds for the ${name} expression`, () => {
      fc.assert(
        fc.property(mailish, (text) => {
          expect(spans(anchoredMatches(text, scan))).toEqual(spans(text.matchAll(scan.re)));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('starts a chain at its & on an earlier line, across the whitespace after it', () => {
    const text = 'see x &\n   foo->bar and &\n\n  a->b';
    expect(spans(anchoredMatches(text, LINE_SCANS.chain))).toEqual([
      [6, '&\n   foo->bar'],
      [24, '&\n\n  a->b'],
    ]);
  });

  it('finds matches on the first and last line, with CRLF line ends, and none without an anchor', () => {
    const text = 'a->b first\r\nplain prose, nothing here\r\nlast c->d';
    expect(spans(anchoredMatches(text, LINE_SCANS.chain))).toEqual([
      [0, 'a->b'],
      [44, 'c->d'],
    ]);
    expect(spans(anchoredMatches('no arrows\nat all', LINE_SCANS.chain))).toEqual([]);
    expect(spans(anchoredMatches('', LINE_SCANS.call))).toEqual([]);
  });

  it('sees the text before a line as matchAll does (look-behinds and word boundaries)', () => {
    // `drivers/x` right after `.` or `/` is not a path (PATH_RE's look-behind), even at a line's start
    // only when the character before is on that line.
    const text = 'x.\ndrivers/a.c and y/drivers/b.c';
    expect(spans(anchoredMatches(text, LINE_SCANS.path))).toEqual(spans(text.matchAll(LINE_SCANS.path.re)));
    expect(spans(anchoredMatches(text, LINE_SCANS.path))).toEqual([[3, 'drivers/a.c']]);
  });

  it('keeps its own position: two scans of one expression side by side do not disturb each other', () => {
    const text = 'a->b\nc->d\ne->f';
    const one = anchoredMatches(text, LINE_SCANS.chain);
    const two = anchoredMatches(text, LINE_SCANS.chain);
    expect([
      one.next().value?.[0],
      two.next().value?.[0],
      one.next().value?.[0],
      two.next().value?.[0],
    ]).toEqual(['a->b', 'a->b', 'c->d', 'c->d']);
  });

  it('refuses an expression without the g flag', () => {
    expect(() => [...anchoredMatches('a->b', { re: /->/, anchors: ['->'] })]).toThrow(/global/);
  });

  it('leaves detection as it was: mail addresses and URLs unlinked, chains across a line break from &', () => {
    const text =
      'Reported-by: Dev <dev_one@kernel.org>\nsee https://lore.kernel.org/x/a_b->c\nthen &\n  mad_agent_priv->timed_work in drivers/infiniband/core/mad.c';
    expect(detectIdentifiers(text).map((m) => [m.kind, m.text])).toEqual([
      ['member', '&\n  mad_agent_priv->timed_work'],
      ['path', 'drivers/infiniband/core/mad.c'],
    ]);
  });
});
