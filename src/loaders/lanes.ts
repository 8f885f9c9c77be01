// Work over many files a few at a time: one after the other, their reads wait in turn; all at once,
// thousands of files open together. The content sync and the build steps after the pages use this.

/**
 * Runs `work` on every item, at most `lanes` at once, started in the items' order; resolves once all
 * are done (and rejects with the first failure).
 */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
    }),
  );
}
