// Reading a local kernel git tree (bare or not) at a version tag, e.g. KERNEL_TREE=~/src/linux.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { catFileBatch } from '../git/cat-file.ts';
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
  for await (const answer of catFileBatch(
    ['-C', treeDir],
    files.map((file) => `${tag}:${file}`),
  )) {
    if ('bytes' in answer) yield { file: files[answer.index] ?? '', bytes: answer.bytes };
  }
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
