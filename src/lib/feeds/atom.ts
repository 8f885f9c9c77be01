// Atom 1.0 documents (RFC 4287) from plain records. Every text comes from mail or thread folders, so
// it is escaped, and characters XML 1.0 forbids (most C0 controls) are dropped.

/** One entry of a feed. */
export interface AtomEntry {
  /** Permanent IRI of the entry. */
  id: string;
  title: string;
  /** Absolute URL of the page the entry is about. */
  link: string;
  /** Last change, ISO 8601. */
  updated: string;
  /** First publication, ISO 8601, when known. */
  published?: string;
  /** Author names. */
  authors: string[];
  /** Plain-text summary. */
  summary?: string;
  /** Category terms (list, report kinds, `annotated`). */
  categories: string[];
}

/** A whole feed. */
export interface AtomFeed {
  /** Permanent IRI of the feed (its own URL). */
  id: string;
  title: string;
  subtitle?: string;
  /** Absolute URL of the feed itself (rel="self"). */
  self: string;
  /** Absolute URL of the HTML page it follows (rel="alternate"). */
  alternate: string;
  /** Feed-level author, used for entries that name none. */
  author: string;
  entries: AtomEntry[];
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and
// U+FFFE/U+FFFF; mail can carry any byte.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data or attribute value. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** The feed as an Atom 1.0 document; `updated` is the newest entry's (stable across builds). */
export function atomXml(feed: AtomFeed): string {
  const updated = [EPOCH, ...feed.entries.map((e) => e.updated)].sort().at(-1) as string;
  const entry = (e: AtomEntry) =>
    [
      '  <entry>',
      `    <id>${xmlText(e.id)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
      `    <updated>${xmlText(e.updated)}</updated>`,
      e.published ? `    <published>${xmlText(e.published)}</published>` : '',
      ...e.authors.map((a) => `    <author><name>${xmlText(a)}</name></author>`),
      ...e.categories.map((c) => `    <category term="${xmlText(c)}"/>`),
      e.summary ? `    <summary type="text">${xmlText(e.summary)}</summary>` : '',
      '  </entry>',
    ]
      .filter((line) => line !== '')
      .join('\n');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>` : '',
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    '  <generator>Lockstep</generator>',
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
