import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { takeSyncTurn } from '../../../src/integrations/sync-turn.ts';

const run = promisify(execFile);
const NODE = resolve('node_modules/.bin/node');
const MODULE = resolve('src/integrations/sync-turn.ts');

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * A separate Node process that takes the turn, appends "<name> in <ms>" and "<name> out <ms>" to `log`
 * around a `holdMs` wait, then releases it (or, with `exitHolding`, exits without releasing).
 */
function taker(lock: string, log: string, name: string, holdMs: number, exitHolding = false) {
  const script = `
    const { appendFileSync } = require('node:fs');
    import(${JSON.stringify(MODULE)}).then(async ({ takeSyncTurn }) => {
      const release = await takeSyncTurn(${JSON.stringify(lock)}, 10);
      appendFileSync(${JSON.stringify(log)}, '${name} in ' + Date.now() + '\\n');
      await new Promise((done) => setTimeout(done, ${holdMs}));
      appendFileSync(${JSON.stringify(log)}, '${name} out ' + Date.now() + '\\n');
      if (!${exitHolding}) release();
    });`;
  return run(NODE, ['-e', script]);
}

describe('the content-sync turn', () => {
  it('lets one process at a time through, the others waiting for its release', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-sync-turn-'));
    const lock = join(dir, '.astro', 'sync.lock');
    const log = join(dir, 'log');
    await Promise.all(['a', 'b', 'c'].map((name) => taker(lock, log, name, 150)));
    const events = readFileSync(log, 'utf8').trim().split('\n');
    expect(events).toHaveLength(6);
    // Each "in" is followed by the same taker's "out": no two turns overlap.
    for (let i = 0; i < events.length; i += 2) {
      const [name, what] = (events[i] as string).split(' ');
      expect(what).toBe('in');
      expect((events[i + 1] as string).startsWith(`${name} out`)).toBe(true);
    }
    expect(existsSync(lock)).toBe(false);
  });

  it('frees the turn when its holder exits without releasing it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-sync-turn-'));
    const lock = join(dir, 'sync.lock');
    await taker(lock, join(dir, 'log'), 'a', 10, true);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock file left by a process that no longer runs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-sync-turn-'));
    const lock = join(dir, 'sync.lock');
    const gone = spawnSync(NODE, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lock, `${gone.stdout}\n`);
    const release = await takeSyncTurn(lock, 10);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('does not wait for itself when this process asks again while holding it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-sync-turn-'));
    const lock = join(dir, 'sync.lock');
    const release = await takeSyncTurn(lock, 10);
    const again = await takeSyncTurn(lock, 10);
    again();
    expect(existsSync(lock)).toBe(true);
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('waits while the lock file names a live process', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-sync-turn-'));
    const lock = join(dir, 'sync.lock');
    writeFileSync(lock, `${process.ppid}\n`);
    const taken = takeSyncTurn(lock, 10).then((release) => release);
    const first = await Promise.race([taken, new Promise((done) => setTimeout(() => done('waiting'), 200))]);
    expect(first).toBe('waiting');
    rmSync(lock);
    (await taken)();
    expect(existsSync(lock)).toBe(false);
  });
});
