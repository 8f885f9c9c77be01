// Long threads go into the search index as several documents ("parts") of consecutive messages.
// Pagefind hands the whole text of a matching page to the browser to cut excerpts from it: for a
// 100-message patch thread that is 300 KB to download and scan per result. Parts keep each result
// small, while every part still links to the one thread page (its `url` meta, see SearchFacets).
//
// The thread page writes a mark before each message (with the size of the text it indexes) and one
// after the last; mail text is escaped when rendered, so a mark cannot come from a message.

const MARK_OPEN = '<!--ls:message ';
const MARK_CLOSE = '-->';
/** Written after a thread page's last message. */
export const MESSAGES_END_MARK = '<!--ls:messages-end-->';

/** The mark written before a message that indexes about `size` characters of text. */
export function messageMark(size: number): string {
  return `${MARK_OPEN}${Math.max(0, Math.round(size))}${MARK_CLOSE}`;
}

/** One document for the search index: the URL Pagefind records it under, and its HTML. */
export interface IndexDocument {
  url: string;
  html: string;
}

/** The index URL of part `n` (from 2) of the page at `url`; part 1 keeps the page's own URL. */
export function partUrl(url: string, n: number): string {
  return `${url}?part=${n}`;
}

/**
 * Splits a marked thread page into documents of consecutive messages holding about `budget`
 * characters of indexed text each (a larger message stays whole, alone). Every document keeps the
 * page around the messages (head, thread header, search metadata). A page without marks, or that
 * fits the budget, comes back as one document.
 */
export function splitIndexDocuments(html: string, url: string, budget: number): IndexDocument[] {
  const start = html.indexOf(MARK_OPEN);
  const end = html.indexOf(MESSAGES_END_MARK, start);
  if (start < 0 || end < 0) return [{ url, html }];
  const lead = html.slice(0, start);
  const tail = html.slice(end);
  const groups: string[][] = [];
  let size = 0;
  for (const piece of html.slice(start, end).split(MARK_OPEN).slice(1)) {
    const messageSize = Number.parseInt(piece, 10) || 0;
    const current = groups.at(-1);
    if (!current || (size + messageSize > budget && current.length > 0)) {
      groups.push([]);
      size = 0;
    }
    (groups.at(-1) as string[]).push(MARK_OPEN + piece);
    size += messageSize;
  }
  if (groups.length <= 1) return [{ url, html }];
  return groups.map((group, i) => ({
    url: i === 0 ? url : partUrl(url, i + 1),
    html: lead + group.join('') + tail,
  }));
}
