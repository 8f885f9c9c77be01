import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, type FuzzTarget, fuzzTarget } from '../../../src/cli/fuzz.ts';

// A short pass of every fuzz target (the full pass is `npm run fuzz -- --runs 100000`), plus checks
// that the harness itself notices exceptions and lost messages and shrinks them.
describe('fuzz targets (short pass)', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))(
    '%s: no exception, no lost message',
    async (_, target) => {
      const report = await fuzzTarget(target, 300, 20261121);
      expect(report.error).toBeUndefined();
      expect(report).toMatchObject({ runs: 300, exceptions: 0, lost: 0 });
      expect(report.mails).toBeGreaterThan(0);
    },
  );

  it('covers the five paths the issue names', () => {
    expect(FUZZ_TARGETS.map((t) => t.name)).toEqual(['mbox', 'pipermail', 'mime', 'threading', 'splat']);
  });
});

describe('the fuzz harness', () => {
  it('counts an exception and reports the smallest failing input', async () => {
    const throwsOnLongText: FuzzTarget<string> = {
      name: 'throws',
      input: fc.string({ minLength: 0, maxLength: 40 }),
      check: (s) => {
        if (s.length >= 5) throw new RangeError('too long');
        return { mails: 1, lost: 0 };
      },
    };
    const report = await fuzzTarget(throwsOnLongText, 500, 1);
    expect(report.exceptions).toBe(1);
    expect(report.error).toBe('RangeError: too long');
    // Shrunk to five characters, the shortest input that fails.
    expect(JSON.parse(report.counterexample ?? '""')).toHaveLength(5);
  });

  it('counts lost messages', async () => {
    const losesLargeCounts: FuzzTarget<number> = {
      name: 'loses',
      input: fc.integer({ min: 0, max: 1000 }),
      check: (n) => ({ mails: n, lost: n > 10 ? 1 : 0 }),
    };
    const report = await fuzzTarget(losesLargeCounts, 500, 1);
    expect(report.lost).toBe(1);
    expect(report.counterexample).toBe('11');
  });
});
