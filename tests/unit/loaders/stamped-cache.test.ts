import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stampedCache } from '../../../src/loaders/stamped-cache.ts';

const root = mkdtempSync(join(tmpdir(), 'lockstep-stamped-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stampedCache', () => {
  it('saves into a cache folder that does not exist yet (astro dev syncs before Astro makes it)', () => {
    const source = join(root, 'a.txt');
    writeFileSync(source, 'one');
    const cacheDir = join(root, 'fresh', 'cache');
    const cache = stampedCache<string>(cacheDir, 'test');
    cache.set('a', [source], 'read once');
    expect(() => cache.save()).not.toThrow();
    expect(stampedCache<string>(cacheDir, 'test').get('a', [source])).toBe('read once');
  });

  it('gives back a value only while its files keep their size and time, and forgets keys not asked for', () => {
    const source = join(root, 'b.txt');
    writeFileSync(source, 'two');
    const cacheDir = join(root, 'cache');
    const first = stampedCache<number>(cacheDir, 'test');
    first.set('b', [source], 2);
    first.set('gone', [source], 9);
    first.save();
    const second = stampedCache<number>(cacheDir, 'test');
    expect(second.get('b', [source])).toBe(2);
    expect(second.get('b', [join(root, 'missing.txt')])).toBeUndefined();
    second.save();
    expect(stampedCache<number>(cacheDir, 'test').get('gone', [source])).toBeUndefined();
    // Same size, another time: read again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    expect(stampedCache<number>(cacheDir, 'test').get('b', [source])).toBeUndefined();
  });
});
