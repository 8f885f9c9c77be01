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

  it('lets exploration stop at a memory budget and say so', () => {
    const r = explore(timerUnderLock(false), { maxMb: 0.0001 });
    expect(r.verdict).toBe('incomplete');
    expect(r.limit).toMatch(/^memory budget of 0.0001 MB reached \(\d+ states stored\)$/);
  });
});
