import type { SymbolCounts } from '../lib/kernel/search-symbols.ts';
import type { LockdepReport } from '../lib/lockdep/types.ts';
import type { BodyNode } from '../lib/mail/body-structure.ts';
import type { FoldedRest } from '../lib/mail/pagination.ts';
import type { QuoteSource } from '../lib/mail/quote-sources.ts';
import type { ShownMessage, SkeletonRow } from '../lib/mail/thread-view.ts';
import type { AttachmentInfo } from '../lib/mail/types.ts';

/** A lockdep report found in a message, with its lines as they appear in the mail. */
export interface FoundReport extends LockdepReport {
  /** The report's lines, quote markers and timestamps included (shown in the raw view). */
  raw: string;
}

/**
 * A message ready to render: the view (headers, place, body blocks) plus the lockdep reports found in it.
 * Where the message came from (its source file and position) is the loader's business only.
 */
export interface ThreadMessage extends ShownMessage {
  /** Lockdep reports ("splats") in the body and text attachments, in order. */
  reports: FoundReport[];
  /** Page of the thread's flat and nested views the message is on (1-based; lib/mail/pagination.ts). */
  page: number;
  /** What was left out of a huge body (its raw view has it all); absent when shown whole. */
  folded?: FoldedRest;
  /**
   * The symbols its shown text names for the search filter (lib/kernel/search-symbols.ts), found by the
   * parse workers; absent on a message made otherwise, whose page finds them itself.
   */
  symbols?: SymbolCounts;
  /**
   * The identifier tokens its page hides for the search index (lib/search/identifiers.ts), found
   * by the parse workers; absent on a message made otherwise, whose page finds them itself.
   */
  searchTokens?: string[];
}

/**
 * What a thread's message file keeps per message (src/loaders/thread-bodies.ts), which every list, index
 * and feed page reads: everything but the body, the recipients, the references, the two header forms
 * only a shown message needs (the raw Subject, for replies; the list's address) and the search symbols
 * and tokens its page gives the index. Those live in the thread's body file, read only by the pages that
 * show a message (a list's long Cc lines were a third of the headers; the raw Subject, equal to the
 * Subject on all but a handful of messages, and the list's address on every message another tenth; the
 * search symbols were half of the bulk archive's message files, 8 of 17 MB parsed by every build).
 */
export type StoredMessage = Omit<
  ThreadMessage,
  'blocks' | 'attachments' | 'folded' | 'searchTokens' | 'symbols' | BodyHeader
>;

/** The headers of a message that its thread's body file holds rather than its message file. */
export const BODY_HEADERS = ['to', 'cc', 'references', 'rawSubject', 'listAddress'] as const;

/** One of BODY_HEADERS. */
export type BodyHeader = (typeof BODY_HEADERS)[number];

/** The body half of a message, as the thread's body file holds it (same order as the stored messages). */
export interface MessageBody extends Pick<ThreadMessage, BodyHeader | 'searchTokens' | 'symbols'> {
  blocks: BodyNode[];
  attachments: AttachmentInfo[];
  folded?: FoldedRest;
}

/**
 * A thread's body file: its skeleton (shown on its pages only), its messages' bodies in order, and the
 * sources of their quotes (found by the parse workers, from the bodies as shown).
 */
export interface ThreadBodies {
  rows: SkeletonRow[];
  messages: MessageBody[];
  quotes: QuoteSource[];
}
