// Streams raw messages (bytes) out of file-based sources: mbox (plain or gzip), single .eml files,
// folders of .eml files, Maildir and pipermail monthly archives. Each yields entries in source order.

import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { type MboxFlavour, MboxSplitter } from '../lib/mail/mbox.ts';
import type { MessageSource } from '../lib/mail/types.ts';
import { isGzip } from './gzip.ts';

/** One raw message read from a source, or the reason it could not be read. */
export type RawEntry =
  | { raw: Uint8Array; index: number; file: string; kind: MessageSource['kind'] }
  | { rejected: string; index: number; file: string; kind: MessageSource['kind'] };

/** Progress callback: bytes of the source consumed so far and in all (compressed bytes for .gz). */
export type ProgressFn = (done: number, total: number) => void;

/** Streams the entries of an mbox file (gzip detected from its magic bytes), never holding it whole. */
export async function* mboxEntries(
  path: string,
  flavour: MboxFlavour,
  kind: MessageSource['kind'],
  onProgress?: ProgressFn,
): AsyncGenerator<RawEntry> {
  const total = (await stat(path)).size;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const head = await readFirstBytes(path);
  const stream = isGzip(head) ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  const splitter = new MboxSplitter(flavour);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    for (const e of splitter.push(chunk)) yield { raw: e.raw, index: e.index, file: path, kind };
    onProgress?.(file.bytesRead, total);
  }
  for (const e of splitter.end()) yield { raw: e.raw, index: e.index, file: path, kind };
  onProgress?.(total, total);
}

async function readFirstBytes(path: string): Promise<Uint8Array> {
  const stream = createReadStream(path, { start: 0, end: 1 });
  const parts: Uint8Array[] = [];
  for await (const c of stream as AsyncIterable<Uint8Array>) parts.push(c);
  return parts[0] ?? new Uint8Array(0);
}

/** Reads a whole (possibly gzipped) file into memory; for single messages and pages. */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  if (isGzip(bytes)) return new Uint8Array(gunzipSync(bytes));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Yields the files of a list as entries, one message per file, index = position in the list. */
async function* fileEntries(files: string[], kind: MessageSource['kind']): AsyncGenerator<RawEntry> {
  let index = 0;
  for (const file of files) {
    yield { raw: await readMaybeGzip(file), index, file, kind };
    index++;
  }
}

/** Folder of `.eml` files (sorted by name; other files such as README are ignored). */
export async function* emlDirEntries(dir: string): AsyncGenerator<RawEntry> {
  const names = (await readdir(dir)).filter((n) => /\.eml$/i.test(n)).sort();
  yield* fileEntries(
    names.map((n) => join(dir, n)),
    'eml',
  );
}

/**
 * Maildir: the messages in `cur/` and `new/`, sorted by file name (delivery time comes first in
 * Maildir names, so this is arrival order); `tmp/` holds unfinished deliveries and is skipped.
 */
export async function* maildirEntries(dir: string): AsyncGenerator<RawEntry> {
  const files: { name: string; path: string }[] = [];
  for (const sub of ['cur', 'new']) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names) if (!name.startsWith('.')) files.push({ name, path: join(dir, sub, name) });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  yield* fileEntries(
    files.map((f) => f.path),
    'maildir',
  );
}

/** One `.eml` file (or a `.gz` of one). */
export async function* emlEntries(path: string): AsyncGenerator<RawEntry> {
  yield* fileEntries([path], 'eml');
}
