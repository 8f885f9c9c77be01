import { describe, expect, it } from 'vitest';
import type { BuildStep } from '../../../src/integrations/build-step.ts';
import { BUILD_STEPS, lockstep } from '../../../src/integrations/lockstep.ts';

/** Astro's integration logger, reduced to what the runner uses, recording every line under its label. */
function recordingLogger(lines: string[], label = 'lockstep') {
  const logger = {
    info: (m: string) => lines.push(`[${label}] ${m}`),
    warn: (m: string) => lines.push(`[${label}] warn ${m}`),
    fork: (name: string) => recordingLogger(lines, name),
  };
  return logger;
}

async function runDone(steps: BuildStep[], lines: string[]) {
  const hook = lockstep(steps).hooks['astro:build:done'] as unknown as (o: unknown) => Promise<void>;
  await hook({ dir: new URL('file:///tmp/out/'), logger: recordingLogger(lines) });
}

describe('the lockstep integration', () => {
  it('runs the build steps in order, each logged under its name with its time', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const step = (name: string): BuildStep => ({
      name,
      run: async (out) => {
        ran.push(`${name}:${out}`);
        return `did ${name}`;
      },
    });
    await runDone([step('a'), step('b')], lines);
    expect(ran).toEqual(['a:/tmp/out/', 'b:/tmp/out/']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[a\] did a in \d+ ms$/);
    expect(lines[1]).toMatch(/^\[b\] did b in \d+ ms$/);
  });

  it('tells the steps which shard the build renders (LOCKSTEP_SHARD), or none', async () => {
    const seen: unknown[] = [];
    const step: BuildStep = {
      name: 'look',
      run: async (_out, _logger, { shard }) => {
        seen.push(shard);
        return '';
      },
    };
    const before = process.env.LOCKSTEP_SHARD;
    try {
      process.env.LOCKSTEP_SHARD = '2/3';
      await runDone([step], []);
      delete process.env.LOCKSTEP_SHARD;
      await runDone([step], []);
    } finally {
      if (before === undefined) delete process.env.LOCKSTEP_SHARD;
      else process.env.LOCKSTEP_SHARD = before;
    }
    expect(seen).toEqual([{ index: 2, count: 3 }, null]);
  });

  it('stops at the first failing step and names it', async () => {
    const ran: string[] = [];
    const steps: BuildStep[] = [
      {
        name: 'first',
        run: async () => {
          throw new Error('disk full');
        },
      },
      {
        name: 'second',
        run: async () => {
          ran.push('second');
          return '';
        },
      },
    ];
    await expect(runDone(steps, [])).rejects.toThrow('first: disk full');
    expect(ran).toEqual([]);
  });

  it('places the mail files, then builds the search index, stamps a shard, then the gzip copies', () => {
    expect(BUILD_STEPS.map((s) => s.name)).toEqual([
      'lockstep-mail-files',
      'lockstep-pagefind',
      'lockstep-shard',
      'lockstep-precompress',
    ]);
  });
});
