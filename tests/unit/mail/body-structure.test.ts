import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BodyNode,
  blockNumbers,
  capQuoteDepth,
  parseBody,
  type QuoteBlock,
  quoteDepth,
  type TextBlock,
} from '../../../src/lib/mail/body-structure.ts';
import { parsePipermailText } from '../../../src/lib/mail/pipermail-text.ts';

const seedBody = parsePipermailText(
  readFileSync(
    resolve('content/threads/ofa-general-2009-irq-lock-inversion/000_e00f944b4ec83845.txt'),
    'utf8',
  ),
  'seed',
).body;
const first = (node: BodyNode | undefined) => (node as TextBlock).lines[0];

describe('parseBody on the seed (paragraphs inferred)', () => {
  const tree = parseBody(seedBody, { inferParagraphs: true });

  it('finds two quoted regions at depth 1 around the reply', () => {
    const kinds = tree.map((n) => (n.kind === 'quote' ? `quote${n.depth}` : n.kind));
    expect(kinds).toEqual([
      'quote1',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'quote1',
      'paragraph',
      'paragraph',
      'paragraph',
      'signature',
    ]);
    expect((tree[0] as QuoteBlock).lineCount).toBe(7);
    expect(first((tree[0] as QuoteBlock).children[0])).toBe(
      'The lockdep report I obtained this morning with a 2.6.30.4 kernel and',
    );
    expect(first((tree[7] as QuoteBlock).children[0])).toMatch(/^By the way, I noticed/);
  });

  it('numbers paragraphs 1..12 in reading order, quotes included', () => {
    expect(blockNumbers(tree)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(first(tree[2])).toBe('ib_cm takes cm_id_priv->lock and calls ib_post_send_mad()');
    expect((tree[2] as TextBlock).lines).toHaveLength(8);
    expect(first(tree[3])).toMatch(/^So there can be a chain/);
    expect((tree[11] as TextBlock).lines).toEqual(['- R.']);
  });

  it('keeps every body line exactly once', () => {
    const lines: string[] = [];
    const walk = (nodes: BodyNode[]) => {
      for (const n of nodes) n.kind === 'quote' ? walk(n.children) : lines.push(...n.lines);
    };
    walk(tree);
    expect(lines).toEqual(seedBody.split('\n').map((l) => quoteDepth(l).text));
  });
});

describe('parseBody on ordinary mail', () => {
  it('splits paragraphs on blank lines only, unless asked to infer', () => {
    const body = 'First line.\nSecond sentence starts here.\n\nNext paragraph.';
    expect(parseBody(body).map((n) => (n as TextBlock).lines.length)).toEqual([2, 1]);
    expect(parseBody(body, { inferParagraphs: true })).toHaveLength(3);
  });

  it('nests `> >` inside `>` and moves the attribution onto the quote', () => {
    const body = [
      'On Mon, 10 Aug 2009, Jane Doe',
      'wrote:',
      '> > Original point.',
      '> Reply to it.',
      '',
      'My answer.',
    ].join('\n');
    const tree = parseBody(body);
    expect(tree).toHaveLength(2);
    const outer = tree[0] as QuoteBlock;
    expect(outer.attribution).toBe('On Mon, 10 Aug 2009, Jane Doe wrote:');
    expect(outer.depth).toBe(1);
    const inner = outer.children[0] as QuoteBlock;
    expect(inner.kind).toBe('quote');
    expect(inner.depth).toBe(2);
    expect(first(inner.children[0])).toBe('Original point.');
    expect(first(outer.children[1])).toBe('Reply to it.');
    expect(first(tree[1])).toBe('My answer.');
  });

  it('recognises diffs and C as code blocks and the -- signature', () => {
    const body = [
      'Patch:',
      '',
      'diff --git a/x.c b/x.c',
      '--- a/x.c',
      '+++ b/x.c',
      '@@ -1,2 +1,2 @@',
      '-\tspin_lock(&a);',
      '+\tspin_lock_irq(&a);',
      '',
      'static void f(void)',
      '{',
      '\tdel_timer_sync(&t);',
      '}',
      '',
      '-- ',
      'Jane',
    ].join('\n');
    const tree = parseBody(body) as TextBlock[];
    expect(tree.map((b) => [b.kind, b.lang])).toEqual([
      ['paragraph', undefined],
      ['code', 'diff'],
      ['code', 'c'],
      ['signature', undefined],
    ]);
  });

  it('handles 50,000 levels of quoting without overflowing the stack', () => {
    const deep = `${'>'.repeat(50_000)} bottom\nreply`;
    const tree = parseBody(deep);
    let node = tree[0] as QuoteBlock;
    let depth = 1;
    while (node.children[0]?.kind === 'quote') {
      node = node.children[0] as QuoteBlock;
      depth++;
    }
    expect(depth).toBe(50_000);
    expect(first(node.children[0])).toBe('bottom');
    expect(blockNumbers(tree)).toEqual([1, 2]);
  });
});

describe('capQuoteDepth', () => {
  it('keeps every block of a very deep quote but nests no deeper than the cap', () => {
    const body = [
      ...Array.from({ length: 30 }, (_, i) => `${'>'.repeat(i + 1)} level ${i + 1}`),
      'reply',
    ].join('\n');
    const tree = capQuoteDepth(parseBody(body), 5);
    let node = tree[0] as QuoteBlock;
    while (node.children.some((c) => c.kind === 'quote'))
      node = node.children.find((c) => c.kind === 'quote') as QuoteBlock;
    expect(node.depth).toBe(5);
    expect(node.flattenedFrom).toBe(30);
    expect(node.children.map((c) => first(c))).toEqual(
      Array.from({ length: 26 }, (_, i) => `level ${i + 5}`),
    );
    expect(blockNumbers(tree)).toHaveLength(31);
  });
});
