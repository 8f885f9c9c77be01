// Which thread page each folder becomes, and where each page's mail comes from. A folder with mail
// (`sources`) and no annotation is a page of its own. An annotation folder (`root:` and usually no mail)
// becomes the page of its thread, and the mail joins by Message-ID: from the folders of any content root
// that hold the root (or a `joins:` id), else from the lore cache (lore-mail.ts). A mail folder joined
// this way is not a page of its own: one thread, one page. See docs/knowledge-base.md.

import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  IMPORTED_IDS,
  listThreadFolders,
  readThreadFolder,
  readThreadMeta,
  type ThreadMeta,
} from '../importers/thread-folder.ts';
import { stripAngles } from '../lib/mail/ids.ts';
import { inLanes } from './lanes.ts';
import { type LoreMail, loreMail } from './lore-mail.ts';
import { type MessageIdCache, type StampedCache, stampedCache } from './stamped-cache.ts';
import type { StepCounter } from './step-progress.ts';

/** One page to build and the places its mail is read from. */
export interface ThreadPage {
  /** URL slug: the name of the folder holding the page's thread.yaml. */
  slug: string;
  /** That folder (annotation or mail folder). */
  dir: string;
  /** Its thread.yaml, parsed (validated later by the content schema). */
  meta: Record<string, unknown>;
  /** Folders whose `sources` give the page's messages, `dir` first when it holds mail itself. */
  mailDirs: string[];
  /**
   * Their thread.yaml files as planning read them, in the same order: the parse workers read the mail
   * by them instead of parsing each YAML file twice more (about a second of each worker's time on the
   * bulk archive). Absent: read from each folder.
   */
  mailMetas?: ThreadMeta[];
  /** mbox files from the lore cache, for ids no content root holds. */
  loreFiles: string[];
  /** Message-IDs the page wants (root and joins) whose mail was found nowhere. */
  missing: string[];
  /** True for an annotation folder (its thread.yaml names a `root`). */
  annotated: boolean;
}

interface Folder {
  dir: string;
  meta: ThreadMeta;
  /** Its archive files (thread.yaml `sources`), relative to it. */
  sources: string[];
  hasMail: boolean;
  /** Has a `root` and is annotated: no mail of its own, or notes/scenarios beside it. */
  annotated: boolean;
}

/** Message-IDs an annotation folder wants on its page: the root, then `joins`, without angle brackets. */
function wantedIds(meta: Record<string, unknown>): string[] {
  const joins = Array.isArray(meta.joins) ? meta.joins.filter((x): x is string => typeof x === 'string') : [];
  return [meta.root as string, ...joins].map(stripAngles);
}

/** True when a folder holds our annotations (notes.mdx or a scenarios/ folder). */
async function hasAnnotations(dir: string): Promise<boolean> {
  const here = await readdir(dir).catch(() => [] as string[]);
  return here.includes('notes.mdx') || here.includes('scenarios');
}

/** What planning reads of a thread folder: its thread.yaml, and whether it is an annotation folder. */
interface FolderFacts {
  meta: ThreadMeta;
  /** It names a `root`, and has no mail of its own or holds notes or models beside it. */
  annotated: boolean;
}

/** Each thread folder's facts, kept between builds under the stamps of its thread.yaml and its listing. */
export type FolderCache = StampedCache<FolderFacts>;

/** The cache of thread folders' facts in `cacheDir`. */
export function folderCache(cacheDir: string): FolderCache {
  return stampedCache<FolderFacts>(cacheDir, 'thread-folders');
}

/** Caches planning reads from between builds (each optional; without them every folder is read). */
export interface PlanCaches {
  /** Each mail folder's Message-IDs. */
  ids?: MessageIdCache;
  /** Each thread folder's thread.yaml and annotations. */
  folders?: FolderCache;
}

/**
 * A folder's facts, from the cache while its thread.yaml and its listing (the folder's own time, which
 * changes when notes.mdx or scenarios/ come or go) are the same: parsing 2,000 thread.yaml files and
 * listing their folders was most of an unchanged archive's planning.
 */
async function folderFacts(dir: string, cache: FolderCache | undefined): Promise<FolderFacts> {
  const files = [join(dir, 'thread.yaml'), dir];
  const kept = cache?.get(dir, files);
  if (kept) return kept;
  const meta = await readThreadMeta(dir);
  const hasMail = meta.sources.length > 0;
  const annotated = typeof meta.root === 'string' && (!hasMail || (await hasAnnotations(dir)));
  const facts = { meta, annotated };
  cache?.set(dir, files, facts);
  return facts;
}

/**
 * The folder's Message-IDs as the importer listed them in thread.yaml (`message_ids`), or null when it
 * has no list or a mail file changed after the list was written (an mbox edited by hand): then the
 * mail is read. On a fresh build of an imported archive whose annotations name mail it lacks, reading
 * every folder's headers for that answer was about 7 s of the content sync (1,967 folders).
 */
function importedIds(f: Folder): string[] | null {
  const ids = f.meta[IMPORTED_IDS];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return null;
  // Synchronous stats: two per folder, awaited they cost about 0.15 ms each (libuv's round trip), 0.6 s
  // of every build of the bulk archive.
  try {
    const listedAt = statSync(join(f.dir, 'thread.yaml')).mtimeMs;
    for (const source of f.sources) if (statSync(join(f.dir, source)).mtimeMs > listedAt) return null;
  } catch {
    return null;
  }
  return ids.map(stripAngles);
}

/** Mail folders read at once when looking for an annotation's mail. */
const SCAN_LANES = 8;

/**
 * Which mail folders hold which Message-IDs. Imported folders name their first message in thread.yaml
 * (`root`), which answers the common case without reading mail; only ids still unknown after that cost
 * one header-only read of every mail folder.
 */
class MailIndex {
  private readonly byId = new Map<string, string[]>();
  /** The one read of every mail folder's ids, once an id is not found otherwise. */
  private scan: Promise<void> | null = null;
  private readonly folders: Folder[];
  private readonly cache: MessageIdCache | undefined;
  private readonly progress: ScanProgress;
  constructor(folders: Folder[], cache: MessageIdCache | undefined, progress: ScanProgress) {
    this.folders = folders;
    this.cache = cache;
    this.progress = progress;
    for (const f of folders) if (typeof f.meta.root === 'string') this.add(stripAngles(f.meta.root), f.dir);
  }
  private add(id: string, dir: string): void {
    const dirs = this.byId.get(id) ?? [];
    if (!dirs.includes(dir)) dirs.push(dir);
    this.byId.set(id, dirs);
  }
  /**
   * The Message-IDs of the mail in folder `f`: the importer's list in its thread.yaml while no mail file
   * is newer than that (importedIds), else read from the mail (kept between builds while its files are
   * the same).
   */
  private async folderIds(f: Folder): Promise<string[]> {
    const listed = importedIds(f);
    if (listed) return listed;
    const files = [join(f.dir, 'thread.yaml'), ...f.sources.map((s) => join(f.dir, s))];
    const kept = this.cache?.get(f.dir, files);
    if (kept) return kept;
    const { messages } = await readThreadFolder(f.dir, { decode: 'headers' });
    const ids = messages.map((m) => stripAngles(m.messageId));
    this.cache?.set(f.dir, files, ids);
    return ids;
  }

  /** Folders holding `id`, in content-root order. */
  async holders(id: string): Promise<string[]> {
    if (!this.byId.has(id)) {
      this.scan ??= this.scanFolders();
      await this.scan;
    }
    return this.byId.get(id) ?? [];
  }

  /** Reads every mail folder's Message-IDs, once. */
  private async scanFolders(): Promise<void> {
    const counter = this.progress(this.folders.length);
    // Read side by side: the bench's 1,967 mail folders took 9.6 and 12.8 s one at a time, 7.4 and
    // 7.8 s eight at a time (alternating runs of planThreadPages alone).
    const held: string[][] = new Array(this.folders.length);
    await inLanes(this.folders, SCAN_LANES, async (f, i) => {
      held[i] = await this.folderIds(f);
      counter.tick();
    });
    counter.done();
    // Added in content-root order, whatever order the reads ended in.
    this.folders.forEach((f, i) => {
      for (const heldId of held[i] ?? []) this.add(heldId, f.dir);
    });
  }
}

/** Counts the mail folders looked through for Message-IDs (`total` of them), for the build's progress. */
export type ScanProgress = (total: number) => StepCounter;

/**
 * Plans the pages of a build over the content roots, sorted by slug. `warn` hears about mail that could
 * not be found (the page still builds with notes and models) and about an id held by several folders;
 * `progress` counts the mail folders read when an annotation's mail must be looked for.
 */
export async function planThreadPages(
  roots: string[],
  warn: (text: string) => void = () => {},
  lore: LoreMail = loreMail,
  caches: PlanCaches = {},
  progress: ScanProgress = () => ({ tick: () => {}, done: () => {} }),
): Promise<ThreadPage[]> {
  // Read side by side (in folder order): one at a time, the reads of 2,000 folders waited in turn.
  const folders: Folder[] = await Promise.all(
    (await listThreadFolders(roots)).map(async (dir) => {
      const { meta, annotated } = await folderFacts(dir, caches.folders);
      const hasMail = meta.sources.length > 0;
      return { dir, meta, sources: meta.sources.map((s) => s.file), hasMail, annotated };
    }),
  );
  const index = new MailIndex(
    folders.filter((f) => f.hasMail),
    caches.ids,
    progress,
  );
  // A mail folder joined to an annotation page (by that page's slug); annotated folders are never joined.
  const joined = new Map<string, string>();
  const pages: ThreadPage[] = [];
  for (const folder of folders.filter((f) => f.annotated)) {
    const slug = basename(folder.dir);
    const mailDirs = folder.hasMail ? [folder.dir] : [];
    const loreFiles: string[] = [];
    const missing: string[] = [];
    for (const id of wantedIds(folder.meta)) {
      const holders = await index.holders(id);
      if (holders.some((dir) => mailDirs.includes(dir))) continue;
      const free = holders.filter(
        (dir) => !joined.has(dir) && !folders.find((f) => f.dir === dir)?.annotated,
      );
      const dir = free[0];
      if (dir) {
        if (free.length > 1) warn(`${slug}: <${id}> is in ${free.length} thread folders; using ${dir}`);
        mailDirs.push(dir);
        joined.set(dir, slug);
        continue;
      }
      const file = await lore(id);
      if (file) loreFiles.push(file);
      else missing.push(id);
    }
    for (const id of missing)
      warn(
        `${slug}: no mail for <${id}> in any content root or the lore cache; the page shows notes and models only`,
      );
    const mailMetas = mailDirs.map((dir) => (folders.find((f) => f.dir === dir) as Folder).meta);
    pages.push({
      slug,
      dir: folder.dir,
      meta: folder.meta,
      mailDirs,
      mailMetas,
      loreFiles,
      missing,
      annotated: true,
    });
  }
  for (const folder of folders.filter((f) => f.hasMail && !f.annotated)) {
    if (joined.has(folder.dir)) continue;
    pages.push({
      slug: basename(folder.dir),
      dir: folder.dir,
      meta: folder.meta,
      mailDirs: [folder.dir],
      mailMetas: [folder.meta],
      loreFiles: [],
      missing: [],
      annotated: false,
    });
  }
  return pages.sort((a, b) => a.slug.localeCompare(b.slug));
}
