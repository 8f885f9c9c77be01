// The folder name (URL slug) of an imported thread. Rule, documented in docs/import.md:
//   <list>-<year>-<subject words>-<8 hex>
// list: the thread's list name (else `mail`); year: UTC year of the first dated message (else
// `undated`); subject words: the root subject without Re:/[tags], lower-case ASCII letters and
// digits joined by `-`, cut at a word boundary to at most 48 characters (else `thread`);
// hex: the first 8 hex digits of SHA-1 of the thread key (the root's Message-ID), which keeps
// slugs unique and stable across re-imports.

import { sha1Hex } from './ids.ts';
import { normalizeSubject } from './subject.ts';

const MAX_WORDS = 48;

/** Slug-safe words of a subject: ASCII letters and digits joined by `-`, at most 48 characters. */
export function subjectWords(subject: string): string {
  const words = normalizeSubject(subject)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > MAX_WORDS) break;
    out = next;
  }
  // A single very long first word is cut rather than dropped.
  if (!out && words.length > 0) out = (words[0] as string).slice(0, MAX_WORDS);
  return out || 'thread';
}

/** Builds a thread slug from its list, first date, root subject and key (see the rule above). */
export function threadSlug(parts: {
  list?: string;
  firstUtc?: string;
  subject: string;
  key: string;
}): string {
  const list =
    (parts.list ?? 'mail')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'mail';
  const year = parts.firstUtc?.slice(0, 4) ?? 'undated';
  return `${list}-${year}-${subjectWords(parts.subject)}-${sha1Hex(parts.key).slice(0, 8)}`;
}
