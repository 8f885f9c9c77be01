// Reads public-inbox v2 archives: each epoch is a bare git repo where every commit stores one
// message as the blob `m`. Commits are listed with one `git rev-list`, and all blobs come through
// ONE `git cat-file --batch` process (src/git/cat-file.ts, one request `<commit>:m` per message).

import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { catFileBatch } from '../git/cat-file.ts';
import type { RawEntry } from './raw-entries.ts';

/** The epoch repos of a public-inbox path: the repo itself, or `git/<N>.git` under an inbox folder. */
export async function epochRepos(path: string): Promise<string[]> {
  const names = await readdir(path);
  if (names.includes('HEAD') && names.includes('objects')) return [path];
  const epochs = (await readdir(join(path, 'git')))
    .map((n) => /^(\d+)\.git$/.exec(n))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  return epochs.map((n) => join(path, 'git', `${n}.git`));
}

async function run(args: string[]): Promise<string> {
  const child = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`git ${args.join(' ')} failed: ${Buffer.concat(err).toString().trim()}`);
  return Buffer.concat(out).toString('utf8');
}

/** Commits of an epoch in arrival order (oldest first). */
export async function epochCommits(repo: string): Promise<string[]> {
  const text = await run(['--git-dir', repo, 'rev-list', '--reverse', 'HEAD']);
  return text.split('\n').filter((l) => l.length > 0);
}

/** Streams the messages of every epoch of a public-inbox v2 archive, in commit order. */
export async function* publicInboxEntries(path: string): AsyncGenerator<RawEntry> {
  let index = 0;
  for (const repo of await epochRepos(path)) {
    const commits = await epochCommits(repo);
    let i = 0;
    for await (const r of catFileBatch(
      ['--git-dir', repo],
      commits.map((c) => `${c}:m`),
      'ignore',
    )) {
      const file = `${repo}#${commits[i] ?? '?'}`;
      // Copied: the answer is a view into the reader's buffer, and the message outlives it.
      if ('bytes' in r) yield { raw: r.bytes.slice(), index, file, kind: 'public-inbox' };
      else yield { rejected: `no blob 'm' in commit (${r.missing})`, index, file, kind: 'public-inbox' };
      i++;
      index++;
    }
    if (i !== commits.length)
      throw new Error(`${repo}: git cat-file answered ${i} of ${commits.length} commits`);
  }
}
