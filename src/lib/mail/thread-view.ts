// The per-message record a thread page renders: parsed headers plus the body's block tree.

import { type BodyNode, parseBody } from './body-structure.ts';
import { messageAnchor } from './ids.ts';
import type { ParsedMessage } from './types.ts';

/** A message ready to render: headers, anchor and body structure. */
export interface MessageView extends Omit<ParsedMessage, 'body'> {
  /** Unique key inside the build (the Message-ID, or a suffixed form for a reused id). */
  key: string;
  /** `m<sha1>` anchor of the message. */
  anchor: string;
  /** The body as text (kept for search and identifier linking). */
  body: string;
  /** The body's block tree (quotes, paragraphs, code). */
  blocks: BodyNode[];
}

/** Builds the view of one message; pipermail text that lost its blank lines gets inferred paragraphs. */
export function toMessageView(message: ParsedMessage, key = message.messageId): MessageView {
  const lostLayout = message.source.kind === 'pipermail-text' && !/\n[ \t>]*\n/.test(message.body);
  return {
    ...message,
    key,
    anchor: messageAnchor(key),
    blocks: parseBody(message.body, { inferParagraphs: lostLayout }),
  };
}
