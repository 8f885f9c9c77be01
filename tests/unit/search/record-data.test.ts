import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { excerptParts } from '../../../src/lib/search/excerpt-parts.ts';
import {
  excerptStart,
  type Fragment,
  readFragment,
  recordData,
} from '../../../src/lib/search/record-data.ts';

// A thread page's record as Pagefind writes it: the page's words, then two messages, each after
// its heading (word numbers count from 0 over the whole text).
const words = [
  'Lock order between two locks.', // 0-4: the page's own text, before any heading
  'First message: take a then b, under irq.', // 5-12
  'Second message: b then a <in irq> & so the cycle closes when a waits on b.', // 13-30
];
const fragment: Fragment = {
  url: '/threads/lock-order/',
  content: words.join(' '),
  meta: { title: 'Lock order between two locks', url: '/threads/lock-order/' },
  anchors: [
    { element: 'h2', id: 'mfirst', text: 'First message', location: 5 },
    { element: 'h2', id: 'msecond', text: 'Second message', location: 13 },
    { element: 'p', id: 'p1', text: 'not a heading', location: 7 },
    { element: 'h2', id: 'mempty', text: ' ', location: 20 },
  ],
};

/** The fragment's file as Pagefind stores it: gzip of the signature and the JSON. */
const stored = (f: Fragment) => new Uint8Array(gzipSync(Buffer.from(`pagefind_dcd${JSON.stringify(f)}`)));

describe('readFragment', () => {
  it('reads a stored (gzip) fragment and one the server already unpacked', async () => {
    expect(await readFragment(stored(fragment))).toEqual(fragment);
    const unpacked = new TextEncoder().encode(`pagefind_dcd${JSON.stringify(fragment)}`);
    expect(await readFragment(unpacked)).toEqual(fragment);
  });

  it('refuses bytes that are not a Pagefind fragment', async () => {
    await expect(readFragment(new TextEncoder().encode('<html>not found</html>'))).rejects.toThrow(
      /not a Pagefind/,
    );
    const noSignature = new Uint8Array(gzipSync(Buffer.from(JSON.stringify(fragment))));
    await expect(readFragment(noSignature)).rejects.toThrow(/no signature/);
  });
});

describe('recordData', () => {
  it('lists one section per heading with hits (the page before the first), in page order', () => {
    // "a" at 8 (first message), "a" at 17 and 26 (second), "Lock" at 0 (the page itself).
    const data = recordData(fragment, [26, 8, 0, 17, 17]);
    expect(data.url).toBe('/threads/lock-order/');
    expect(data.meta.title).toBe('Lock order between two locks');
    expect(data.sub_results.map((s) => [s.title, s.url, s.locations])).toEqual([
      ['Lock order between two locks', '/threads/lock-order/', [0]],
      ['First message', '/threads/lock-order/#mfirst', [8]],
      ['Second message', '/threads/lock-order/#msecond', [17, 26]],
    ]);
  });

  it("links a long thread's later part to the thread's page, and starts sections at titled elements", () => {
    const part: Fragment = {
      ...fragment,
      url: '/threads/lock-order/?part=2',
      meta: { ...fragment.meta, url: '/threads/lock-order/' },
      anchors: [...fragment.anchors, { element: 'section', id: 'notes 1', title: 'Our notes', location: 24 }],
    };
    const data = recordData(part, [8, 26]);
    expect(data.url).toBe('/threads/lock-order/?part=2');
    expect(data.sub_results.map((s) => [s.title, s.url])).toEqual([
      ['First message', '/threads/lock-order/#mfirst'],
      ['Our notes', '/threads/lock-order/#notes%201'],
    ]);
  });

  it('builds an excerpt inside its section, hits marked, mail text escaped', () => {
    const second = recordData(fragment, [8, 17, 26], 6).sub_results[1];
    expect(second?.title).toBe('Second message');
    expect(second?.excerpt).toBe('b then <mark>a</mark> &lt;in irq&gt; &amp;');
    expect(excerptParts(second?.excerpt ?? '').map((p) => [p.text, p.marked])).toEqual([
      ['b then ', false],
      ['a', true],
      [' <in irq> &', false],
    ]);
    // Ten words from the first message's heading would run into the second's: cut at its heading.
    const first = recordData(fragment, [8, 17, 26], 10).sub_results[0];
    expect(first?.excerpt).toBe('First message: take <mark>a</mark> then b, under irq.');
  });

  it('centres the densest run of hits in the excerpt and keeps it inside the section', () => {
    expect(excerptStart([10, 11, 12, 40], 0, 100, 8)).toBe(8);
    expect(excerptStart([1, 2], 0, 100, 8)).toBe(0);
    expect(excerptStart([95, 96], 0, 100, 8)).toBe(92);
    expect(excerptStart([], 13, 31, 8)).toBe(13);
  });

  it('splits on the zero-width spaces Pagefind leaves where it segmented words itself', () => {
    const spaced: Fragment = { ...fragment, content: 'ロック\u200B順序\u200B逆転', anchors: [] };
    const data = recordData(spaced, [1]);
    expect(data.content).toBe('ロック順序逆転');
    expect(data.excerpt).toBe('ロック<mark>順序</mark>逆転');
  });

  it('makes an excerpt only when it is read', () => {
    const split = String.prototype.split;
    let splits = 0;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      if (this.length === fragment.content.length) splits += 1;
      return split.apply(this, args);
    } as typeof split;
    try {
      const data = recordData(fragment, [8, 17, 26]);
      expect(splits).toBe(0);
      void data.sub_results[1]?.excerpt;
      void data.sub_results[0]?.excerpt;
      void data.sub_results[0]?.excerpt;
      expect(splits).toBe(1);
    } finally {
      String.prototype.split = split;
    }
  });
});
