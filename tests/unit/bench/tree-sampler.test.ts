import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startTreeSampler } from '../../../bench/tree-sampler.ts';

// A child that holds `mb` megabytes resident (filled, so every page is touched) for `ms` milliseconds.
const holder = (mb: number, ms: number) =>
  `const b = Buffer.alloc(${mb} * 1048576, 1); setTimeout(() => b.length, ${ms});`;

describe.runIf(process.platform === 'linux')('the bench’s process-tree sampler', () => {
  it('adds up the memory of processes that run at once, grandchildren included, and counts the machine’s CPU', async () => {
    const sampler = await startTreeSampler();
    // A shell whose two children (the bench's grandchildren) hold 150 and 100 MB at the same time.
    const run = spawnSync('sh', [
      '-c',
      `"${process.execPath}" -e '${holder(150, 1500)}' & "${process.execPath}" -e '${holder(100, 1500)}'; wait`,
    ]);
    expect(run.status).toBe(0);
    const figures = await sampler.stop();
    // Both at once, above either alone (each Node also holds some 40 MB of its own).
    expect(figures.peakMb).toBeGreaterThan(250);
    expect(figures.peakMb).toBeLessThan(600);
    expect(figures.peakParts.node).toBeGreaterThan(250);
    expect(figures.machineCpu).toBeGreaterThan(0.05);
  });

  it('sees nothing of processes that are not the bench’s', async () => {
    const sampler = await startTreeSampler();
    const figures = await sampler.stop();
    expect(figures.peakMb).toBeLessThan(20);
  });
});
