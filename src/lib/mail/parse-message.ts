// Turns one raw RFC 5322 message into a ParsedMessage. Headers are read by raw-headers.ts (fast,
// same result in both modes); bodies, charsets, MIME structure, format=flowed and HTML-to-text are
// left to postal-mime, a maintained parser, and only in full mode (HTML-only bodies: html-text.ts).

import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import { htmlToPlainText } from './html-text.ts';
import { parseMailDate } from './mail-date.ts';
import { parseIdHeaders, parseMessageIdHeader, syntheticMessageId } from './message-ids.ts';
import { deobfuscateAddress, splitListTag } from './pipermail-text.ts';
import { firstField, type RawHeaders, readRawHeaders } from './raw-headers.ts';
import type { AttachmentInfo, Mailbox, MessageSource, ParsedMessage } from './types.ts';

/** Options shared by both parse modes. */
export interface ParseOptions {
  /** List name given by the user (`--list`); wins over List-Id. */
  list?: string;
  /** Addresses are pipermail-obfuscated (`user at host`), as in monthly `.txt.gz` archives. */
  obfuscatedAddresses?: boolean;
}

/** Why a raw message cannot be imported, or null when it can. */
export function rejectReason(headers: RawHeaders, raw: Uint8Array): string | null {
  if (raw.length === 0) return 'empty entry';
  const f = headers.fields;
  if (f.size === 0) return 'no header fields (not a mail message)';
  if (!f.has('message-id') && !f.has('from') && !f.has('date') && !f.has('subject')) {
    return 'none of Message-ID, From, Date, Subject present (not a mail message)';
  }
  return null;
}

function decodeText(value: string | undefined): string {
  if (value === undefined) return '';
  try {
    return decodeWords(value).replace(/\s+/g, ' ').trim();
  } catch {
    return value.replace(/\s+/g, ' ').trim();
  }
}

function parseFrom(value: string | undefined, obfuscated: boolean): Mailbox {
  if (!value) return { name: '', address: '' };
  let text = value;
  // Pipermail writes `user at host (Name)`; make the address parseable first.
  if (obfuscated)
    text = text.replace(/([^\s<>()"]+) at ([^\s<>()"]+)/, (_, u, h) => deobfuscateAddress(`${u} at ${h}`));
  let first: { name?: string; address?: string } | undefined;
  try {
    const parsed = addressParser(text, { flatten: true });
    first = parsed[0];
  } catch {
    first = undefined;
  }
  return { name: decodeText(first?.name ?? ''), address: normalizeAddress((first?.address ?? '').trim()) };
}

/** Every mailbox of an address-list header (To, Cc, Reply-To), groups flattened. */
function parseMailboxes(value: string | undefined): Mailbox[] | undefined {
  if (!value) return undefined;
  let parsed: { name?: string; address?: string }[];
  try {
    parsed = addressParser(value, { flatten: true });
  } catch {
    return undefined;
  }
  const out = parsed.flatMap((a) => {
    const address = normalizeAddress((a.address ?? '').trim());
    const name = decodeText(a.name ?? '');
    return address || name ? [{ name, address }] : [];
  });
  return out.length > 0 ? out : undefined;
}

function normalizeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}` : address;
}

/** The list's posting address from List-Post, or from List-Id when a recipient carries it. */
function listAddressOf(
  listPost: string | undefined,
  listId: string | undefined,
  recipients: Mailbox[],
): string | undefined {
  const post = /<mailto:([^>?\s]+@[^>?\s]+)/i.exec(listPost ?? '')?.[1];
  if (post) return normalizeAddress(post);
  const id = /<([^>.\s]+)\.([^>\s]+\.[^>\s]+)>/.exec(listId ?? '');
  if (!id) return undefined;
  const guess = `${id[1]}@${id[2]}`.toLowerCase();
  return recipients.some((r) => r.address.toLowerCase() === guess) ? guess : undefined;
}

function listFromListId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /<([^>.\s]+)[^>]*>/.exec(value) ?? /^\s*([^\s.]+)\./.exec(value);
  return m?.[1]?.toLowerCase();
}

/** Header facts every mode shares; `kind` says which source format the bytes came from. */
export function parseHeaderFields(raw: Uint8Array, source: MessageSource, options: ParseOptions = {}) {
  const headers = readRawHeaders(raw);
  const subjectRaw = decodeText(firstField(headers, 'subject'));
  const idHeader = parseMessageIdHeader(firstField(headers, 'message-id'));
  const messageId = idHeader ?? syntheticMessageId(headers.block);
  const list = options.list ?? listFromListId(firstField(headers, 'list-id'));
  const tag = splitListTag(subjectRaw);
  // `[PATCH]` looks like a list tag too, so only a tag naming this message's list is removed.
  const subject =
    tag.list && list && tag.list.toLowerCase() === list.toLowerCase() ? tag.subject : subjectRaw;
  const dateText = firstField(headers, 'date');
  const to = parseMailboxes(firstField(headers, 'to'));
  const cc = parseMailboxes(firstField(headers, 'cc'));
  const replyTo = parseMailboxes(firstField(headers, 'reply-to'));
  const listAddress = listAddressOf(firstField(headers, 'list-post'), firstField(headers, 'list-id'), [
    ...(to ?? []),
    ...(cc ?? []),
  ]);
  const message: ParsedMessage = {
    messageId,
    messageIdDerived: idHeader === null,
    subject,
    rawSubject: subjectRaw,
    ...(list ? { list } : {}),
    from: parseFrom(firstField(headers, 'from'), options.obfuscatedAddresses === true),
    ...(to ? { to } : {}),
    ...(cc ? { cc } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(listAddress ? { listAddress } : {}),
    date: dateText ? parseMailDate(dateText) : null,
    inReplyTo: parseIdHeaders(headers.fields.get('in-reply-to') ?? []),
    references: parseIdHeaders(headers.fields.get('references') ?? []),
    body: '',
    attachments: [],
    source,
  };
  return { headers, message };
}

/** Header-only parse (no body decoding): what the importer needs to thread and file messages. */
export function parseMessageHeaders(
  raw: Uint8Array,
  source: MessageSource,
  options: ParseOptions = {},
): ParsedMessage | { reason: string } {
  const { headers, message } = parseHeaderFields(raw, source, options);
  const reason = rejectReason(headers, raw);
  return reason ? { reason } : message;
}

const TEXT_ATTACHMENT = /^(text\/|application\/(x-)?(patch|diff))/;
const TEXT_NAME = /\.(patch|diff|txt|log|c|h)$/i;

function toAttachmentInfo(a: {
  filename: string | null;
  mimeType: string;
  content: ArrayBuffer | Uint8Array | string;
}): AttachmentInfo {
  const bytes =
    typeof a.content === 'string'
      ? new TextEncoder().encode(a.content)
      : a.content instanceof Uint8Array
        ? a.content
        : new Uint8Array(a.content);
  const filename = a.filename ?? '';
  const info: AttachmentInfo = { filename, mimeType: a.mimeType.toLowerCase(), size: bytes.length };
  if (TEXT_ATTACHMENT.test(info.mimeType) || TEXT_NAME.test(filename)) {
    info.text = new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/g, '\n');
  }
  return info;
}

/** Full parse: header facts plus the decoded text body and attachment list (postal-mime). */
export async function parseRawMessage(
  raw: Uint8Array,
  source: MessageSource,
  options: ParseOptions = {},
): Promise<ParsedMessage | { reason: string }> {
  const { headers, message } = parseHeaderFields(raw, source, options);
  const reason = rejectReason(headers, raw);
  if (reason) return { reason };
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw);
  } catch (error) {
    return { reason: `MIME parse failed: ${(error as Error).message}` };
  }
  const text = email.text ?? (email.html ? htmlToPlainText(email.html) : '');
  message.body = text.replace(/\r\n?/g, '\n');
  message.attachments = email.attachments.map(toAttachmentInfo);
  return message;
}
