// The C names a message gives the search's symbol filter: calls, member chains and struct names as
// written, without `&` or `()`, each with how often the message names it. The parse workers find them
// while they hold the body (loaders/page-data.ts), so the thread pages only add them up.
import { type Candidate, findCandidates, pickIdentifiers } from './detect.ts';

/** A message's symbols for the search filter: each name with its count, in order of first mention. */
export type SymbolCounts = Array<[name: string, count: number]>;

/** The symbols the text `text` (a message's shown text, lib/mail/thread-view.ts messageText) names. */
export function searchSymbols(text: string): SymbolCounts {
  return searchSymbolsOf(findCandidates(text));
}

/** The symbols of a text whose identifier candidates (`findCandidates`) are `candidates`. */
export function searchSymbolsOf(candidates: readonly Candidate[]): SymbolCounts {
  const counts = new Map<string, number>();
  for (const x of pickIdentifiers(candidates)) {
    if (x.kind !== 'call' && x.kind !== 'member' && x.kind !== 'struct') continue;
    const name = x.text.replace(/^&\s*/, '').replace(/\($/, '').replace(/\(\)$/, '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts];
}

/** Every mention in `counts`, repeated as often as it was made (what the facet's count reads). */
export function symbolMentions(counts: readonly SymbolCounts[]): string[] {
  return counts.flatMap((pairs) => pairs.flatMap(([name, n]) => Array<string>(n).fill(name)));
}
