import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/lib/search/plural.ts';

describe('plural', () => {
  it('uses the singular for one only', () => {
    expect(plural(1, 'thread')).toBe('1 thread');
    expect(plural(0, 'thread')).toBe('0 threads');
    expect(plural(2, 'message')).toBe('2 messages');
  });
  it('takes an irregular plural', () => {
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
  });
});
