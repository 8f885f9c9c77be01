// Works out what kind of mail archive a path is, from its layout and first bytes (never its name
// alone, except the pipermail monthly archive name `YYYY-Month.txt[.gz]`, which is the only sign):
// the rows of the format table (source-formats.ts) are asked in order.

import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SOURCE_FORMATS, type SourceFormat } from '../lib/mail/source-formats.ts';
import { gunzipHead, isGzip } from './gzip.ts';
import { type Probe, SOURCE_FORMAT_TABLE } from './source-formats.ts';

export type { SourceFormat } from '../lib/mail/source-formats.ts';

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The first bytes of a file, gunzipped when it is gzip (partial streams are fine). */
async function readHead(path: string, size = 4096): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (!isGzip(head)) return head.subarray(0, size);
    const inflated = gunzipHead(head);
    return inflated.subarray(0, Math.min(size, inflated.length));
  } finally {
    await handle.close();
  }
}

/** Detects the format of a file or folder; throws with the path when it is none of them. */
export async function detectSourceFormat(path: string): Promise<SourceFormat> {
  const dir = await isDir(path);
  let head: Promise<Uint8Array> | undefined;
  const probe: Probe = {
    dir,
    names: dir ? await readdir(path) : [],
    base: basename(path),
    hasDir: (name) => isDir(join(path, name)),
    head: () => {
      head ??= dir ? Promise.resolve(new Uint8Array(0)) : readHead(path);
      return head;
    },
  };
  for (const format of SOURCE_FORMATS) if (await SOURCE_FORMAT_TABLE[format].detect(probe)) return format;
  throw new Error(`${path}: not a mail archive of any known format`);
}
