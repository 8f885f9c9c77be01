// What was read out of a set of files, kept between builds under the files' sizes and modification
// times: while those are the same, so is what was read (as make and git's index trust them). Used for
// each mail folder's Message-IDs (planning the pages joins annotated threads to their mail by id, which
// without it costs a header read of every folder: ten seconds on a 15,000-message archive) and for
// each mail file's digest (a page's digest would otherwise read the whole archive every build).

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A value read from some files, under the stamp of those files when it was read. */
interface Held<T> {
  stamp: string;
  value: T;
}

/** Values from the last build whose files are unchanged, and the values read this time. */
export interface StampedCache<T> {
  get(key: string, files: readonly string[]): T | undefined;
  set(key: string, files: readonly string[], value: T): void;
  /** Writes what this build read or reused (keys no longer asked for are dropped). */
  save(): void;
}

/** The size and modification time of each file, or null when one is missing. */
export function stampOf(files: readonly string[]): string | null {
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

/** The cache kept in `cacheDir` under `name` (a missing or unreadable file starts empty). */
export function stampedCache<T>(cacheDir: string, name: string): StampedCache<T> {
  const file = join(cacheDir, `lockstep-${name}.json`);
  let kept: Record<string, Held<T>> = {};
  try {
    kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Held<T>>;
  } catch {
    // First build, or a cache from elsewhere: everything is read.
  }
  const now: Record<string, Held<T>> = {};
  return {
    get(key, files) {
      const held = kept[key];
      const stamp = stampOf(files);
      if (!held || stamp === null || held.stamp !== stamp) return undefined;
      now[key] = held;
      return held.value;
    },
    set(key, files, value) {
      const stamp = stampOf(files);
      if (stamp !== null) now[key] = { stamp, value };
    },
    save() {
      // `astro dev` syncs content before Astro has made a fresh cache folder (a build makes it first).
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(now));
    },
  };
}

/** Each mail folder's Message-IDs (thread-pages.ts). */
export type MessageIdCache = StampedCache<string[]>;

/** The cache of mail folders' Message-IDs in `cacheDir`. */
export function messageIdCache(cacheDir: string): MessageIdCache {
  return stampedCache<string[]>(cacheDir, 'message-ids');
}
