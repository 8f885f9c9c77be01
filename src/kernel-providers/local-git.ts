// Reading a local kernel git tree (bare or not) at a version tag, e.g. KERNEL_TREE=~/src/linux.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { versionTag } from '../lib/kernel/urls.ts';
import { isSafeTreePath, type ListingProvider } from './types.ts';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/** A provider reading `<tag>:<path>` from the git repository at `treeDir` (`git -C` finds bare repos too). */
export function createLocalGitProvider(treeDir: string): ListingProvider {
  return {
    name: 'local-git',
    async readFile(version, file) {
      if (!isSafeTreePath(file)) return null;
      try {
        const { stdout } = await run(
          'git',
          ['-C', treeDir, 'cat-file', 'blob', `${versionTag(version)}:${file}`],
          {
            maxBuffer: MAX_BUFFER,
            encoding: 'utf8',
          },
        );
        return stdout;
      } catch {
        return null;
      }
    },
    async listFiles(version) {
      const { stdout } = await run(
        'git',
        ['-C', treeDir, 'ls-tree', '-r', '-z', '--name-only', versionTag(version)],
        { maxBuffer: MAX_BUFFER, encoding: 'utf8' },
      );
      return stdout.split('\0').filter((f) => f !== '');
    },
    async *readMany(version, files) {
      const decoder = new TextDecoder('utf-8');
      for await (const { file, bytes } of readManyBytes(treeDir, version, files))
        yield { file, text: decoder.decode(bytes) };
    },
  };
}

/**
 * Reads many files of a tree at a version as UTF-8 bytes, in order, skipping missing ones: one
 * `git cat-file --batch` process for all files (far cheaper than a process per file on a whole tree).
 * Bytes, so that an index can leave decoding to its parser threads.
 */
export async function* readManyBytes(
  treeDir: string,
  version: string,
  files: string[],
): AsyncGenerator<{ file: string; bytes: Uint8Array }> {
  const tag = versionTag(version);
  const child = spawn('git', ['-C', treeDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const writer = (async () => {
    for (const file of files) {
      if (!child.stdin.write(`${tag}:${file}\n`)) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
  })();
  let buffer: Buffer = Buffer.alloc(0);
  // Chunks of a blob still arriving are held apart and joined once, when the whole blob is there: joining
  // each 64 KB chunk to the buffer copied a 24 MB header (amdgpu's register masks) hundreds of times.
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
    // Each answer: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n`.
    while (index < files.length) {
      const newline = buffer.indexOf(10);
      if (newline < 0) break;
      const header = buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buffer = buffer.subarray(newline + 1);
        index++;
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (buffer.length < newline + 1 + size + 1) {
        need = newline + 1 + size + 1;
        break;
      }
      const file = files[index] ?? '';
      const bytes = buffer.subarray(newline + 1, newline + 1 + size);
      buffer = buffer.subarray(newline + 1 + size + 1);
      index++;
      yield { file, bytes };
    }
  }
  await writer;
}

/** The commit a version's tag points at in the tree (`v2.6.30^{commit}`); null when there is no such tag. */
export async function tagCommit(treeDir: string, version: string): Promise<string | null> {
  try {
    const { stdout } = await run(
      'git',
      ['-C', treeDir, 'rev-parse', '--verify', '-q', `${versionTag(version)}^{commit}`],
      {
        encoding: 'utf8',
      },
    );
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
