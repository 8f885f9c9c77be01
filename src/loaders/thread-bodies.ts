// Message bodies kept out of Astro's data store: one JSON file per thread beside Astro's cache, named by
// the digest of everything the thread's page is parsed from (its mail and the parsing code). The store
// then holds headers and reports only; a 15,000-message build no longer serializes every body into
// data-store.json, and an unchanged thread is not parsed again on the next build (its digest matches).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ThreadBodies } from '../schemas/thread-message.ts';
import type { StampedCache } from './stamped-cache.ts';

/** Folder of the body files inside Astro's cache folder. */
export function bodiesFolder(cacheDir: string): string {
  return join(cacheDir, 'lockstep-bodies');
}

/** Path of one thread's body file. */
export function bodyFile(cacheDir: string, digest: string): string {
  return join(bodiesFolder(cacheDir), `${digest}.json`);
}

/** True when the body file for `digest` was written by an earlier build. */
export function hasBodies(cacheDir: string, digest: string): boolean {
  return existsSync(bodyFile(cacheDir, digest));
}

/** Writes a thread's body file (bodies in the order of its stored messages); returns its path. */
export async function writeBodies(cacheDir: string, digest: string, bodies: ThreadBodies): Promise<string> {
  const file = bodyFile(cacheDir, digest);
  // Synchronous: it runs in a parse worker (see mail-files.ts's writePermalinkFiles).
  mkdirSync(bodiesFolder(cacheDir), { recursive: true });
  // Written under a temporary name first: a build stopped half way never leaves a truncated file
  // that a later build would trust because its name matches.
  writeFileSync(`${file}.tmp`, JSON.stringify(bodies));
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Reads a thread's body file back. */
export async function readBodies(file: string): Promise<ThreadBodies> {
  return JSON.parse(await readFile(file, 'utf8')) as ThreadBodies;
}

/** Deletes body files no page refers to any more (threads removed or changed since the last build). */
export async function pruneBodies(cacheDir: string, keep: Set<string>): Promise<number> {
  const folder = bodiesFolder(cacheDir);
  let removed = 0;
  // A kept body file keeps what was derived from it beside it (`<digest>.<what>.json`: mention-cache.ts).
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
 * lockdep reports, the loaders, and the permalink pages the loaders write): a changed parser invalidates every cached body. Computed once per
 * process. Falls back to a value that never matches when the sources are not readable (a bundle).
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
  for (const dir of mailDirs) {
    for (const entry of await readdir(dir, { withFileTypes: true }))
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
