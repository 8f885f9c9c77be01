// Which Message-IDs each mail folder holds, kept between builds. Planning the pages of a build joins
// annotated threads to their mail by Message-ID; an id that is no folder's root costs a header read of
// every folder (ten seconds on a 15,000-message archive). A folder whose archive files have the same
// sizes and times as last time holds the same ids.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ids a folder held, under the stamp of its files when they were read. */
interface Held {
  stamp: string;
  ids: string[];
}

/** A folder's ids from the last build, when its files are unchanged; and the ids read this time. */
export interface MessageIdCache {
  get(dir: string, files: readonly string[]): string[] | undefined;
  set(dir: string, files: readonly string[], ids: string[]): void;
  /** Writes what this build read or reused (folders no longer read are dropped). */
  save(): void;
}

/** The size and modification time of each file, or null when one is missing. */
function stampOf(files: readonly string[]): string | null {
  try {
    return files
      .map((file) => {
        const s = statSync(file);
        return `${file}:${s.size}:${s.mtimeMs}`;
      })
      .join('\n');
  } catch {
    return null;
  }
}

/** The cache kept in `cacheDir` (a missing or unreadable file starts empty). */
export function messageIdCache(cacheDir: string): MessageIdCache {
  const file = join(cacheDir, 'lockstep-message-ids.json');
  let kept: Record<string, Held> = {};
  try {
    kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Held>;
  } catch {
    // First build, or a cache from elsewhere: every folder is read.
  }
  const now: Record<string, Held> = {};
  return {
    get(dir, files) {
      const held = kept[dir];
      const stamp = stampOf(files);
      if (!held || stamp === null || held.stamp !== stamp) return undefined;
      now[dir] = held;
      return held.ids;
    },
    set(dir, files, ids) {
      const stamp = stampOf(files);
      if (stamp !== null) now[dir] = { stamp, ids };
    },
    save() {
      writeFileSync(file, JSON.stringify(now));
    },
  };
}
