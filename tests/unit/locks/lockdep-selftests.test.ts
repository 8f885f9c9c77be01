// lockdep's own self-tests (lib/locking-selftest.c, 6.1 and 2.6.30) translated into scenario models:
// the validator must say what lockdep's test expects (warns / stays quiet) on every expressible case.

import { describe, expect, it } from 'vitest';
import { SELFTEST_CASES } from '../../../bench/lockdep-selftests/cases.ts';
import { runCase } from '../../../bench/lockdep-selftests/run.ts';

describe('lockdep self-tests', () => {
  it('holds every case of both self-tests (394 in 6.1, 218 in 2.6.30)', () => {
    expect(SELFTEST_CASES.filter((c) => c.version === '6.1')).toHaveLength(394);
    expect(SELFTEST_CASES.filter((c) => c.version === '2.6.30')).toHaveLength(218);
    for (const c of SELFTEST_CASES) expect(Boolean(c.model) !== Boolean(c.inexpressible)).toBe(true);
  });

  it('has warning and quiet cases among the expressible ones', () => {
    const ex = SELFTEST_CASES.filter((c) => c.model);
    expect(ex.filter((c) => c.expect === 'warn').length).toBeGreaterThan(100);
    expect(ex.filter((c) => c.expect === 'no-warning').length).toBeGreaterThan(100);
  });

  it.each(SELFTEST_CASES.filter((c) => c.model).map((c) => [`${c.version} ${c.name}`, c] as const))(
    '%s: the validator agrees with lockdep',
    (_n, c) => {
      const r = runCase(c);
      expect(r.error).toBeUndefined();
      expect(r.got).toBe(c.expect);
    },
  );
});
