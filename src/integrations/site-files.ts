// Listing the built site while other build steps change it: the steps run side by side (lockstep.ts),
// and the mail-files step removes a gone thread's folder while the search and gzip steps list theirs.

import { readdir } from 'node:fs/promises';
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
export async function* siteFiles(
  root: string,
  skip: (folder: string) => boolean = () => false,
  folder = '',
): AsyncGenerator<string> {
  const entries = await readdir(join(root, folder), { withFileTypes: true }).catch((error) => {
    if (isMissing(error)) return [];
    throw error;
  });
  // Name order: the same listing on every machine, whatever order the file system keeps.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!skip(path)) yield* siteFiles(root, skip, path);
    } else yield path;
  }
}
