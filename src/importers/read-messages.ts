// The one entry point for reading mail: give it any source path, get every message in it, decoded,
// or a rejection record saying why an entry could not be read. Nothing is dropped silently:
// every entry of the source comes out as exactly one of the two.

import type { MboxFlavour } from '../lib/mail/mbox.ts';
import { type ParseOptions, parseMessageHeaders, parseRawMessage } from '../lib/mail/parse-message.ts';
import { parsePipermailHtml } from '../lib/mail/pipermail-html.ts';
import { parsePipermailText } from '../lib/mail/pipermail-text.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { detectSourceFormat, type SourceFormat } from './detect-source.ts';
import { publicInboxEntries } from './public-inbox.ts';
import {
  emlDirEntries,
  emlEntries,
  maildirEntries,
  mboxEntries,
  type ProgressFn,
  type RawEntry,
  readMaybeGzip,
} from './raw-entries.ts';

/** An entry that could not be imported, and why. */
export interface Rejection {
  rejected: true;
  /** The source path (for public-inbox: `<repo>#<commit>`). */
  source: string;
  /** 0-based position of the entry in the source. */
  index: number;
  /** Why it was rejected, in plain words. */
  reason: string;
}

/** What readMessages yields: a message or a rejection. */
export type ReadResult = ParsedMessage | Rejection;

/** Options for readMessages. */
export interface ReadOptions {
  /** Force a format instead of detecting it. */
  format?: SourceFormat;
  /** mbox escaping flavour (default mboxrd; for pipermail monthly archives default mboxo). */
  flavour?: MboxFlavour;
  /** List name to record (otherwise List-Id, or the pipermail subject tag). */
  list?: string;
  /**
   * `full` (default) decodes bodies and attachments with postal-mime; `headers` reads header
   * fields only (body empty, no attachments), ten times faster, which is all threading needs.
   */
  decode?: 'full' | 'headers';
  /** Keep each message's raw bytes in `message.raw` (the importer writes them out). */
  keepRaw?: boolean;
  /** Called as the source is consumed (bytes done, bytes total); mbox sources only. */
  onProgress?: ProgressFn;
}

/** True when a read result is a rejection. */
export function isRejection(result: ReadResult): result is Rejection {
  return (result as Rejection).rejected === true;
}

function rawEntries(path: string, format: SourceFormat, options: ReadOptions): AsyncGenerator<RawEntry> {
  switch (format) {
    case 'mbox':
      return mboxEntries(path, options.flavour ?? 'mboxrd', 'mbox', options.onProgress);
    case 'pipermail-month':
      return mboxEntries(path, options.flavour ?? 'mboxo', 'pipermail-month', options.onProgress);
    case 'eml':
      return emlEntries(path);
    case 'eml-dir':
      return emlDirEntries(path);
    case 'maildir':
      return maildirEntries(path);
    case 'public-inbox':
      return publicInboxEntries(path);
    default:
      throw new Error(`${path}: ${format} is not a raw-message source`);
  }
}

/** Decodes a pipermail HTML page with the charset its <meta> names (us-ascii/latin-1 pages are common). */
function decodeHtmlPage(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const charset = /charset=["']?([\w.:-]+)/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function* pipermailPage(
  path: string,
  format: SourceFormat,
  options: ReadOptions,
): AsyncGenerator<ReadResult> {
  const bytes = await readMaybeGzip(path);
  try {
    const message =
      format === 'pipermail-html'
        ? parsePipermailHtml(decodeHtmlPage(bytes), path)
        : parsePipermailText(new TextDecoder('utf-8').decode(bytes), path);
    if (options.list && !message.list) message.list = options.list;
    if (options.keepRaw) message.raw = bytes;
    yield message;
  } catch (error) {
    yield { rejected: true, source: path, index: 0, reason: (error as Error).message };
  }
}

/**
 * Reads every message of a source path (format auto-detected: mbox/mboxrd/mboxo plain or .gz,
 * .eml, folder of .eml, Maildir, public-inbox v2 git, pipermail HTML/text page, pipermail
 * `YYYY-Month.txt.gz`). Yields one result per entry, in source order; never throws for a bad
 * entry, only for an unreadable source.
 */
export async function* readMessages(path: string, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const format = options.format ?? (await detectSourceFormat(path));
  if (format === 'pipermail-html' || format === 'pipermail-text') {
    yield* pipermailPage(path, format, options);
    return;
  }
  const parseOptions: ParseOptions = {
    ...(options.list ? { list: options.list } : {}),
    obfuscatedAddresses: format === 'pipermail-month',
  };
  for await (const entry of rawEntries(path, format, options)) {
    if ('rejected' in entry) {
      yield { rejected: true, source: entry.file, index: entry.index, reason: entry.rejected };
      continue;
    }
    const source = { kind: entry.kind, file: entry.file, index: entry.index };
    const result =
      options.decode === 'headers'
        ? parseMessageHeaders(entry.raw, source, parseOptions)
        : await parseRawMessage(entry.raw, source, parseOptions);
    if ('reason' in result) {
      yield { rejected: true, source: entry.file, index: entry.index, reason: result.reason };
      continue;
    }
    if (options.keepRaw) result.raw = entry.raw;
    yield result;
  }
}

/** Reads a whole small source into an array (tests, single threads). */
export async function readAllMessages(path: string, options: ReadOptions = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readMessages(path, options)) out.push(r);
  return out;
}
