// Writes an RFC 5322 message for a source that has none of its own (pipermail pages), so every
// thread can be downloaded as mbox. Only facts the page had are written; nothing is invented but
// the Message-ID, which pipermail-text.ts derives (ids.ts deriveMessageId) and marks.

import type { MailDate, ParsedMessage } from './types.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date in the sender's own zone: `Mon, 10 Aug 2009 13:48:28 -0700`. */
export function formatRfc5322Date(date: MailDate): string {
  const local = new Date(Date.parse(date.utc) + date.offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const abs = Math.abs(date.offsetMinutes);
  const zone = `${date.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${time} ${zone}`;
}

/** RFC 2047 B-encodes a header value that is not plain printable ASCII. */
export function encodeHeaderWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `=?UTF-8?B?${btoa(binary)}?=`;
}

/** The message as RFC 5322 text (UTF-8, LF line endings). */
export function synthesizeMessage(message: ParsedMessage): string {
  const name = message.from.name ? `${encodeHeaderWord(message.from.name.replace(/["\\]/g, ''))} ` : '';
  const headers = [
    `From: ${name}<${message.from.address}>`,
    `Subject: ${encodeHeaderWord(message.rawSubject.replace(/[\r\n]+/g, ' '))}`,
    ...(message.date ? [`Date: ${formatRfc5322Date(message.date)}`] : []),
    `Message-ID: <${message.messageId}>`,
    ...(message.inReplyTo.length
      ? [`In-Reply-To: ${message.inReplyTo.map((id) => `<${id}>`).join(' ')}`]
      : []),
    ...(message.references.length
      ? [`References: ${message.references.map((id) => `<${id}>`).join(' ')}`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = message.body.endsWith('\n') ? message.body : `${message.body}\n`;
  return `${headers.join('\n')}\n\n${body}`;
}
