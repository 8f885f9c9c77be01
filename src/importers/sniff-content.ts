// Says in words what a file that held no mail looks like ("an empty file", "a PNG image", "an HTML
// page"), for the import error. Only the first bytes are looked at (gunzipped when gzip).

import { open, readdir, stat } from 'node:fs/promises';
import { gunzipHead, isGzip } from './gzip.ts';

// Magic numbers of the binary formats people most often pass by mistake.
const MAGIC: { bytes: number[]; offset?: number; name: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'an ELF executable' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a], name: 'xz-compressed data' },
  { bytes: [0x42, 0x5a, 0x68], name: 'bzip2-compressed data' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd-compressed data' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: 'an SQLite database' },
  { bytes: [0x50, 0x41, 0x43, 0x4b], name: 'a git pack file' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, name: 'a tar archive' },
];

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => head[offset + i] === b);
}

/** True when the bytes are not text: NUL bytes, or many control characters. */
function isBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length / 20;
}

/** What the first bytes of a file look like, as a phrase ("a PNG image", "plain text: …"). */
export function describeBytes(bytes: Uint8Array): string {
  if (isGzip(bytes)) {
    try {
      const inner = gunzipHead(bytes);
      return `a gzip file holding ${describeBytes(inner)}`;
    } catch {
      return 'gzip data that does not decompress';
    }
  }
  if (bytes.length === 0) return 'an empty file';
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes, m.offset));
  if (magic) return magic.name;
  if (isBinary(bytes)) return 'binary data';
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start === '') return 'text holding only white space';
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<(?:head|body)\b/.test(start)) {
    return 'an HTML page that is not a pipermail message page';
  }
  if (start.startsWith('<?xml') || start.startsWith('<svg')) return 'an XML document';
  if (/^[[{]/.test(start)) {
    try {
      JSON.parse(text);
      return 'a JSON document';
    } catch {
      // cut off or not JSON after all: described as text below
    }
  }
  // Shown on a terminal: control characters are replaced.
  const first = (text.trimStart().split('\n', 1)[0] ?? '')
    .trim()
    .slice(0, 60)
    .replace(/\p{Cc}/gu, '?');
  return `plain text without mail headers (it starts "${first}")`;
}

/** What a path that held no mail looks like: a folder without mail files, or its first bytes. */
export async function describeSource(path: string): Promise<string> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const names = await readdir(path);
    return names.length === 0
      ? 'an empty folder'
      : 'a folder without .eml files, Maildir or public-inbox layout';
  }
  if (info.size === 0) return 'an empty file';
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(8192);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return describeBytes(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
