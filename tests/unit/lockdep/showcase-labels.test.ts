// Scores the report finder against the hand labels in docs/labels/splat-labels.md on the 12 showcase
// threads read from ../shared/corpus at run time. Fails (does not skip) when the corpus is missing.
import { describe, expect, it } from 'vitest';
import { readLabels, scoreShowcase } from './support/splat-labels.ts';

describe('showcase threads against hand labels', () => {
  it('has a label row for each of the 135 messages', () => {
    expect(readLabels()).toHaveLength(135);
  });

  it('finds reports with precision and recall of at least 0.95 by (message, kind) and by message', async () => {
    const result = await scoreShowcase();
    expect(result.messages).toBe(135);
    expect(result.pairs.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.pairs.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.byMessage.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.byMessage.recall).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
