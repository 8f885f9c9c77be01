// Where a quoted passage comes from: the earlier message of the thread (and its paragraph) whose own
// text holds every substantial line of the quote. Exact on purpose: a quote that matches no message,
// or the own text of several (a re-posted patch) with none of them the reply's parent, gets no link.

import type { BodyNode, QuoteBlock, TextBlock } from './body-structure.ts';

/** A message as the matcher reads it. */
export interface QuotingMessage {
  /** Unique key in the thread (the Message-ID, or its copy key). */
  key: string;
  /** The body's block tree (paragraphs numbered `n`, quotes nested). */
  blocks: BodyNode[];
  /** Keys of the message's parent in the thread (In-Reply-To / last Reference), when known. */
  parent?: string | null;
  /** Sent date, ISO UTC; a message is never matched against one sent after it. */
  utc?: string;
}

/** A thread's message as the matcher reads it: its parent is what it replies to (In-Reply-To, else the last Reference). */
export function quotingMessage(m: {
  key: string;
  blocks: BodyNode[];
  inReplyTo: readonly string[];
  references: readonly string[];
  date?: { utc: string } | null | undefined;
}): QuotingMessage {
  return {
    key: m.key,
    blocks: m.blocks,
    parent: m.inReplyTo[0] ?? m.references.at(-1) ?? null,
    ...(m.date ? { utc: m.date.utc } : {}),
  };
}

/** One quote whose source was found. */
export interface QuoteSource {
  /** The quoting message. */
  from: string;
  /** Paragraph number (`n`) of the quote's first text block in the quoting message: its anchor. */
  quote: number;
  /** The quoted message. */
  source: string;
  /** Paragraph number in the quoted message where the quoted text starts. */
  paragraph: number;
}

/** Quoted text shorter than this ("Hi,", "Thanks", "Yes.") says nothing about where it came from. */
const MIN_PIECE = 16;
/** How a quoter marks a cut inside a quote: the text on either side is matched separately. */
const ELISION = /\[\s*(?:\.\.\.|…|snip)\s*\]|<\s*snip\s*>|\.\.\.|…/i;

// White space is collapsed: mail clients re-wrap and re-indent quoted lines.
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The message's own text (no quotes), collapsed, with where each paragraph starts in it. */
function ownText(blocks: BodyNode[]): { text: string; starts: { at: number; n: number }[] } {
  let text = '';
  const starts: { at: number; n: number }[] = [];
  for (const block of blocks) {
    if (block.kind === 'quote' || block.kind === 'signature') continue;
    const piece = collapse(block.lines.join(' '));
    if (piece === '') continue;
    if (text !== '') text += ' ';
    starts.push({ at: text.length, n: block.n });
    text += piece;
  }
  return { text, starts };
}

/** Every quote of a tree at any depth, with its own direct text blocks. */
function quotesOf(nodes: BodyNode[]): QuoteBlock[] {
  const out: QuoteBlock[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as BodyNode;
    if (node.kind !== 'quote') continue;
    out.push(node);
    stack.push(...[...node.children].reverse());
  }
  return out;
}

/** The substantial pieces of a quote's own lines (nested quotes are matched on their own). */
function piecesOf(quote: QuoteBlock): string[] {
  return quote.children
    .filter((c): c is TextBlock => c.kind !== 'quote' && c.kind !== 'signature')
    .flatMap((c) => collapse(c.lines.join(' ')).split(ELISION))
    .map((p) => p.trim())
    .filter((p) => p.length >= MIN_PIECE);
}

/**
 * Finds the source of every quote in a thread. Candidates are the thread's other messages not sent
 * after the quoting one; a quote matches a candidate when each of its substantial pieces occurs in
 * the candidate's own text. One match is the source; several are resolved only when the quoting
 * message's parent is one of them (the mail client quoted what the reply answers); else no source.
 */
export function findQuoteSources(messages: readonly QuotingMessage[]): QuoteSource[] {
  const own = new Map(messages.map((m) => [m.key, ownText(m.blocks)]));
  const out: QuoteSource[] = [];
  for (const message of messages) {
    const candidates = messages.filter(
      (c) => c.key !== message.key && !(c.utc && message.utc && c.utc > message.utc),
    );
    for (const quote of quotesOf(message.blocks)) {
      const first = quote.children.find((c): c is TextBlock => c.kind !== 'quote');
      const pieces = piecesOf(quote);
      if (!first || pieces.length === 0) continue;
      const holds = (c: QuotingMessage) => {
        const text = own.get(c.key)?.text ?? '';
        return pieces.every((p) => text.includes(p));
      };
      // The parent is the source whenever it holds the quote (alone, or as the tie-break), so it is
      // tried first: most quotes are of it, and the other messages need not be read. Otherwise the
      // source is the one other message that holds it; the search stops at a second.
      const parent = candidates.find((c) => message.parent && c.key === message.parent);
      let source = parent && holds(parent) ? parent : undefined;
      if (!source) {
        const matches: QuotingMessage[] = [];
        for (const c of candidates) if (c !== parent && holds(c) && matches.push(c) > 1) break;
        source = matches.length === 1 ? matches[0] : undefined;
      }
      if (!source) continue;
      const { text, starts } = own.get(source.key) as ReturnType<typeof ownText>;
      const at = text.indexOf(pieces[0] as string);
      const paragraph = starts.filter((s) => s.at <= at).at(-1)?.n ?? starts[0]?.n ?? 1;
      out.push({ from: message.key, quote: first.n, source: source.key, paragraph });
    }
  }
  return out;
}
