import { describe, expect, it } from 'vitest';
import { explainUsage, isIrqSafe, usageMarks } from '../../../src/lib/lockdep/usage-bits.ts';

describe('usage bits', () => {
  it('explains each of the four positions', () => {
    const words = explainUsage('{-.+.}');
    expect(words).toHaveLength(4);
    expect(words[0]).toMatch(/^hardirq: acquired inside a hardirq/);
    expect(words[2]).toMatch(/^softirq: acquired with softirqs enabled/);
    expect(words[1]).toMatch(/^hardirq: read-acquired only with hardirqs disabled/);
  });

  it('tells which contexts a class is irq-safe in', () => {
    expect(isIrqSafe('{?.-.}')).toEqual({ hardirq: true, softirq: true });
    expect(isIrqSafe('{+.+.}')).toEqual({ hardirq: false, softirq: false });
    expect(isIrqSafe('{..-.}')).toEqual({ hardirq: false, softirq: true });
    expect(isIrqSafe(undefined)).toEqual({ hardirq: false, softirq: false });
  });

  it('marks irq-safe and irq-unsafe use per state', () => {
    expect(usageMarks('{?.+.}')).toEqual({
      hardirqSafe: true,
      hardirqUnsafe: true,
      softirqSafe: false,
      softirqUnsafe: true,
    });
    expect(usageMarks('{+.}').hardirqUnsafe).toBe(false);
  });
});
