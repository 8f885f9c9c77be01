import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catFileBatch } from '../../../src/git/cat-file.ts';

describe('catFileBatch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-cat-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      encoding: 'utf8',
    });
  git('init', '-q');
  // Larger than a pipe chunk, so its answer arrives in pieces.
  const big = 'x'.repeat(300_000);
  writeFileSync(join(dir, 'big.txt'), big);
  writeFileSync(join(dir, 'small.txt'), 'small\n');
  git('add', '.');
  git('commit', '-q', '-m', 'files');

  it('answers every request in order: bytes for objects, the header for missing ones', async () => {
    const answers = [];
    for await (const a of catFileBatch(['-C', dir], ['HEAD:small.txt', 'HEAD:nope', 'HEAD:big.txt']))
      answers.push('bytes' in a ? { index: a.index, text: Buffer.from(a.bytes).toString() } : a);
    expect(answers).toEqual([
      { index: 0, text: 'small\n' },
      { index: 1, missing: 'HEAD:nope missing' },
      { index: 2, text: big },
    ]);
  });

  it('gives no answer when git cannot read the repository', async () => {
    const answers = [];
    for await (const a of catFileBatch(['-C', join(dir, 'no-such-dir')], ['HEAD:small.txt'], 'ignore'))
      answers.push(a);
    expect(answers).toEqual([]);
  });

  it('ends when git exits with requests still waiting to be written (more than a pipe holds)', async () => {
    // Git stops before reading them: the writes fail (EPIPE) and the pipe never drains.
    const requests = Array.from({ length: 20_000 }, (_, i) => `HEAD:a-file-with-a-long-name-${i}.txt`);
    const answers = [];
    for await (const a of catFileBatch(['-C', join(dir, 'no-such-dir')], requests, 'ignore')) answers.push(a);
    expect(answers).toEqual([]);
  });
});
