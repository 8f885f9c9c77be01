// Turns linked threading containers into the tree pages render, nested or flat with a thread
// skeleton (lore's form). Pure and iterative.

/** A threading container while links are being made (internal to threading.ts and this file). */
export interface Container {
  /** Message-ID (for copies: the shared id). */
  id: string;
  /** Unique key: the Message-ID, or `<Message-ID>#<n>` for the n-th message carrying it (n ≥ 2). */
  key: string;
  /** HTML anchor: `m` + SHA-1 of the id, plus `-d<n>` for the n-th copy; empty for ghosts. */
  anchor: string;
  /** Input position, or -1 for a ghost (an id cited but not present). */
  index: number;
  /** 1 for the first message with this id, n for the n-th. */
  copy: number;
  /** For copies: the container of the first message with the id. */
  original: Container | null;
  parent: Container | null;
  /** Joined to its parent by subject, not by headers. */
  bySubject: boolean;
}

/** One node of a thread tree. */
export interface ThreadNode {
  /** Unique, stable key (see Container.key). */
  key: string;
  /** The Message-ID (shared by copies). */
  messageId: string;
  /** HTML anchor for the message; empty for ghosts. */
  anchor: string;
  /** True for a missing message that others cite (shown only because it has replies). */
  ghost: boolean;
  /** Position of the message in the threading input; null for ghosts. */
  index: number | null;
  /** 1 for the first message with this Message-ID, n for the n-th copy. */
  copy: number;
  /** True when placed by subject fallback rather than threading headers. */
  bySubject: boolean;
  /** Replies, ordered by date then input position. */
  children: ThreadNode[];
}

/** One thread: a connected set of messages, as one or more root trees. */
export interface Thread {
  /** Key of the first root (stable across identical imports). */
  key: string;
  /** Root nodes, ordered by date then input position (several when parents are missing). */
  roots: ThreadNode[];
  /** Number of real messages (ghosts excluded). */
  size: number;
  /** Smallest input position in the thread (arrival order of threads). */
  first: number;
}

/** One row of the flat view. */
export interface FlatRow {
  node: ThreadNode;
  /** Nesting depth, roots at 0. */
  depth: number;
  /** ASCII tree drawing before the row (`| `, `  `, `|-`, `` `- ``), empty for roots. */
  skeleton: string;
}

interface Draft {
  node: ThreadNode;
  sortKey: string;
  minIndex: number;
}

function indexKey(i: number): string {
  return String(i).padStart(10, '0');
}

/** Builds threads from linked containers; `componentOf` names the thread each container belongs to. */
export function buildThreads(
  containers: readonly Container[],
  componentOf: (c: Container) => string,
  dateOf: (index: number) => string | undefined = () => undefined,
): Thread[] {
  const drafts = new Map<Container, Draft>();
  for (const c of containers) {
    const ghost = c.index < 0;
    const date = ghost ? undefined : dateOf(c.index);
    drafts.set(c, {
      node: {
        key: c.key,
        messageId: c.id,
        anchor: ghost ? '' : c.anchor,
        ghost,
        index: ghost ? null : c.index,
        copy: c.copy,
        bySubject: c.bySubject,
        children: [],
      },
      sortKey: ghost ? '\uffff' : `${date ?? '9999'}|${indexKey(c.index)}`,
      minIndex: ghost ? Number.MAX_SAFE_INTEGER : c.index,
    });
  }
  const childrenOf = new Map<Container, Container[]>();
  const roots = new Map<string, Container[]>();
  for (const c of containers) {
    if (c.parent) {
      const list = childrenOf.get(c.parent);
      if (list) list.push(c);
      else childrenOf.set(c.parent, [c]);
    } else {
      const comp = componentOf(c);
      const list = roots.get(comp);
      if (list) list.push(c);
      else roots.set(comp, [c]);
    }
  }
  const threads: Thread[] = [];
  for (const rootList of roots.values()) {
    const kept = rootList.map((r) => finish(r, childrenOf, drafts)).filter((d) => d !== null);
    if (kept.length === 0) continue;
    kept.sort(compareDrafts);
    const size = kept.reduce((n, d) => n + countMessages(d.node), 0);
    const first = Math.min(...kept.map((d) => d.minIndex));
    threads.push({ key: (kept[0] as Draft).node.key, roots: kept.map((d) => d.node), size, first });
  }
  threads.sort((a, b) => a.first - b.first);
  return threads;
}

function compareDrafts(a: Draft, b: Draft): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.minIndex - b.minIndex;
}

/**
 * Post-order walk from a root: attaches children (sorted), drops ghosts left without children,
 * and gives each ghost the sort key of its earliest reply. Returns null when the root is dropped.
 */
function finish(root: Container, childrenOf: Map<Container, Container[]>, drafts: Map<Container, Draft>) {
  const stack: { c: Container; visited: boolean }[] = [{ c: root, visited: false }];
  const kept = new Set<Container>();
  while (stack.length > 0) {
    const top = stack.pop() as { c: Container; visited: boolean };
    const kids = childrenOf.get(top.c) ?? [];
    if (!top.visited) {
      stack.push({ c: top.c, visited: true });
      for (const k of kids) stack.push({ c: k, visited: false });
      continue;
    }
    const draft = drafts.get(top.c) as Draft;
    const children = kids.filter((k) => kept.has(k)).map((k) => drafts.get(k) as Draft);
    children.sort(compareDrafts);
    draft.node.children = children.map((d) => d.node);
    if (draft.node.ghost) {
      if (children.length === 0) continue;
      draft.sortKey = (children[0] as Draft).sortKey;
    }
    draft.minIndex = Math.min(draft.minIndex, ...children.map((d) => d.minIndex));
    kept.add(top.c);
  }
  return kept.has(root) ? (drafts.get(root) as Draft) : null;
}

function countMessages(root: ThreadNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ThreadNode;
    if (!node.ghost) n++;
    stack.push(...node.children);
  }
  return n;
}

/**
 * Deepest level whose skeleton drawing is grown. Past it the prefix stops growing (pages show the
 * depth number instead), so each row costs O(1) and a 10,000-deep chain costs O(n), not O(n²).
 */
export const MAX_DRAWN_DEPTH = 40;

/** The flat view: every node in reading order (depth-first) with its depth and skeleton drawing. */
export function flattenThread(thread: Thread): FlatRow[] {
  const rows: FlatRow[] = [];
  const stack: { node: ThreadNode; depth: number; prefix: string; last: boolean }[] = [];
  for (let i = thread.roots.length - 1; i >= 0; i--) {
    stack.push({ node: thread.roots[i] as ThreadNode, depth: 0, prefix: '', last: true });
  }
  while (stack.length > 0) {
    const { node, depth, prefix, last } = stack.pop() as (typeof stack)[number];
    rows.push({ node, depth, skeleton: depth === 0 ? '' : `${prefix}${last ? '`-' : '|-'}` });
    const childPrefix = depth === 0 || depth >= MAX_DRAWN_DEPTH ? prefix : `${prefix}${last ? '  ' : '| '}`;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i] as ThreadNode;
      stack.push({
        node: child,
        depth: depth + 1,
        prefix: childPrefix,
        last: i === node.children.length - 1,
      });
    }
  }
  return rows;
}

/** Input positions of a thread's real messages in reading order (flat view order). */
export function threadMessageIndexes(thread: Thread): number[] {
  return flattenThread(thread)
    .map((r) => r.node.index)
    .filter((i) => i !== null);
}
