// Reads public-inbox v2 archives: each epoch is a bare git repo where every commit stores one
// message as the blob `m`. Commits are listed with one `git rev-list`, and all blobs come through
// ONE `git cat-file --batch` process (one request line `<commit>:m` per message, pipelined), which
// is orders of magnitude faster than a process or a library call per blob.

import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
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

/**
 * Parses `git cat-file --batch` output incrementally: `<oid> <type> <size>\n<bytes>\n` per
 * object, or `<name> missing\n` (also `ambiguous`) when the request does not resolve.
 */
class BatchReader {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf, 0);
    next.set(chunk, this.buf.length);
    this.buf = next;
  }

  /** The next complete reply, or null when more bytes are needed. */
  next(): { bytes: Uint8Array } | { missing: string } | null {
    const nl = this.buf.indexOf(10);
    if (nl < 0) return null;
    const header = new TextDecoder().decode(this.buf.subarray(0, nl));
    const parts = header.split(' ');
    if (parts.length !== 3) {
      this.buf = this.buf.subarray(nl + 1);
      return { missing: header };
    }
    const size = Number(parts[2]);
    if (this.buf.length < nl + 1 + size + 1) return null;
    const bytes = this.buf.slice(nl + 1, nl + 1 + size);
    this.buf = this.buf.subarray(nl + 1 + size + 1);
    return { bytes };
  }
}

/** Streams the messages of every epoch of a public-inbox v2 archive, in commit order. */
export async function* publicInboxEntries(path: string): AsyncGenerator<RawEntry> {
  let index = 0;
  for (const repo of await epochRepos(path)) {
    const commits = await epochCommits(repo);
    const child = spawn('git', ['--git-dir', repo, 'cat-file', '--batch'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const failed = new Promise<never>((_, reject) => child.on('error', reject));
    failed.catch(() => undefined);
    // Node buffers what git has not read yet, so writing every request up front cannot deadlock.
    child.stdin.end(commits.map((c) => `${c}:m\n`).join(''));
    const reader = new BatchReader();
    let i = 0;
    for await (const chunk of child.stdout as AsyncIterable<Uint8Array>) {
      reader.push(chunk);
      for (let r = reader.next(); r !== null; r = reader.next()) {
        const file = `${repo}#${commits[i] ?? '?'}`;
        if ('bytes' in r) yield { raw: r.bytes, index, file, kind: 'public-inbox' };
        else yield { rejected: `no blob 'm' in commit (${r.missing})`, index, file, kind: 'public-inbox' };
        i++;
        index++;
      }
    }
    if (i !== commits.length)
      throw new Error(`${repo}: git cat-file answered ${i} of ${commits.length} commits`);
  }
}
