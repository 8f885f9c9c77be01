// Archive indexes the way pipermail and lore readers expect them: per list, per month, with the
// messages ordered by thread, by date or by author.

/** One message as listed in an archive index. */
export interface IndexedMessage {
  list: string;
  slug: string;
  anchor: string;
  subject: string;
  author: string;
  /** ISO UTC instant, or '' when the message had no parseable date. */
  utc: string;
  /** Depth in its thread (thread order indents replies). */
  depth: number;
  /** Position in the thread's reading order. */
  position: number;
  /** Page of a long thread the message is on (1 when absent; lib/mail/pagination.ts). */
  page?: number;
}

/** The orderings offered for a month; `thread` is the default page. */
export const ORDERS = ['thread', 'date', 'author'] as const;
export type Order = (typeof ORDERS)[number];

/** Month key of a message (`2009-08`), or `undated`. */
export function monthOf(utc: string): string {
  return /^\d{4}-\d{2}/.test(utc) ? utc.slice(0, 7) : 'undated';
}

/** Groups messages by list, then by month; lists and months sorted (months newest first). */
export function groupByListMonth(
  messages: readonly IndexedMessage[],
): Map<string, Map<string, IndexedMessage[]>> {
  const lists = new Map<string, Map<string, IndexedMessage[]>>();
  for (const m of messages) {
    const months = lists.get(m.list) ?? new Map<string, IndexedMessage[]>();
    lists.set(m.list, months);
    const month = monthOf(m.utc);
    // Pushed, not copied: a month's list grew by a copy per message (quadratic in a busy month).
    const rows = months.get(month);
    if (rows) rows.push(m);
    else months.set(month, [m]);
  }
  const sorted = new Map([...lists.entries()].sort(([a], [b]) => a.localeCompare(b)));
  for (const [list, months] of sorted) {
    sorted.set(list, new Map([...months.entries()].sort(([a], [b]) => b.localeCompare(a))));
  }
  return sorted;
}

// The same orders as String#localeCompare gives (with no locale, and English ignoring case and
// accents for names), from one collator each: localeCompare with options builds a collator for every
// comparison, and sorting a month's rows three ways was a second of the bulk archive's build.
const defaultCollator = new Intl.Collator();
const authorCollator = new Intl.Collator('en', { sensitivity: 'base' });

/** Orders a month's messages: by thread (threads by first date, replies in reading order), date or author. */
export function orderMessages(messages: readonly IndexedMessage[], order: Order): IndexedMessage[] {
  const compare = defaultCollator.compare;
  const byDate = (a: IndexedMessage, b: IndexedMessage) =>
    compare(a.utc, b.utc) || compare(a.slug, b.slug) || a.position - b.position;
  if (order === 'date') return [...messages].sort(byDate);
  if (order === 'author') {
    const byName = authorCollator.compare;
    return [...messages].sort((a, b) => byName(a.author, b.author) || byDate(a, b));
  }
  const threadStart = new Map<string, string>();
  for (const m of messages) {
    const seen = threadStart.get(m.slug);
    if (seen === undefined || m.utc < seen) threadStart.set(m.slug, m.utc);
  }
  return [...messages].sort(
    (a, b) =>
      compare(threadStart.get(a.slug) ?? '', threadStart.get(b.slug) ?? '') ||
      compare(a.slug, b.slug) ||
      a.position - b.position,
  );
}
