// Which messages name which symbols, across every thread in a build (for symbol pages).
import { type Candidate, findCandidates, pickIdentifiers } from './detect.ts';
import { resolveMention } from './link-segments.ts';
import { declaredVarTypes, isKnownName, type SymbolLookup, symbolKey } from './lookup.ts';

/** A message as the symbol pages need it. */
export interface MessageText {
  /** Thread slug (`ofa-general-2009-irq-lock-inversion`). */
  threadSlug: string;
  /** Thread title, for display. */
  threadTitle?: string;
  /** Message-ID without angle brackets. */
  messageId: string;
  /** Anchor of the message on the thread page (`m<sha1>`). */
  anchor: string;
  /** Message subject, for display. */
  subject?: string;
  /** Plain text body, quotes included. */
  body: string;
  /** The body's words (`bodyWords`), when the caller scans it against several lookups. */
  words?: ReadonlySet<string>;
  /** The body's scan (`scanBody`, kept by the caller), when the caller scans it against several lookups. */
  scanned?: () => ScannedBody;
}

/** What a body's mentions are read from, whatever the lookup: its identifier candidates and declared variables. */
export interface ScannedBody {
  candidates: readonly Candidate[];
  localTypes: Record<string, string>;
}

/** Scans a body's text for identifiers once (the lookups differ only in which names they know). */
export function scanBody(body: string): ScannedBody {
  return { candidates: findCandidates(body), localTypes: declaredVarTypes(body) };
}

/** One message that names a symbol. */
export interface SymbolMention {
  threadSlug: string;
  threadTitle?: string;
  messageId: string;
  anchor: string;
  subject?: string;
  /** How many times the message names it. */
  count: number;
}

/**
 * Scans message bodies once and returns, per symbol key, the messages naming it (in input order).
 * All messages are resolved against one lookup: call it once per kernel version with that version's threads.
 */
export function indexSymbolMentions(
  messages: MessageText[],
  lookup: SymbolLookup,
): Map<string, SymbolMention[]> {
  const out = new Map<string, SymbolMention[]>();
  const names = lookupNames(lookup);
  for (const message of messages) {
    if (!namesAny(message.words ?? bodyWords(message.body), names)) continue;
    const counts = new Map<string, number>();
    const { candidates, localTypes } = message.scanned?.() ?? scanBody(message.body);
    for (const mention of pickIdentifiers(candidates, { isKnown: (n) => isKnownName(lookup, n) })) {
      const def = resolveMention(mention, lookup, localTypes);
      if (!def) continue;
      const key = symbolKey(def);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) {
      const { body: _body, words: _words, scanned: _scanned, ...ref } = message;
      const list = out.get(key) ?? [];
      list.push({ ...ref, count });
      out.set(key, list);
    }
  }
  return out;
}

// Every name a mention can resolve to ends in a word of the text: a symbol's own name, or a field's
// name after `->`/`.`. A message with none of the version's names cannot mention any of its symbols,
// which skips the full identifier scan for most messages of a big archive (symbol facts cover a few
// hundred names per version).
const namesOfLookup = new WeakMap<SymbolLookup, Set<string>>();

/** The words a mention of one of the lookup's symbols must contain. */
function lookupNames(lookup: SymbolLookup): Set<string> {
  let names = namesOfLookup.get(lookup);
  if (!names) {
    names = new Set(lookup.byName.keys());
    for (const key of lookup.fields.keys()) names.add(key.slice(key.lastIndexOf('.') + 1));
    namesOfLookup.set(lookup, names);
  }
  return names;
}

/** The identifier-like words of a text, once, for scanning it against every version's names. */
export function bodyWords(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_]\w*/g));
}

/** True when one of `words` is one of `names` (walks the smaller set). */
function namesAny(words: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  const [small, large] = words.size <= names.size ? [words, names] : [names, words];
  for (const word of small) if (large.has(word)) return true;
  return false;
}
