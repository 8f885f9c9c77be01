// Works out what kind of mail archive a path is, from its layout and first bytes (never its name
// alone, except the pipermail monthly archive name `YYYY-Month.txt[.gz]`, which is the only sign).

import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isFromLine } from '../lib/mail/mbox.ts';

/** Every source format readMessages understands. */
export type SourceFormat =
  | 'mbox'
  | 'eml'
  | 'eml-dir'
  | 'maildir'
  | 'public-inbox'
  | 'pipermail-html'
  | 'pipermail-text'
  | 'pipermail-month';

const MONTH_ARCHIVE =
  /^\d{4}-(January|February|March|April|May|June|July|August|September|October|November|December)\.txt(\.gz)?$/;

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** True when bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** The first bytes of a file, gunzipped when it is gzip (partial streams are fine). */
async function readHead(path: string, size = 4096): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (!isGzip(head)) return head.subarray(0, size);
    // A truncated gzip stream throws; finishFlush keeps what was inflated so far.
    const inflated = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
    return new Uint8Array(inflated.buffer, inflated.byteOffset, Math.min(size, inflated.length));
  } finally {
    await handle.close();
  }
}

function firstLine(head: Uint8Array): Uint8Array {
  const nl = head.indexOf(10);
  let end = nl < 0 ? head.length : nl;
  if (end > 0 && head[end - 1] === 13) end--;
  return head.subarray(0, end);
}

/** Detects the format of a file or folder; throws with the path when it is none of them. */
export async function detectSourceFormat(path: string): Promise<SourceFormat> {
  if (await isDir(path)) {
    const names = await readdir(path);
    if (names.includes('HEAD') && names.includes('objects')) return 'public-inbox';
    if (names.includes('git') && (await isDir(join(path, 'git')))) return 'public-inbox';
    if (names.includes('cur') && names.includes('new')) return 'maildir';
    return 'eml-dir';
  }
  if (MONTH_ARCHIVE.test(basename(path))) return 'pipermail-month';
  const head = await readHead(path);
  const line = firstLine(head);
  if (line.length >= 5 && isFromLine(line, 0, line.length)) return 'mbox';
  const text = new TextDecoder('latin1').decode(head).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || /<title>[\s\S]*<h1>/.test(text)) {
    return 'pipermail-html';
  }
  // A mail starts with a header field; a pipermail text page starts with its subject line.
  // Two header-like lines (or a field and its continuation) rule out a subject followed by a name.
  const [l1 = '', l2 = ''] = text.split('\n', 2);
  const field = /^[\x21-\x39\x3b-\x7e]+:/;
  if (field.test(l1) && (field.test(l2) || /^[ \t]/.test(l2))) return 'eml';
  return 'pipermail-text';
}
