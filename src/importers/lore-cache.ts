// The on-disk cache of threads fetched from lore: each thread's t.mbox.gz exactly as served, a record
// of where and when it was fetched, and an index from every Message-ID in it to the thread. Reading
// never touches the network; writes are atomic (temporary file, then rename), so a reader sees a
// whole thread or none. Layout (under loreCacheDir()):
//   threads/<key>.mbox.gz   the thread, gzip mboxrd
//   threads/<key>.json      CachedThread (url, fetchedAt, messageIds, …)
//   ids/<sha1 of Message-ID>  the key of the thread holding that Message-ID

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What the cache knows of one thread. */
export interface CachedThread {
  /** Cache key: SHA-1 of the thread's first Message-ID. */
  key: string;
  /** The URL the thread was fetched from. */
  url: string;
  /** When it was fetched (ISO 8601 UTC). */
  fetchedAt: string;
  /** The Message-ID the fetch asked for. */
  requested: string;
  /** Every Message-ID in the thread, in mbox order. */
  messageIds: string[];
  /** Size of the gzip file in bytes. */
  bytes: number;
  /** Path of the cached t.mbox.gz. */
  file: string;
}

/**
 * The lore cache folder: LOCKSTEP_LORE_CACHE when set, else in the user's cache directory
 * (`$XDG_CACHE_HOME/lockstep/lore`, `~/.cache/lockstep/lore`; `~/Library/Caches/lockstep/lore` on
 * macOS; `%LOCALAPPDATA%\lockstep\cache\lore` on Windows). Its own variable, not LOCKSTEP_CACHE_DIR:
 * that one holds Astro's build cache, which builds may clear.
 */
export function loreCacheDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LOCKSTEP_LORE_CACHE) return env.LOCKSTEP_LORE_CACHE;
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'lockstep', 'cache', 'lore');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'lockstep', 'lore');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lockstep', 'lore');
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Looks up the cached thread that holds `messageId` (no network); undefined when not cached. */
export async function findCachedThread(
  messageId: string,
  cacheDir = loreCacheDir(),
): Promise<CachedThread | undefined> {
  const key = await readFile(join(cacheDir, 'ids', sha1(messageId)), 'utf8').catch(() => undefined);
  if (!key || !/^[0-9a-f]{40}$/.test(key.trim())) return undefined;
  const meta = await readMeta(cacheDir, key.trim());
  // An index entry left by an older copy of a refreshed thread may point at a thread without the id.
  return meta && (meta.requested === messageId || meta.messageIds.includes(messageId)) ? meta : undefined;
}

/** The cached thread's t.mbox.gz bytes as fetched (readMessages reads the file as it is). */
export async function readCachedMbox(thread: CachedThread): Promise<Uint8Array> {
  return new Uint8Array(await readFile(thread.file));
}

async function readMeta(cacheDir: string, key: string): Promise<CachedThread | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(cacheDir, 'threads', `${key}.json`), 'utf8')) as Omit<
      CachedThread,
      'file'
    >;
    return { ...meta, file: join(cacheDir, 'threads', `${key}.mbox.gz`) };
  } catch {
    return undefined;
  }
}

/** Writes `bytes` to `path` through a temporary file in the same folder and a rename. */
async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Stores a fetched thread (gzip bytes and the Message-IDs read from it) and indexes every id. */
export async function storeThread(
  gzip: Uint8Array,
  info: { url: string; requested: string; messageIds: string[]; fetchedAt?: Date },
  cacheDir = loreCacheDir(),
): Promise<CachedThread> {
  const first = info.messageIds[0] ?? info.requested;
  const key = sha1(first);
  const dir = join(cacheDir, 'threads');
  await mkdir(dir, { recursive: true });
  await mkdir(join(cacheDir, 'ids'), { recursive: true });
  const meta = {
    key,
    url: info.url,
    fetchedAt: (info.fetchedAt ?? new Date()).toISOString(),
    requested: info.requested,
    messageIds: info.messageIds,
    bytes: gzip.length,
  };
  // The mbox first, then its record, then the index: a reader following the index finds both.
  await writeAtomic(join(dir, `${key}.mbox.gz`), gzip);
  await writeAtomic(join(dir, `${key}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  for (const id of new Set([...info.messageIds, info.requested])) {
    await writeAtomic(join(cacheDir, 'ids', sha1(id)), key);
  }
  return { ...meta, file: join(dir, `${key}.mbox.gz`) };
}
