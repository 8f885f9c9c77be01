// The two ways a source's entries become messages: raw RFC 822 entries parsed one by one (mbox, eml,
// Maildir, public-inbox, pipermail monthly archives), or one pipermail page parsed whole.

import { type ParseOptions, parseMessageHeaders, parseRawMessage } from '../lib/mail/parse-message.ts';
import { parsePipermailHtml } from '../lib/mail/pipermail-html.ts';
import { parsePipermailText } from '../lib/mail/pipermail-text.ts';
import { type RawEntry, readMaybeGzip } from './raw-entries.ts';
import type { ReadOptions, ReadResult } from './read-result.ts';

/** Parses raw entries in order; an entry that cannot be read or parsed comes out as a rejection. */
export async function* parseEntries(
  entries: AsyncGenerator<RawEntry>,
  options: ReadOptions,
  /** Pipermail monthly archives write addresses as `user at host`. */
  obfuscatedAddresses = false,
): AsyncGenerator<ReadResult> {
  const parseOptions: ParseOptions = {
    ...(options.list ? { list: options.list } : {}),
    obfuscatedAddresses,
  };
  for await (const entry of entries) {
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

/** One pipermail message page (HTML or text, plain or .gz) as one message, or its rejection. */
export async function* pipermailPage(
  path: string,
  page: 'html' | 'text',
  options: ReadOptions,
): AsyncGenerator<ReadResult> {
  const bytes = await readMaybeGzip(path);
  try {
    const message =
      page === 'html'
        ? parsePipermailHtml(decodeHtmlPage(bytes), path)
        : parsePipermailText(new TextDecoder('utf-8').decode(bytes), path);
    if (options.list && !message.list) message.list = options.list;
    if (options.keepRaw) message.raw = bytes;
    yield message;
  } catch (error) {
    yield { rejected: true, source: path, index: 0, reason: (error as Error).message };
  }
}
