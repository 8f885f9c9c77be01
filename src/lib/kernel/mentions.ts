// Which messages name which symbols, across every thread in a build (for symbol pages).
import { detectIdentifiers } from './detect.ts';
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
  for (const message of messages) {
    const counts = new Map<string, number>();
    const local = declaredVarTypes(message.body);
    for (const mention of detectIdentifiers(message.body, { isKnown: (n) => isKnownName(lookup, n) })) {
      const def = resolveMention(mention, lookup, local);
      if (!def) continue;
      const key = symbolKey(def);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) {
      const { body: _body, ...ref } = message;
      const list = out.get(key) ?? [];
      list.push({ ...ref, count });
      out.set(key, list);
    }
  }
  return out;
}
