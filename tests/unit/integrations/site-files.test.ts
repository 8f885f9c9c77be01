import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { siteFiles } from '../../../src/integrations/site-files.ts';

let root = '';

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A site folder holding `files` (relative paths), each with a line of text. */
function site(files: string[]): string {
  root = mkdtempSync(join(tmpdir(), 'ls-site-files-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'x\n');
  }
  return root;
}

/** Everything a walk yields. */
function all(walk: Generator<string>): string[] {
  return [...walk];
}

describe('listing the built site', () => {
  it('yields every file under the folder in name order, with / between folders, past skipped folders', async () => {
    const dir = site([
      'threads/b/index.html',
      'threads/a/2/index.html',
      'threads/a/index.html',
      'r/x/raw.eml',
      'i.html',
    ]);
    expect(all(siteFiles(dir))).toEqual([
      'i.html',
      'r/x/raw.eml',
      'threads/a/2/index.html',
      'threads/a/index.html',
      'threads/b/index.html',
    ]);
    expect(all(siteFiles(dir, (folder) => folder === 'r' || folder === 'threads/a/2'))).toEqual([
      'i.html',
      'threads/a/index.html',
      'threads/b/index.html',
    ]);
  });

  it('takes a folder removed while the walk is under way, or never there, as empty', async () => {
    const dir = site(['threads/a/index.html', 'threads/b/index.html', 'threads/c/index.html']);
    const walk = siteFiles(join(dir, 'threads'));
    const first = walk.next();
    expect(first.value).toBe('a/index.html');
    // Listed with its parent, gone before the walk reads it (as the mail-files step removes a gone thread's).
    rmSync(join(dir, 'threads', 'b'), { recursive: true });
    expect(all(walk)).toEqual(['c/index.html']);
    expect(all(siteFiles(join(dir, 'locks')))).toEqual([]);
  });

  it('throws what is not a missing folder', () => {
    const dir = site(['threads/a']);
    // A file where a folder is expected: not a vanished folder, a broken site.
    expect(() => all(siteFiles(join(dir, 'threads', 'a')))).toThrow(/ENOTDIR/);
  });
});
