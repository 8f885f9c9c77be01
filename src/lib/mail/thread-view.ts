// The per-message record a thread page renders: parsed headers plus the body's block tree,
// and the thread's reading order (flat rows with lore's skeleton, or depths for the nested view).

import { type BodyNode, capQuoteDepth, parseBody, textBlocks } from './body-structure.ts';
import { messageAnchor } from './ids.ts';
import { flattenThread, threadMessages } from './threading.ts';
import type { ParsedMessage } from './types.ts';

/**
 * A message ready to render: headers, anchor and body structure. The body text itself is not kept
 * (the blocks hold every line; see messageText), which halves what a big build stores.
 */
export interface MessageView extends Omit<ParsedMessage, 'body' | 'raw'> {
  /** Unique key inside the thread (the Message-ID, or `<id>#<n>` for the n-th copy of a reused id). */
  key: string;
  /** `m<sha1>` anchor of the message (`-d<n>` appended for copies). */
  anchor: string;
  /** The body's block tree (quotes, paragraphs, code). */
  blocks: BodyNode[];
  /** Nesting depth in the thread tree (0 for a root). */
  depth: number;
  /** Position of the message in the folder's sources (to find its original body). */
  sourceIndex: number;
}

/** A message as pages show it: its view without where it came from (a source file and position, which
 * only the loader uses and the thread's files do not keep). */
export type ShownMessage = Omit<MessageView, 'source' | 'sourceIndex'>;

/** One line of the thread skeleton: a message or a ghost (a cited message that is missing). */
export interface SkeletonRow {
  key: string;
  /** Anchor of the message; empty for ghosts. */
  anchor: string;
  ghost: boolean;
  depth: number;
  /** lore-style tree drawing (`|-`, `` `- ``) before the subject. */
  skeleton: string;
  /** Message-ID (for ghosts: the id cited). */
  messageId: string;
}

/** A thread in reading order: the skeleton and the messages with their depth. */
export interface ThreadView {
  rows: SkeletonRow[];
  messages: MessageView[];
}

/** Builds the view of one message; pipermail text that lost its blank lines gets inferred paragraphs. */
export function toMessageView(
  message: ParsedMessage,
  place: { key?: string; anchor?: string; depth?: number; sourceIndex?: number } = {},
): MessageView {
  const lostLayout = message.source.kind === 'pipermail-text' && !/\n[ \t>]*\n/.test(message.body);
  const key = place.key ?? message.messageId;
  const { body: _body, raw: _raw, ...headers } = message;
  return {
    ...headers,
    key,
    anchor: place.anchor ?? messageAnchor(key),
    depth: place.depth ?? 0,
    sourceIndex: place.sourceIndex ?? 0,
    blocks: capQuoteDepth(parseBody(message.body, { inferParagraphs: lostLayout })),
  };
}

/** Threads a folder's messages (JWZ) and returns them in flat reading order with the skeleton. */
export function buildThreadView(messages: readonly ParsedMessage[]): ThreadView {
  const rows: SkeletonRow[] = [];
  const views: MessageView[] = [];
  for (const thread of threadMessages(messages)) {
    for (const { node, depth, skeleton } of flattenThread(thread)) {
      rows.push({
        key: node.key,
        anchor: node.anchor,
        ghost: node.ghost,
        depth,
        skeleton,
        messageId: node.messageId,
      });
      if (node.index === null) continue;
      const message = messages[node.index] as ParsedMessage;
      views.push(
        toMessageView(message, { key: node.key, anchor: node.anchor, depth, sourceIndex: node.index }),
      );
    }
  }
  return { rows, messages: views };
}

/** The message's text, quote markers removed, one line per body line (for search and identifier scans). */
export function messageText(message: Pick<MessageView, 'blocks'>): string {
  return textBlocks(message.blocks)
    .map((block) => `${block.lines.join('\n')}\n`)
    .join('\n');
}
