import { describe, expect, it } from 'vitest';
import {
  MESSAGES_END_MARK,
  messageMark,
  partUrl,
  splitIndexDocuments,
} from '../../../src/lib/search/index-parts.ts';

const HEAD =
  '<html><head><meta data-pagefind-filter="list[content]" content="linux-rdma"></head><body><main data-pagefind-body><h1>Thread</h1><div class="messages">';
const TAIL = '</div></main></body></html>';

/** A page with one article per size, each marked as the thread view marks it. */
function page(sizes: number[]): string {
  const messages = sizes.map((size, i) => `${messageMark(size)}<article id="m${i}">message ${i}</article>`);
  return `${HEAD}${messages.join('')}${MESSAGES_END_MARK}${TAIL}`;
}

describe('splitIndexDocuments', () => {
  it('keeps a page that fits the budget, or has no marks, as one document', () => {
    const small = page([100, 200, 300]);
    expect(splitIndexDocuments(small, '/threads/t/', 1000)).toEqual([{ url: '/threads/t/', html: small }]);
    const plain = '<html><body><main data-pagefind-body>no messages</main></body></html>';
    expect(splitIndexDocuments(plain, '/symbols/x/', 10)).toEqual([{ url: '/symbols/x/', html: plain }]);
  });

  it('cuts consecutive messages into parts under the budget, each inside the whole page frame', () => {
    const docs = splitIndexDocuments(page([400, 500, 300, 900, 100]), '/threads/t/', 1000);
    expect(docs.map((d) => d.url)).toEqual([
      '/threads/t/',
      partUrl('/threads/t/', 2),
      partUrl('/threads/t/', 3),
    ]);
    const ids = docs.map((d) => [...d.html.matchAll(/<article id="(m\d)"/g)].map((m) => m[1]));
    expect(ids).toEqual([['m0', 'm1'], ['m2'], ['m3', 'm4']]);
    for (const doc of docs) {
      expect(doc.html.startsWith(HEAD)).toBe(true);
      expect(doc.html.endsWith(`${MESSAGES_END_MARK}${TAIL}`)).toBe(true);
    }
  });

  it('gives a message larger than the budget a part of its own and loses no message', () => {
    const sizes = [50_000, 10, 20, 70_000, 5];
    const docs = splitIndexDocuments(page(sizes), '/threads/big/', 1000);
    const ids = docs.flatMap((d) => [...d.html.matchAll(/<article id="(m\d)"/g)].map((m) => m[1]));
    expect(ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(docs.map((d) => (d.html.match(/<article /g) ?? []).length)).toEqual([1, 2, 1, 1]);
  });
});
