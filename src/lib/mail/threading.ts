// JWZ threading (https://www.jwz.org/doc/threading.html) hardened for real archives, after
// public-inbox's SearchThread.pm. Pure and iterative (no recursion, so a 10,000-deep chain is fine).
// The full edge-case contract is in docs/threading.md; in short:
//  - a thread is a connected component of messages and the ids they cite (ghosts included);
//  - inside it, References are linked pairwise in order, first link wins, never creating a loop;
//    then each message's own last parent id (In-Reply-To, else last Reference) overrides;
//  - a cited id with no message is a ghost container, kept only while it has children;
//  - a message reusing a Message-ID is kept beside the original as its own node (key `id#n`);
//  - subject fallback (mode `auto`) only runs when no input message has any parent id at all.

import { messageAnchor } from './ids.ts';
import { parentChain } from './message-ids.ts';
import { normalizeSubject } from './subject.ts';
import { buildThreads, type Container, type Thread } from './thread-tree.ts';

export type { FlatRow, Thread, ThreadNode } from './thread-tree.ts';
export { flattenThread, threadMessageIndexes } from './thread-tree.ts';

/** The fields threading reads from a message (a ParsedMessage fits). */
export interface ThreadInput {
  messageId: string;
  references: readonly string[];
  inReplyTo: readonly string[];
  subject?: string;
  date?: { utc: string } | null;
}

/** Threading options. */
export interface ThreadOptions {
  /**
   * Subject fallback: `auto` (default) joins by subject only when no input message carries any
   * parent id (pipermail pages); `always` applies it to every message without parent ids; `never` skips it.
   */
  subjectFallback?: 'auto' | 'always' | 'never';
}

/** Union-find over container ids, for thread membership. */
class Components {
  private readonly up = new Map<string, string>();

  find(x: string): string {
    let root = x;
    for (let next = this.up.get(root); next !== undefined && next !== root; next = this.up.get(root))
      root = next;
    // Path compression keeps later finds short.
    for (let cur = x; cur !== root; ) {
      const next = this.up.get(cur) as string;
      this.up.set(cur, root);
      cur = next;
    }
    if (!this.up.has(root)) this.up.set(root, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.up.set(rb, ra);
  }
}

/** True when `a` is `b` or one of its ancestors (walking parent links upward). */
function isAncestorOrSelf(a: Container, b: Container): boolean {
  for (let c: Container | null = b; c !== null; c = c.parent) if (c === a) return true;
  return false;
}

/** Threads messages (given in arrival order) into trees; every input index appears exactly once. */
export function threadMessages(messages: readonly ThreadInput[], options: ThreadOptions = {}): Thread[] {
  const byId = new Map<string, Container>();
  const containers: Container[] = [];
  // Containers that have a child. A leaf cannot be an ancestor of anything, so linking it needs no
  // walk up the parent chain: arrival-order chains then link in constant time (linear overall).
  const hasChild = new Set<Container>();
  const link = (child: Container, parent: Container) => {
    child.parent = parent;
    hasChild.add(parent);
  };
  const wouldLoop = (child: Container, parent: Container) =>
    child === parent || (hasChild.has(child) && isAncestorOrSelf(child, parent));
  const getContainer = (id: string): Container => {
    let c = byId.get(id);
    if (!c) {
      c = { id, key: id, anchor: '', index: -1, copy: 1, original: null, parent: null, bySubject: false };
      byId.set(id, c);
      containers.push(c);
    }
    return c;
  };
  const chains: string[][] = [];
  const own: Container[] = [];
  const copies = new Map<string, number>();
  // Pass 1: one container per message (copies of an id get their own), References linked in order.
  messages.forEach((m, i) => {
    const chain = parentChain(m.messageId, m.references, m.inReplyTo);
    chains.push(chain);
    let c = getContainer(m.messageId);
    if (c.index >= 0) {
      const copy = (copies.get(m.messageId) ?? 1) + 1;
      copies.set(m.messageId, copy);
      const original = c;
      c = { ...original, key: `${m.messageId}#${copy}`, index: i, copy, original, parent: null };
      containers.push(c);
    } else {
      c.index = i;
    }
    c.anchor = messageAnchor(m.messageId) + (c.copy > 1 ? `-d${c.copy}` : '');
    own.push(c);
    for (let k = 0; k + 1 < chain.length; k++) {
      const parent = getContainer(chain[k] as string);
      const child = getContainer(chain[k + 1] as string);
      if (child.parent === null && !wouldLoop(child, parent)) link(child, parent);
    }
  });
  // Pass 2: a message's own headers name its direct parent; they win over other messages' References.
  own.forEach((c, i) => {
    const last = (chains[i] as string[]).at(-1);
    if (last === undefined) return;
    const parent = getContainer(last);
    // Usually pass 1 already made this very link; checking again would walk the whole chain.
    if (c.parent !== parent && !wouldLoop(c, parent)) link(c, parent);
  });
  // Copies without parent ids of their own sit beside the original.
  for (const c of own) {
    if (c.original && c.parent === null && c.original.parent !== null) link(c, c.original.parent);
  }
  const components = new Components();
  messages.forEach((m, i) => {
    for (const id of chains[i] as string[]) components.union(m.messageId, id);
  });
  const mode = options.subjectFallback ?? 'auto';
  const useSubjects = mode === 'always' || (mode === 'auto' && chains.every((c) => c.length === 0));
  if (useSubjects) joinBySubject(messages, own, chains, components);
  return buildThreads(
    containers,
    (c) => components.find(c.id),
    (i) => messages[i]?.date?.utc,
  );
}

/**
 * Subject fallback, the rule counts.json uses: each component's root is its earliest message
 * without parent ids (else its earliest message); a message without parent ids whose normalised
 * subject is non-empty and equals the root subject of an earlier-arriving component joins that one.
 */
function joinBySubject(
  messages: readonly ThreadInput[],
  own: Container[],
  chains: string[][],
  components: Components,
): void {
  const rootOf = new Map<string, number>();
  const headerless = (i: number) => (chains[i] as string[]).length === 0;
  messages.forEach((m, i) => {
    const comp = components.find(m.messageId);
    const current = rootOf.get(comp);
    if (current === undefined || (!headerless(current) && headerless(i))) rootOf.set(comp, i);
  });
  const firstBySubject = new Map<string, { comp: string; root: number }>();
  const firstArrival = new Map<string, number>();
  messages.forEach((m, i) => {
    const comp = components.find(m.messageId);
    if (!firstArrival.has(comp)) firstArrival.set(comp, i);
  });
  const order = [...rootOf.entries()].sort(
    (a, b) => (firstArrival.get(a[0]) as number) - (firstArrival.get(b[0]) as number),
  );
  for (const [comp, root] of order) {
    const subject = normalizeSubject(messages[root]?.subject ?? '');
    if (subject && !firstBySubject.has(subject)) firstBySubject.set(subject, { comp, root });
  }
  const joins: { i: number; target: { comp: string; root: number } }[] = [];
  messages.forEach((m, i) => {
    if (!headerless(i)) return;
    const subject = normalizeSubject(m.subject ?? '');
    const target = subject ? firstBySubject.get(subject) : undefined;
    if (target && target.comp !== components.find(m.messageId)) joins.push({ i, target });
  });
  for (const { i, target } of joins) {
    const c = own[i] as Container;
    const rootContainer = own[target.root] as Container;
    components.union(target.comp, (messages[i] as ThreadInput).messageId);
    if (c.parent === null && !isAncestorOrSelf(c, rootContainer)) {
      c.parent = rootContainer;
      c.bySubject = true;
    }
  }
}
