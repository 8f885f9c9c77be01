import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/lib/locks/explore.ts';
import { StateStore } from '../../../src/lib/locks/store.ts';
import { timerUnderLock } from './small-models.ts';

describe('the state store', () => {
  it('keeps a million distinct states exactly, finds each and refuses duplicates', () => {
    const store = new StateStore(3, 2);
    const s = new Int32Array(3);
    const N = 1_000_000;
    for (let i = 0; i < N; i++) {
      s[0] = i & 0xffff;
      s[1] = i >>> 16;
      s[2] = (i * 7) & 0xff;
      expect(store.add(s, i - 1, i) === i).toBe(true);
    }
    expect(store.count).toBe(N);
    const out = new Int32Array(3);
    for (const i of [0, 1, 65535, 65536, 777_777, N - 1]) {
      s[0] = i & 0xffff;
      s[1] = i >>> 16;
      s[2] = (i * 7) & 0xff;
      expect(store.find(s)).toBe(i);
      expect(store.add(s, 0, 0)).toBe(-(i + 1));
      store.load(i, out);
      expect([...out]).toEqual([...s]);
      expect(store.parent(i)).toBe(i - 1);
      expect(store.via(i)).toBe(i);
    }
    s[2] = 1;
    s[0] = 0;
    s[1] = 0;
    expect(store.find(s)).toBe(-1);
    expect(store.bytesUsed).toBeGreaterThan(N * (3 * 2 + 12));
  });

  it('packs one-, two- and four-byte slots exactly, whatever the width (tails of part-filled words)', () => {
    for (const [bytes, max] of [
      [1, 255],
      [2, 65535],
      [4, 2 ** 31 - 1],
    ] as const) {
      for (const width of [1, 2, 3, 5, 7, 9]) {
        const store = new StateStore(width, bytes);
        const states = Array.from({ length: 200 }, (_v, i) =>
          Int32Array.from({ length: width }, (_w, k) => (i * 2654435761 + k * 40503) % (max + 1)),
        );
        // Two states differing only in the last slot must stay apart.
        states.push(Int32Array.from({ length: width }, (_w, k) => (k === width - 1 ? 1 : 0)));
        states.push(new Int32Array(width));
        const seen = new Map<string, number>();
        for (const s of states) {
          const key = s.join(',');
          const i = store.add(s, 0, 0);
          if (seen.has(key)) expect(i).toBe(-((seen.get(key) as number) + 1));
          else seen.set(key, i);
        }
        const out = new Int32Array(width);
        for (const [key, i] of seen) {
          store.load(i, out);
          expect(out.join(','), `${bytes} bytes, width ${width}`).toBe(key);
          expect(store.find(Int32Array.from(key.split(',').map(Number)))).toBe(i);
        }
        expect(store.count).toBe(seen.size);
      }
    }
  });

  it('lets exploration stop at a memory budget and say so', () => {
    const r = explore(timerUnderLock(false), { maxMb: 0.0001 });
    expect(r.verdict).toBe('incomplete');
    expect(r.limit).toMatch(/^memory budget of 0.0001 MB reached \(\d+ states stored\)$/);
  });
});
