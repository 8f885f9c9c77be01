// Parses one Mailman 2 pipermail message page in its text form (the seed's format):
// line 1 subject, line 2 author name, line 3 obfuscated address, line 4 date, then the body,
// then Mailman's footer. The HTML form is reduced to this shape by the importer before parsing.

import { deriveMessageId } from './ids.ts';
import { parsePipermailDate } from './pipermail-dates.ts';
import type { Mailbox, ParsedMessage } from './types.ts';

/** Splits a leading `[list]` tag off a subject: `[ofa-general] Re: x` → list `ofa-general`, subject `Re: x`. */
export function splitListTag(subject: string): { list?: string; subject: string } {
  const m = /^\s*\[([A-Za-z0-9][\w.+-]*)\]\s*(.*)$/s.exec(subject);
  // Only a single word in brackets is a list tag; `[PATCH v2 1/3]` is not.
  if (!m) return { subject: subject.trim() };
  return { list: m[1], subject: (m[2] as string).trim() };
}

/** Turns pipermail's obfuscated `user at host` back into `user@host`; other text is returned trimmed. */
export function deobfuscateAddress(text: string): string {
  const t = text.trim();
  const m = /^([^\s@]+)\s+at\s+([^\s@]+)$/i.exec(t);
  return m ? `${m[1]}@${(m[2] as string).toLowerCase()}` : t;
}

/**
 * Removes Mailman's trailing footer: the `____` separator block, the list-info lines and the
 * "More information about the <list> mailing list" line (which the text form may split over two lines).
 * Contract: only trailing lines are removed, never text in the middle of the body.
 */
export function stripPipermailFooter(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && (out[out.length - 1] as string).trim() === '') out.pop();
  const tail = out.slice(-3).join(' ');
  if (/More information about the\s+\S+(\s+mailing\s+list)?\s*$/i.test(tail)) {
    const start = out.findLastIndex((l) => /^\s*More information about the\b/i.test(l));
    if (start >= 0) out.length = start;
  }
  // Mailman 2's list footer: a line of underscores, then the list address and listinfo URL.
  const sep = out.findLastIndex((l) => /^_{20,}\s*$/.test(l));
  if (
    sep >= 0 &&
    out.length - sep <= 6 &&
    out.slice(sep + 1).every((l) => /mailing list|listinfo|@|\sat\s|^\s*$/i.test(l))
  ) {
    out.length = sep;
  }
  while (out.length > 0 && (out[out.length - 1] as string).trim() === '') out.pop();
  return out;
}

/** Parses the text form of a pipermail message page; throws a clear error when the header lines are not there. */
export function parsePipermailText(text: string, file: string): ParsedMessage {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length < 4)
    throw new Error(`${file}: a pipermail page needs subject, author, address and date lines`);
  const [rawSubject, name, rawAddress, rawDate] = lines as [string, string, string, string];
  const date = parsePipermailDate(rawDate);
  const { list, subject } = splitListTag(rawSubject);
  const from: Mailbox = { name: name.trim(), address: deobfuscateAddress(rawAddress) };
  if (!from.address.includes('@'))
    throw new Error(`${file}: line 3 is not an address: ${JSON.stringify(rawAddress)}`);
  const body = stripPipermailFooter(lines.slice(4)).join('\n');
  const messageId = deriveMessageId({
    list: list ?? '',
    address: from.address,
    utc: date.utc,
    subject: rawSubject.trim(),
  });
  return {
    messageId,
    messageIdDerived: true,
    subject,
    rawSubject: rawSubject.trim(),
    ...(list ? { list } : {}),
    from,
    date,
    inReplyTo: [],
    references: [],
    body,
    attachments: [],
    source: { kind: 'pipermail-text', file },
  };
}
