// The seam between annotation folders and the lore cache (docs/knowledge-base.md, "Where the mail comes
// from"). The thread loader asks `loreMail(root)` for the mail of an annotated thread that no content root
// holds; the answer is the path of an mbox (plain or .gz) that holds the thread, or undefined.
//
// The answer comes from the lore client's on-disk cache (`npm run import -- --lore …`, docs/import.md),
// keyed by every Message-ID of each cached thread: no network by default; with LOCKSTEP_FETCH=1 a thread
// not in the cache is fetched from LOCKSTEP_LORE and cached. The loader, the t.mbox.gz writer and the
// page read the returned file (gzip mboxrd) exactly as they read an imported thread.mbox.
import { loreThreadForBuild } from '../importers/lore-client.ts';

/** Finds a cached mbox holding the thread whose first message is `root` (Message-ID without `<>`). */
export type LoreMail = (root: string) => Promise<string | undefined>;

/** The cached t.mbox.gz holding `root` (fetched first only when LOCKSTEP_FETCH=1), or undefined. */
export const loreMail: LoreMail = async (root) => (await loreThreadForBuild(root))?.file;
