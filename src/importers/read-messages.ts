// The one entry point for reading mail: give it any source path, get every message in it, decoded,
// or a rejection record saying why an entry could not be read. Nothing is dropped silently:
// every entry of the source comes out as exactly one of the two.

import { detectSourceFormat } from './detect-source.ts';
import type { ReadOptions, ReadResult } from './read-result.ts';
import { SOURCE_FORMAT_TABLE } from './source-formats.ts';

export { isRejection, type ReadOptions, type ReadResult, type Rejection } from './read-result.ts';

/**
 * Reads every message of a source path (format auto-detected: mbox/mboxrd/mboxo plain or .gz,
 * .eml, folder of .eml, Maildir, public-inbox v2 git, pipermail HTML/text page, pipermail
 * `YYYY-Month.txt.gz`; src/importers/source-formats.ts). Yields one result per entry, in source order;
 * never throws for a bad entry, only for an unreadable source.
 */
export async function* readMessages(path: string, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const format = options.format ?? (await detectSourceFormat(path));
  yield* SOURCE_FORMAT_TABLE[format].read(path, options);
}

/** Reads a whole small source into an array (tests, single threads). */
export async function readAllMessages(path: string, options: ReadOptions = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readMessages(path, options)) out.push(r);
  return out;
}
