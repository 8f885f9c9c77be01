// The one `git cat-file --batch` reader: the public-inbox importer reads a message blob per commit with
// it, and the local kernel tree provider (kernel-providers/local-git.ts) every `<tag>:<path>` file of a
// tree. One process answers every request in order, which is orders of magnitude faster than a process
// or a library call per object.

import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

/** git's answer to one request line: the object's bytes, or the header saying it does not resolve. */
export type CatFileAnswer = { index: number; bytes: Uint8Array } | { index: number; missing: string };

/**
 * Resolves once `stream` takes more writes, or is gone: a write to a git that has already exited (a
 * repository it cannot read) fails with EPIPE and returns false, and no 'drain' ever follows.
 */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Streams git's answers to `requests` (one object name each, e.g. `<commit>:m`), in request order.
 * `gitArgs` come before `cat-file` (`['--git-dir', repo]`, `['-C', tree]`). `bytes` is a view into
 * the read buffer: copy it to keep it past the next answer's processing. A git that cannot start or
 * stops early gives fewer answers than requests; callers that must have all of them count.
 */
export async function* catFileBatch(
  gitArgs: readonly string[],
  requests: readonly string[],
  stderr: 'inherit' | 'ignore' = 'inherit',
): AsyncGenerator<CatFileAnswer> {
  const child = spawn('git', [...gitArgs, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', stderr] });
  // A git that cannot start shows up as an early end of its output.
  child.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  const writer = (async () => {
    for (const request of requests) {
      // A git that stopped (or never started) closes its end: the rest of the requests are not sent.
      if (child.stdin.destroyed) return;
      if (!child.stdin.write(`${request}\n`)) await drained(child.stdin);
    }
    child.stdin.end();
  })();
  let buffer: Buffer = Buffer.alloc(0);
  // Chunks of an object still arriving are held apart and joined once the whole object is there (joining
  // each chunk to the buffer would copy a large object once per chunk).
  let held: Buffer[] = [];
  let heldBytes = 0;
  let need = 0;
  let index = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    if (buffer.length + heldBytes + chunk.length < need) {
      held.push(chunk);
      heldBytes += chunk.length;
      continue;
    }
    buffer = buffer.length === 0 && held.length === 0 ? chunk : Buffer.concat([buffer, ...held, chunk]);
    held = [];
    heldBytes = 0;
    need = 0;
    // Each answer: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n` (also `ambiguous`).
    while (index < requests.length) {
      const newline = buffer.indexOf(10);
      if (newline < 0) break;
      const header = buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buffer = buffer.subarray(newline + 1);
        yield { index: index++, missing: header };
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (buffer.length < newline + 1 + size + 1) {
        need = newline + 1 + size + 1;
        break;
      }
      const bytes = buffer.subarray(newline + 1, newline + 1 + size);
      buffer = buffer.subarray(newline + 1 + size + 1);
      yield { index: index++, bytes };
    }
  }
  await writer;
}
