import { describe, expect, it, vi } from 'vitest';
import { progressLine, stepHeartbeat, stepProgress } from '../../../src/loaders/step-progress.ts';

describe('build step progress', () => {
  it('logs one line per tenth of a long step when not on a terminal', () => {
    const lines: string[] = [];
    const progress = stepProgress({ info: (m) => lines.push(m) }, 'pages', 1000, false, 0);
    for (let i = 0; i < 1000; i++) progress.tick();
    progress.done();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^pages 10 % \(100\/1000\), \d+\/s, about \d+ s left$/);
    expect(lines[9]).toMatch(/^pages 100 % \(1000\/1000\)/);
  });

  it('counts ticks of several items at once, and says nothing for a short step', () => {
    const lines: string[] = [];
    const long = stepProgress({ info: (m) => lines.push(m) }, 'files', 400, false, 0);
    long.tick(400);
    expect(lines).toHaveLength(10);
    const quiet: string[] = [];
    const short = stepProgress({ info: (m) => quiet.push(m) }, 'few', 20, false, 0);
    for (let i = 0; i < 20; i++) short.tick();
    expect(quiet).toEqual([]);
  });

  it('stays quiet while a step is younger than its quiet time', () => {
    const lines: string[] = [];
    const quick = stepProgress({ info: (m) => lines.push(m) }, 'quick', 1000, false, 60);
    quick.tick(1000);
    expect(lines).toEqual([]);
  });

  it('estimates the time left from the rate so far', () => {
    expect(progressLine('x', 250, 1000, 5)).toBe('x 25 % (250/1000), 50/s, about 15 s left');
  });

  it('says every few seconds that a step it cannot count still runs, until stopped', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const beat = stepHeartbeat({ info: (m) => lines.push(m) }, 'writing the bundle', 5);
      vi.advanceTimersByTime(4_000);
      expect(lines).toEqual([]);
      vi.advanceTimersByTime(7_000);
      expect(lines).toEqual(['writing the bundle: 5 s so far', 'writing the bundle: 10 s so far']);
      beat.stop();
      vi.advanceTimersByTime(20_000);
      expect(lines).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
