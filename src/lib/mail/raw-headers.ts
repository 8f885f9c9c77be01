// Reads the header block of a raw RFC 5322 message quickly, without decoding the body, so that
// importers can thread tens of thousands of messages a second. Bodies are decoded later, by
// parse-message.ts (postal-mime), only where a page needs them.

/** Unfolded header fields of one message, names lower-cased, repeats kept in order. */
export interface RawHeaders {
  /** Field values by lower-case name (a field may repeat). */
  fields: Map<string, string[]>;
  /** The header block as text (UTF-8, or latin-1 when it is not valid UTF-8). */
  block: string;
  /** Byte offset where the body starts (after the blank line), or the message length. */
  bodyOffset: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, or as latin-1 when they are not valid UTF-8 (8-bit headers happen). */
export function decodeHeaderBytes(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    let s = '';
    for (let i = 0; i < bytes.length; i += 4096) {
      s += String.fromCharCode(...bytes.subarray(i, Math.min(i + 4096, bytes.length)));
    }
    return s;
  }
}

/** Byte offset of the blank line that ends the header block (its first byte), or -1 when absent. */
export function headerEnd(raw: Uint8Array): number {
  let pos = 0;
  // An empty first line means an empty header block.
  if (raw[0] === 10 || (raw[0] === 13 && raw[1] === 10)) return 0;
  for (;;) {
    const nl = raw.indexOf(10, pos);
    if (nl < 0) return -1;
    const next = nl + 1;
    if (raw[next] === 10) return next;
    if (raw[next] === 13 && raw[next + 1] === 10) return next;
    pos = next;
  }
}

/**
 * Parses the header block of a raw message. Contract: lines before the first `Name:` line and
 * lines that are neither fields nor continuations are ignored; a message without a blank line is
 * all header.
 */
export function readRawHeaders(raw: Uint8Array): RawHeaders {
  const end = headerEnd(raw);
  const blockEnd = end < 0 ? raw.length : end;
  const bodyOffset = end < 0 ? raw.length : raw[end] === 13 ? end + 2 : end + 1;
  const block = decodeHeaderBytes(raw.subarray(0, blockEnd));
  const fields = new Map<string, string[]>();
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name === null) return;
    const list = fields.get(name);
    const v = value.trim();
    if (list) list.push(v);
    else fields.set(name, [v]);
    name = null;
  };
  for (const line of block.split('\n')) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if ((text.startsWith(' ') || text.startsWith('\t')) && name !== null) {
      value += ` ${text.trim()}`;
      continue;
    }
    flush();
    const colon = text.indexOf(':');
    if (colon > 0 && /^[\x21-\x39\x3b-\x7e]+$/.test(text.slice(0, colon))) {
      name = text.slice(0, colon).toLowerCase();
      value = text.slice(colon + 1);
    }
  }
  flush();
  return { fields, block, bodyOffset };
}

/** First value of a field, or undefined. */
export function firstField(headers: RawHeaders, name: string): string | undefined {
  return headers.fields.get(name)?.[0];
}
