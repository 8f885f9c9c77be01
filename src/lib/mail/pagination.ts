// Long threads and huge messages at archive scale: a thread's reading order is cut into pages of a
// bounded amount of text, and a message too big for any page shows its head with the rest folded away
// to its raw view. Pages stay near lore's size (its largest thread page is about 1 MB) whatever the
// list posts: 100-patch series, 2 MB mails, 10,000-line logs.

import type { BodyNode } from './body-structure.ts';

/**
 * Characters of message text on one page. A patch-heavy thread page weighs up to about 3.3 times its
 * text (message headers with their send-email commands, paragraph anchors, quote folds, diff line
 * spans; measured on the 15k-message locking mbox), so this keeps every page under 3 MB uncompressed
 * and far under 1.5 MB served; a typical thread (a few dozen messages) stays on one page.
 */
export const PAGE_TEXT_BUDGET = 600_000;

/**
 * What a message costs a page besides its text, counted as characters of text: its header (sender,
 * recipients, the b4 and git send-email commands) runs to about 5 KB of markup on a long Cc list, so a
 * page of many short messages fills up before its text does.
 */
export const MESSAGE_MARKUP_CHARS = 2_500;

/** Characters of one message shown in full; past this the rest is folded (see foldBody). */
export const MESSAGE_TEXT_BUDGET = 500_000;

/** Characters of text in a body (every line plus its newline, quotes included). */
export function bodyTextSize(nodes: readonly BodyNode[]): number {
  let size = 0;
  for (const node of nodes) {
    if (node.kind === 'quote') size += bodyTextSize(node.children);
    else for (const line of node.lines) size += line.length + 1;
  }
  return size;
}

/**
 * The page (1-based) of each message, in reading order: messages fill a page until the next one would
 * pass the budget. A message is never split, so one bigger than the budget has a page of its own.
 */
export function paginate(sizes: readonly number[], budget: number = PAGE_TEXT_BUDGET): number[] {
  const pages: number[] = [];
  let page = 1;
  let used = 0;
  for (const size of sizes) {
    if (used > 0 && used + size > budget) {
      page += 1;
      used = 0;
    }
    pages.push(page);
    used += size;
  }
  return pages;
}

/** What folding left out of a message: lines and characters, shown with a link to the raw view. */
export interface FoldedRest {
  lines: number;
  chars: number;
}

/**
 * The body cut to `budget` characters: whole blocks while they fit, then the first lines of the block
 * that does not (so a giant log still shows its start), and nothing after. Returns the body unchanged
 * and `folded: null` when it fits.
 */
export function foldBody(
  nodes: readonly BodyNode[],
  budget: number = MESSAGE_TEXT_BUDGET,
): { nodes: BodyNode[]; folded: FoldedRest | null } {
  const total = bodyTextSize(nodes);
  if (total <= budget) return { nodes: [...nodes], folded: null };
  let left = budget;
  let keptLines = 0;
  const cut = (list: readonly BodyNode[]): BodyNode[] => {
    const out: BodyNode[] = [];
    for (const node of list) {
      if (left <= 0) break;
      if (node.kind === 'quote') {
        const children = cut(node.children);
        if (children.length > 0) out.push({ ...node, children });
        continue;
      }
      const lines: string[] = [];
      for (const line of node.lines) {
        if (line.length + 1 > left) {
          // A line longer than what is left (a 2 MB line without breaks) shows its start, so the
          // budget is spent on text even when the giant line follows a few short ones.
          if (left > 0) lines.push(line.slice(0, left));
          left = 0;
          break;
        }
        lines.push(line);
        left -= line.length + 1;
      }
      keptLines += lines.length;
      out.push({ ...node, lines });
    }
    return out;
  };
  const kept = cut(nodes);
  const allLines = countLines(nodes);
  return {
    nodes: kept,
    folded: { lines: allLines - keptLines, chars: total - bodyTextSize(kept) },
  };
}

function countLines(nodes: readonly BodyNode[]): number {
  let n = 0;
  for (const node of nodes) n += node.kind === 'quote' ? countLines(node.children) : node.lines.length;
  return n;
}

/** Path of one page of a thread's flat (or nested) view: `/threads/<slug>/`, `/threads/<slug>/2/`, `/threads/<slug>/nested/2/`. */
export function threadPagePath(slug: string, page = 1, nested = false): string {
  return `/threads/${slug}/${nested ? 'nested/' : ''}${page > 1 ? `${page}/` : ''}`;
}

/** The thread route's rest parameter for a page of a view (`undefined` for the flat view's first page). */
export function threadViewParam(page: number, nested: boolean): string | undefined {
  const rest = threadPagePath('', page, nested).slice('/threads//'.length, -1);
  return rest === '' ? undefined : rest;
}

/**
 * Link to a message (or one of its paragraphs, `fragment`) from anywhere: its page's path and the anchor.
 * From a page of the same thread (`here`), a message on that page is linked by its fragment alone.
 */
export function messageHref(
  slug: string,
  message: { anchor: string; page?: number },
  fragment: string = message.anchor,
  here?: { page: number; nested: boolean },
): string {
  const page = message.page ?? 1;
  if (here && here.page === page) return `#${fragment}`;
  return `${threadPagePath(slug, page, here?.nested ?? false)}#${fragment}`;
}
