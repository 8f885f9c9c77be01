import { describe, expect, it } from 'vitest';
import { clampStep, readPosition, writePosition } from '../../../src/lib/scenario-runtime/trace-position.ts';

describe('readPosition', () => {
  it('reads the scenario and step', () => {
    expect(readPosition('?sim=baseline-2630&step=5')).toEqual({ sim: 'baseline-2630', step: 5 });
  });

  it('ignores missing or malformed values', () => {
    expect(readPosition('')).toBeNull();
    expect(readPosition('?sim=x')).toBeNull();
    expect(readPosition('?sim=x&step=-1')).toBeNull();
    expect(readPosition('?sim=x&step=2e3')).toBeNull();
    expect(readPosition('?step=3')).toBeNull();
  });
});

describe('writePosition', () => {
  it('keeps other parameters and replaces the position', () => {
    expect(writePosition('?theme=dark&sim=a&step=1', { sim: 'b', step: 4 })).toBe('?theme=dark&sim=b&step=4');
  });

  it('removes the position, leaving an empty query when nothing else is there', () => {
    expect(writePosition('?sim=a&step=1', null)).toBe('');
    expect(writePosition('?q=1&sim=a&step=1', null)).toBe('?q=1');
  });
});

describe('clampStep', () => {
  it('keeps steps within 0…moves', () => {
    expect(clampStep(-3, 7)).toBe(0);
    expect(clampStep(9, 7)).toBe(7);
    expect(clampStep(3.7, 7)).toBe(3);
    expect(clampStep(Number.NaN, 7)).toBe(0);
  });
});
