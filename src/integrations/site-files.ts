// Listing the built site while other build steps change it: the steps run side by side (lockstep.ts),
// and the mail-files step removes a gone thread's folder while the search and gzip steps list theirs.
// Synchronous on purpose: one awaited readdir costs about 0.15 ms of round trip through libuv's pool
// against 8 µs for readdirSync, and a site has thousands of folders (the bulk archive's thread pages:
// 820 ms awaited, 59 ms synchronous; its whole output but r/: 1.1 s against 74 ms).

import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** True for the error of a file or folder that is not there (any more). */
function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * The files under `root`, relative to it (with `/`), in name order, not descending into the folders
 * whose relative path `skip` accepts. A folder that is gone by the time it is read (root included)
 * holds nothing: a removed page's folder may go while the walk is under way. Other errors are thrown.
 */
export function* siteFiles(
  root: string,
  skip: (folder: string) => boolean = () => false,
  folder = '',
): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, folder), { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  // Name order: the same listing on every machine, whatever order the file system keeps.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!skip(path)) yield* siteFiles(root, skip, path);
    } else yield path;
  }
}
