// Reads Message-IDs out of Message-ID, In-Reply-To and References header values, including the
// broken forms real archives hold. Pure string work.
//
// Contract for parent ids (In-Reply-To/References), tried in this order per header value:
//  1. every `<…>` token without white space inside, in order (a trailing comment is ignored);
//  2. if none: the value with RFC 2047 encoded-words decoded (b4 "Applied, thanks" mails), then 1;
//  3. if none: `<…>` tokens mangled by web archives (`<x () host ! org>` → `x@host.org`);
//  4. if none: a single bare `local@domain` token without angle brackets;
//  otherwise the value yields no id (empty headers, free text).
// Ids are returned without angle brackets, duplicates removed keeping the first.

import { decodeWords } from 'postal-mime';
import { sha1Hex } from './ids.ts';

const ANGLE_TOKEN = /<([^<>\s]+)>/g;
const MANGLED_TOKEN = /<([^<>]+)>/g;
const BARE_TOKEN = /^\s*([^\s<>()"@,;]+@[^\s<>()"@,;]+?)\s*$/;

function angleTokens(value: string): string[] {
  return [...value.matchAll(ANGLE_TOKEN)].map((m) => m[1] as string);
}

/** Undoes the `user () host ! tld` address mangling some web archives apply inside ids. */
function unmangle(token: string): string | null {
  if (!/\s\(\)\s/.test(token)) return null;
  const id = token.replace(/\s*\(\)\s*/, '@').replace(/\s*!\s*/g, '.');
  return /^[^\s<>]+$/.test(id) ? id : null;
}

/** Ids from one parent-header value, following the contract above. */
export function parseIdList(value: string): string[] {
  let ids = angleTokens(value);
  if (ids.length === 0 && value.includes('=?')) ids = angleTokens(safeDecodeWords(value));
  if (ids.length === 0) {
    ids = [...value.matchAll(MANGLED_TOKEN)].map((m) => unmangle(m[1] as string)).filter((x) => x !== null);
  }
  if (ids.length === 0) {
    const bare = BARE_TOKEN.exec(value);
    if (bare) ids = [bare[1] as string];
  }
  return ids;
}

/** Ids from several values of the same header (a header may repeat), first occurrence kept. */
export function parseIdHeaders(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    for (const id of parseIdList(value)) {
      if (!seen.has(id)) {
        seen.add(id);
        out.push(id);
      }
    }
  }
  return out;
}

/** The Message-ID of a message: the first `<…>` token, else the trimmed bare value; null when empty. */
export function parseMessageIdHeader(value: string | undefined): string | null {
  if (value === undefined) return null;
  const ids = angleTokens(value);
  if (ids.length > 0) return ids[0] as string;
  const bare = value.trim().replace(/^<|>$/g, '').trim();
  return bare && !/\s/.test(bare) ? bare : null;
}

/**
 * A made-up Message-ID for a raw message that has none: `nomid.<24 hex of SHA-1 of its header
 * block>@lockstep.invalid`. Same bytes give the same id, so re-imports are stable.
 */
export function syntheticMessageId(headerBlock: string): string {
  return `nomid.${sha1Hex(headerBlock).slice(0, 24)}@lockstep.invalid`;
}

/**
 * The parent chain JWZ threading walks: References in order, then the In-Reply-To ids not already
 * in it (a reply's direct parent is its In-Reply-To when References lacks it). The message's own id
 * is removed so a message never cites itself.
 */
export function parentChain(messageId: string, references: readonly string[], inReplyTo: readonly string[]) {
  const chain = references.filter((id) => id !== messageId);
  for (const id of inReplyTo) if (id !== messageId && !chain.includes(id)) chain.push(id);
  return [...new Set(chain)];
}

function safeDecodeWords(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}
