import { describe, expect, it } from 'vitest';
import { inLanes } from '../../../src/loaders/lanes.ts';

describe('inLanes', () => {
  it('runs every item once, never more than its lanes at a time, starting them in order', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await inLanes([10, 11, 12, 13, 14, 15, 16], 3, async (item, index) => {
      expect(item).toBe(index + 10);
      started.push(index);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, (7 - index) * 2));
      running -= 1;
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(3);
  });

  it('does nothing for no items, and rejects with a failing item', async () => {
    await inLanes([], 4, async () => {
      throw new Error('never called');
    });
    await expect(
      inLanes([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('item 2 failed');
      }),
    ).rejects.toThrow('item 2 failed');
  });
});
