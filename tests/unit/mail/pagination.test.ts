import { describe, expect, it } from 'vitest';
import type { BodyNode } from '../../../src/lib/mail/body-structure.ts';
import {
  bodyTextSize,
  foldBody,
  messageHref,
  paginate,
  threadPagePath,
  threadViewParam,
} from '../../../src/lib/mail/pagination.ts';

const para = (n: number, lines: string[]): BodyNode => ({ kind: 'paragraph', n, lines });

describe('thread pagination', () => {
  it('fills pages in reading order and never splits a message', () => {
    expect(paginate([10, 10, 10], 25)).toEqual([1, 1, 2]);
    expect(paginate([30, 5, 5], 25)).toEqual([1, 2, 2]);
    expect(paginate([5, 30, 5], 25)).toEqual([1, 2, 3]);
    expect(paginate([], 25)).toEqual([]);
    expect(paginate([25, 0, 1], 25)).toEqual([1, 1, 2]);
  });
});

describe('folding a huge message', () => {
  it('counts every line of the body, quotes included', () => {
    const body: BodyNode[] = [
      para(1, ['abc', 'de']),
      { kind: 'quote', depth: 1, attribution: null, lineCount: 1, children: [para(2, ['xyz'])] },
    ];
    expect(bodyTextSize(body)).toBe(4 + 3 + 4);
  });

  it('leaves a body within the budget as it is', () => {
    const body = [para(1, ['short'])];
    expect(foldBody(body, 100)).toEqual({ nodes: body, folded: null });
  });

  it('keeps whole blocks, then the head of the block that does not fit, and says what is left', () => {
    const log = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(4, '0')}`); // 9 chars + newline
    const body = [
      para(1, ['intro']),
      { kind: 'code' as const, n: 2, lines: log, lang: 'text' as const },
      para(3, ['end']),
    ];
    const { nodes, folded } = foldBody(body, 6 + 10 * 10);
    expect(nodes).toHaveLength(2);
    expect(nodes[1]?.kind === 'code' && nodes[1].lines).toEqual(log.slice(0, 10));
    expect(folded).toEqual({ lines: 90 + 1, chars: 90 * 10 + 4 });
  });

  it('cuts a single line longer than the budget', () => {
    const { nodes, folded } = foldBody([para(1, ['x'.repeat(1000)])], 100);
    expect(nodes[0]?.kind === 'paragraph' && nodes[0].lines[0]).toHaveLength(100);
    expect(folded?.chars).toBe(1001 - 101);
  });

  it('shows the head of a giant line that follows short ones in its block', () => {
    const { nodes } = foldBody([para(1, ['marker: 7', 'y'.repeat(5000), 'after'])], 1000);
    const lines = nodes[0]?.kind === 'paragraph' ? nodes[0].lines : [];
    expect(lines[0]).toBe('marker: 7');
    expect(lines[1]).toBe('y'.repeat(1000 - 10));
    expect(lines).toHaveLength(2);
  });
});

describe('links to paged messages', () => {
  it('names each page of the flat and nested views', () => {
    expect(threadPagePath('t')).toBe('/threads/t/');
    expect(threadPagePath('t', 3)).toBe('/threads/t/3/');
    expect(threadPagePath('t', 1, true)).toBe('/threads/t/nested/');
    expect(threadPagePath('t', 2, true)).toBe('/threads/t/nested/2/');
    expect([
      threadViewParam(1, false),
      threadViewParam(2, false),
      threadViewParam(1, true),
      threadViewParam(3, true),
    ]).toEqual([undefined, '2', 'nested', 'nested/3']);
  });

  it('links within the page by fragment, and across pages by path', () => {
    const m = { anchor: 'mabc', page: 2 };
    expect(messageHref('t', m)).toBe('/threads/t/2/#mabc');
    expect(messageHref('t', { anchor: 'mabc' })).toBe('/threads/t/#mabc');
    expect(messageHref('t', m, 'mabc-p3', { page: 2, nested: false })).toBe('#mabc-p3');
    expect(messageHref('t', m, 'mabc-p3', { page: 1, nested: true })).toBe('/threads/t/nested/2/#mabc-p3');
  });
});
