// A thread's messages kept out of Astro's data store: two JSON files per thread beside Astro's cache, named
// by the digest of everything the thread's page is parsed from (its mail and the parsing code). The body
// file holds the bodies, recipients and skeleton (read by the pages that show the thread); the message
// file holds the headers, reports and page of each message (read by every list, index and feed page).
// The store then holds a few fields per thread: Astro serializes it whole after each content sync, bundles
// it into the build as one string and parses it back, each time; with 15,000 messages' headers in it that
// was seconds of every build, an incremental one included. An unchanged thread is not parsed again on the
// next build (its digest matches).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StoredMessage, ThreadBodies } from '../schemas/thread-message.ts';
import type { StampedCache } from './stamped-cache.ts';

/** Folder of the body files inside Astro's cache folder. */
export function bodiesFolder(cacheDir: string): string {
  return join(cacheDir, 'lockstep-bodies');
}

/** Path of one thread's body file. */
export function bodyFile(cacheDir: string, digest: string): string {
  return join(bodiesFolder(cacheDir), `${digest}.json`);
}

/** True when the body file and the message file for `digest` were written by an earlier build. */
export function hasThreadFiles(cacheDir: string, digest: string): boolean {
  return existsSync(bodyFile(cacheDir, digest)) && existsSync(messageFile(cacheDir, digest));
}

/** Path of one thread's message file: its messages' headers, reports and pages (what lists and indexes read). */
export function messageFile(cacheDir: string, digest: string): string {
  return join(bodiesFolder(cacheDir), `${digest}.messages.json`);
}

/** Writes a thread's body file (bodies in the order of its stored messages); returns its path. */
export async function writeBodies(cacheDir: string, digest: string, bodies: ThreadBodies): Promise<string> {
  return writeCacheFile(bodyFile(cacheDir, digest), bodies);
}

/** Writes a thread's message file (its stored messages in reading order); returns its path. */
export async function writeMessages(
  cacheDir: string,
  digest: string,
  messages: StoredMessage[],
): Promise<string> {
  return writeCacheFile(messageFile(cacheDir, digest), messages);
}

/** Writes one of a thread's files in the bodies folder as JSON. */
function writeCacheFile(file: string, value: unknown): string {
  // Synchronous: it runs in a parse worker (see mail-files.ts's writePermalinkFiles).
  mkdirSync(dirname(file), { recursive: true });
  // Written under a temporary name first: a build stopped half way never leaves a truncated file
  // that a later build would trust because its name matches.
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Message files read by this process, by path (a file's name is the digest of what it was made from). */
const messageFiles = new Map<string, StoredMessage[]>();

/** Reads a thread's message file, once per process: every list, index and feed page asks for all of them. */
export function readMessageFile(file: string): StoredMessage[] {
  let messages = messageFiles.get(file);
  if (!messages) {
    messages = JSON.parse(readFileSync(file, 'utf8')) as StoredMessage[];
    messageFiles.set(file, messages);
  }
  return messages;
}

/** Reads a thread's body file back. */
export async function readBodies(file: string): Promise<ThreadBodies> {
  // Read synchronously: each thread's pages wait for it in turn, and an awaited read adds a round trip
  // through libuv's pool (about 0.15 ms, 0.3 s over a full build's 2,000 threads) to parsing that
  // blocks anyway.
  return JSON.parse(readFileSync(file, 'utf8')) as ThreadBodies;
}

/** Deletes body files no page refers to any more (threads removed or changed since the last build). */
export async function pruneBodies(cacheDir: string, keep: Set<string>): Promise<number> {
  const folder = bodiesFolder(cacheDir);
  let removed = 0;
  // A kept body file keeps what was derived from it beside it (`<digest>.<what>.json`: thread-mentions.ts).
  const stems = new Set([...keep].map((file) => file.replace(/\.json$/, '')));
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (keep.has(join(folder, name)) || stems.has(join(folder, name.split('.')[0] as string))) continue;
    await rm(join(folder, name), { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Digest of the code that turns mail into a page's data (mail parsing, threading, body structure,
 * lockdep reports, search symbols, the loaders, and the permalink pages the loaders write): a changed
 * parser invalidates every cached body. Computed once per process. Falls back to a value that never
 * matches when the sources are not readable (a bundle).
 */
export async function parserDigest(): Promise<string> {
  parserDigestPromise ??= (async () => {
    const hash = createHash('sha256');
    const src = new URL('..', import.meta.url);
    try {
      for (const dir of ['lib/mail', 'lib/lockdep', 'lib/site', 'importers', 'loaders', 'schemas']) {
        const folder = new URL(`${dir}/`, src);
        const names = (await readdir(folder, { recursive: true })).filter((n) => n.endsWith('.ts')).sort();
        for (const name of names) {
          hash.update(name);
          hash.update(await readFile(new URL(name, folder)));
        }
      }
      // The search symbols and tokens of each message (page-data.ts), and the scan and detector they
      // come from.
      for (const file of [
        'lib/kernel/search-symbols.ts',
        'lib/kernel/mentions.ts',
        'lib/kernel/detect.ts',
        'lib/search/identifiers.ts',
      ]) {
        hash.update(file);
        hash.update(await readFile(new URL(file, src)));
      }
      return hash.digest('hex').slice(0, 16);
    } catch {
      return `nocache-${Date.now()}-${Math.random()}`;
    }
  })();
  return parserDigestPromise;
}
let parserDigestPromise: Promise<string> | undefined;

/**
 * Digest of one page's inputs: the parser, the page's plan (thread.yaml, folders, lore files, missing
 * ids) and the bytes of every file in its mail folders (thread.yaml and the archive files it names)
 * and of its lore files; each file's own digest is kept in `fileDigests` (stamped-cache.ts) when given.
 */
export async function pageDigest(
  parser: string,
  plan: unknown,
  mailDirs: string[],
  loreFiles: string[],
  fileDigests?: StampedCache<string>,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(parser);
  hash.update(JSON.stringify(plan));
  const files = [...loreFiles];
  // A synchronous listing: awaited, each costs a round trip through libuv's pool (0.15 ms) for a
  // folder of two or three names.
  for (const dir of mailDirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isFile()) files.push(join(dir, entry.name));
  }
  for (const file of files.sort()) {
    hash.update(file);
    // A file unchanged since the last build (same size and time) is not read again for its digest.
    let digest = fileDigests?.get(file, [file]);
    if (!digest) {
      digest = createHash('sha256')
        .update(await readFile(file))
        .digest('base64url');
      fileDigests?.set(file, [file], digest);
    }
    hash.update(digest);
  }
  return hash.digest('hex').slice(0, 32);
}
