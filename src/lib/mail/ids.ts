// Stable identifiers derived from Message-IDs: anchors, slugs and made-up ids for sources without one.

import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Hex SHA-1 of a UTF-8 string (pure, runs in Node and the browser). */
export function sha1Hex(text: string): string {
  return bytesToHex(sha1(utf8ToBytes(text)));
}

/** The per-message anchor, lore's form: `m` + SHA-1 of the Message-ID without angle brackets. */
export function messageAnchor(messageId: string): string {
  return `m${sha1Hex(stripAngles(messageId))}`;
}

/** The per-paragraph anchor inside a message: `<message anchor>-p<N>`, N counted from 1. */
export function paragraphAnchor(messageId: string, n: number): string {
  return `${messageAnchor(messageId)}-p${n}`;
}

/** Removes one pair of surrounding angle brackets and surrounding white space from an id. */
export function stripAngles(id: string): string {
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t;
}

/**
 * Makes up a Message-ID for a message whose source has none (pipermail pages drop it).
 *
 * Rule: `pipermail.<first 24 hex of SHA-1(list LF address LF UTC-date LF subject)>@lockstep.invalid`.
 * It depends only on header facts, so re-importing the same page (or a copy with other
 * whitespace in the body) gives the same id, and `.invalid` (RFC 2606) can never clash with a real id.
 */
export function deriveMessageId(parts: {
  list: string;
  address: string;
  utc: string;
  subject: string;
}): string {
  const key = [parts.list, parts.address.toLowerCase(), parts.utc, parts.subject].join('\n');
  return `pipermail.${sha1Hex(key).slice(0, 24)}@lockstep.invalid`;
}
