import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArguments } from '../../../src/cli/build.ts';
import { readStamps } from '../../../src/integrations/merge-shards.ts';
import {
  ownsSharedPages,
  ownsThread,
  parseShard,
  shardBundleUrl,
  shardFolder,
  shardOfThread,
} from '../../../src/lib/shards/shard.ts';

const work = mkdtempSync(join(tmpdir(), 'lockstep-shards-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('shards', () => {
  it('reads i/N and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', '', '-1/2'])
      expect(() => parseShard(bad), bad).toThrow(/i\/N with 1 <= i <= N/);
  });

  it('gives every thread to exactly one shard, the same one every time, and spreads them', () => {
    const slugs = Array.from(
      { length: 2000 },
      (_, i) => `linux-rdma-2024-thread-${i}-${(i * 2654435761) % 9973}`,
    );
    for (const count of [1, 2, 5]) {
      const sizes = new Array(count).fill(0);
      for (const slug of slugs) {
        const owner = shardOfThread(slug, count);
        expect(owner).toBe(shardOfThread(slug, count));
        const owners = Array.from({ length: count }, (_, i) => ownsThread({ index: i + 1, count }, slug));
        expect(owners.filter(Boolean)).toHaveLength(1);
        expect(owners.indexOf(true) + 1).toBe(owner);
        sizes[owner - 1] += 1;
      }
      // Within 15 % of an even split.
      for (const size of sizes)
        expect(Math.abs(size - slugs.length / count)).toBeLessThan((0.15 * slugs.length) / count);
    }
    // FNV-1a of "a" is 0xe40c292c (the published test vector): 3826002220 mod 1, 2, 3, 4 = 0, 0, 1, 0.
    // A change of hash would move threads between shards of existing builds.
    expect([1, 2, 3, 4].map((n) => shardOfThread('a', n))).toEqual([1, 1, 2, 1]);
  });

  it('renders shared pages in a whole build and in shard 1 only', () => {
    expect(ownsSharedPages(null)).toBe(true);
    expect(ownsSharedPages({ index: 1, count: 3 })).toBe(true);
    expect(ownsSharedPages({ index: 2, count: 3 })).toBe(false);
    expect(ownsThread(null, 'any')).toBe(true);
    expect(shardFolder({ index: 2, count: 4 })).toBe('shards/2-of-4');
    expect([1, 2].map(shardBundleUrl)).toEqual(['/pagefind/', '/pagefind-shard-2/']);
  });

  it('takes --shard out of the build arguments and passes the rest to astro', () => {
    expect(buildArguments(['--shard', '1/2', '--outDir', 'x'])).toEqual({
      shard: '1/2',
      astro: ['--outDir', 'x'],
    });
    expect(buildArguments(['--shard=2/2', '--verbose'])).toEqual({ shard: '2/2', astro: ['--verbose'] });
    expect(buildArguments([])).toEqual({ shard: null, astro: [] });
  });

  it('merges only the complete, disjoint shards of one build', async () => {
    const stamp = (name: string, body: object) => {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'lockstep-shard.json'), JSON.stringify(body));
      return dir;
    };
    const one = stamp('one', { index: 1, count: 2, threads: ['a'] });
    const two = stamp('two', { index: 2, count: 2, threads: ['b'] });
    expect((await readStamps([two, one])).map((s) => s.stamp.index)).toEqual([1, 2]);
    await expect(readStamps([one])).rejects.toThrow(/shards 1 of 2; need 1\.\.N/);
    const three = stamp('three', { index: 2, count: 3, threads: ['c'] });
    await expect(readStamps([one, three])).rejects.toThrow(/need 1\.\.N of one N/);
    const clash = stamp('clash', { index: 2, count: 2, threads: ['a'] });
    await expect(readStamps([one, clash])).rejects.toThrow(/thread a was built by shards 1 and 2/);
    await expect(readStamps([join(work, 'nothing')])).rejects.toThrow(/not a shard build/);
    await expect(readStamps([])).rejects.toThrow(/no shard folders/);
  });
});
