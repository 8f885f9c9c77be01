// The links between quotes and what they quote on a thread page (lib/mail/quote-sources.ts finds them,
// in the parse workers):
// per quoting message, its quotes by paragraph number; per quoted message, where it was answered.
import type { QuoteSource } from '../../lib/mail/quote-sources.ts';
import type { ShownMessage } from '../../lib/mail/thread-view.ts';

/** A link to a message (and paragraph) of the thread, with who wrote it and when. */
export interface QuoteLink {
  href: string;
  label: string;
}

/** Who and when, as the links read ("Jason Gunthorpe, 2022-04-12"). */
function who(m: ShownMessage): string {
  return `${m.from.name || m.from.address}${m.date ? `, ${m.date.utc.slice(0, 10)}` : ''}`;
}

/**
 * Quote links (message key → first paragraph of the quote → its source) and answers (message key →
 * replies quoting it), from the thread's quote sources (found by the parse workers: ThreadBodies).
 */
export function quoteNavigation(
  messages: readonly ShownMessage[],
  sources: readonly QuoteSource[],
  hrefOf: (m: ShownMessage, fragment: string) => string = (_m, fragment) => `#${fragment}`,
): {
  quoteLinks: Map<string, Record<number, QuoteLink>>;
  answers: Map<string, QuoteLink[]>;
} {
  const byKey = new Map(messages.map((m) => [m.key, m]));
  const quoteLinks = new Map<string, Record<number, QuoteLink>>();
  const answers = new Map<string, QuoteLink[]>();
  for (const s of sources) {
    const from = byKey.get(s.from);
    const source = byKey.get(s.source);
    if (!from || !source) continue;
    const links = quoteLinks.get(s.from) ?? {};
    links[s.quote] = { href: hrefOf(source, `${source.anchor}-p${s.paragraph}`), label: who(source) };
    quoteLinks.set(s.from, links);
    // One answer per replying message: its first quote of this one.
    const list = answers.get(s.source) ?? [];
    const href = hrefOf(from, `${from.anchor}-p${s.quote}`);
    if (!list.some((a) => a.href.includes(`#${from.anchor}-`))) list.push({ href, label: who(from) });
    answers.set(s.source, list);
  }
  return { quoteLinks, answers };
}
