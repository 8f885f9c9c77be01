// The seam between annotation folders and the lore cache (docs/knowledge-base.md, "Where the mail comes
// from"). The thread loader asks `loreMail(root)` for the mail of an annotated thread that no content root
// holds; the answer is the path of an mbox (plain or .gz) that holds the thread, or undefined.
//
// Not wired yet: the lore client (`npm run import -- --lore …`, issue 15) keeps its on-disk cache keyed
// by Message-ID; wiring it means making this function look the root up there (and, only when
// LOCKSTEP_FETCH=1, fetch it). Nothing else in the build changes: the loader, the t.mbox.gz writer and
// the page read whatever file this returns exactly as they read an imported thread.mbox.

/** Finds a cached mbox holding the thread whose first message is `root` (Message-ID without `<>`). */
export type LoreMail = (root: string) => Promise<string | undefined>;

/** Today's answer: no lore cache is consulted, so an annotation's mail comes only from content roots. */
export const loreMail: LoreMail = async () => undefined;
