// Build step (lockstep.ts): puts every page's mail files into the site: `/threads/<slug>/t.mbox.gz` and,
// beside each permalink, its page, raw.txt, raw.eml and m.mbox. The loader's workers made them while parsing
// (src/loaders/mail-files.ts), one cache folder per page listed in page order in a manifest; here they get
// their gzip copies (kept in the cache folder with them) and are hard-linked into the output (copied
// where the cache sits on another file system). The first message carrying an id owns its files, as
// the first page in order owns its permalink. A shard of a sharded build places the files of the
// threads it owns, deciding ownership of an id over every page as well. A full build places them in a
// worker thread while the pages render (mail-files-worker.ts).

import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
} from 'node:fs';
import { copyFile, link, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ownsThread } from '../lib/shards/shard.ts';
import { COMPRESSIBLE } from '../loaders/gzip-copy.ts';
import { completeGzipCopies, type MailManifestEntry, mailManifestFile } from '../loaders/mail-files.ts';
import { stepProgress } from '../loaders/step-progress.ts';
import type { BuildStep } from './build-step.ts';
import type { PlacementJob, PlacementMessage } from './mail-files-worker.ts';

/** Links (or copies, across file systems) `from` to `to`, making its folder. */
export async function place(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await link(from, to).catch(() => copyFile(from, to));
}

/** Removes `folder` when nothing is left in it (a removed thread's or message's). */
function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (another page's files, or the thread's pages), or already gone.
  }
}

/** The files of a page's mail folder, relative to it (with `/`). */
function folderFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
}

/** A page's mail folder as a build placed it: the files it holds, relative to it. */
export interface PlacedMail extends MailManifestEntry {
  files: string[];
}

/**
 * Places the mail files of the pages whose thread `owns` accepts (every page by default) into `outDir`;
 * returns how many threads and message files, and each page's files. `kept` is what the output's last
 * build placed when this one builds on it: a page whose folder is the same is in place already (its
 * folder is not even listed), another page's files replace the old ones, and a page that is gone takes
 * its files with it.
 */
export async function placeMailFiles(
  outDir: string,
  entries: readonly MailManifestEntry[],
  progress: { tick(): void } = { tick: () => {} },
  owns: (slug: string) => boolean = () => true,
  kept: readonly PlacedMail[] = [],
): Promise<{ threads: number; messages: number; placed: PlacedMail[] }> {
  let threads = 0;
  let messages = 0;
  const placed: PlacedMail[] = [];
  const before = new Map(kept.map((entry) => [entry.slug, entry]));
  // Message files claimed by an earlier page (the first message carrying an id owns its files).
  const claimed = new Set<string>();
  // Message files claimed by an earlier page of a thread another shard owns.
  const elsewhere = new Set<string>();
  const made = new Set<string>();
  // Synchronous calls, a page at a time: 60,000 small links through libuv's thread pool took 30 s
  // beside Pagefind, against a few seconds this way. The loop yields between pages, so the search index
  // step, which runs at the same time on this thread, keeps feeding Pagefind.
  const put = (from: string, to: string) => {
    const folder = dirname(to);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(from, to);
    } catch (error) {
      // A file of the last build is replaced (only then: a full build makes 60,000 links).
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') rmSync(to);
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
    }
  };
  for (const { slug, folder } of entries) {
    progress.tick();
    const mine = owns(slug);
    const last = before.get(slug);
    const unchanged = last?.folder === folder;
    // A page left as it was costs nothing to yield for: an incremental build passes 2,000 of them, and
    // a yield each was 0.25 s of its placement.
    if (!unchanged) await new Promise((resolve) => setImmediate(resolve));
    // A folder placed for the first time gets its gzip copies now (src/loaders/mail-files.ts says why
    // here); one another shard places is only listed.
    const listed = unchanged ? last.files : folderFiles(folder);
    const files = unchanged || !mine ? listed : completeGzipCopies(folder, listed);
    placed.push({ slug, folder, files });
    for (const rel of files) {
      if (!mine) {
        // Its copy too, whether or not the shard that places it makes one.
        elsewhere.add(rel);
        if (COMPRESSIBLE.test(rel)) elsewhere.add(`${rel}.gz`);
        continue;
      }
      if (rel === 't.mbox.gz') {
        if (!unchanged) put(join(folder, rel), join(outDir, 'threads', slug, 't.mbox.gz'));
        threads += 1;
        continue;
      }
      if (elsewhere.has(rel) || claimed.has(rel)) continue;
      claimed.add(rel);
      if (!unchanged) put(join(folder, rel), join(outDir, rel));
      if (rel.endsWith('/raw.eml')) messages += 1;
    }
  }
  // Pages of the last build that are gone: their thread's mbox, and the message files no page claims.
  const present = new Set(entries.map((entry) => entry.slug));
  for (const { slug, files } of kept) {
    if (present.has(slug)) continue;
    rmSync(join(outDir, 'threads', slug, 't.mbox.gz'), { force: true });
    removeIfEmpty(join(outDir, 'threads', slug));
    for (const rel of files)
      if (rel !== 't.mbox.gz' && !claimed.has(rel) && !elsewhere.has(rel)) {
        rmSync(join(outDir, rel), { force: true });
        removeIfEmpty(dirname(join(outDir, rel)));
      }
  }
  return { threads, messages, placed };
}

/**
 * A placed page as the next build keeps it: its files by folder (a folder's path once, then the names
 * of its files). Listed in full, 14,600 messages' six files each made the build state 5.5 MB of the
 * bulk archive's 7.6 MB, read and written again by every incremental build.
 */
interface KeptMail extends MailManifestEntry {
  folders: Record<string, string[]>;
}

/** A placed page in the form the next build keeps (keptForm), and back (placedForm). */
export function keptForm({ slug, folder, files }: PlacedMail): KeptMail {
  const folders: Record<string, string[]> = {};
  for (const rel of files) {
    const cut = rel.lastIndexOf('/');
    const key = cut < 0 ? '' : rel.slice(0, cut);
    const names = folders[key] ?? [];
    names.push(rel.slice(cut + 1));
    folders[key] = names;
  }
  return { slug, folder, folders };
}

/** The placed page a kept one stands for (keptForm). */
export function placedForm({ slug, folder, folders }: KeptMail): PlacedMail {
  const files = Object.entries(folders).flatMap(([key, names]) =>
    names.map((name) => (key === '' ? name : `${key}/${name}`)),
  );
  return { slug, folder, files };
}

/** What placing a build's mail files gives back. */
type Placement = Awaited<ReturnType<typeof placeMailFiles>>;

/**
 * A full build's placement, begun in a worker thread (mail-files-worker.ts) as the pages start to
 * render: it holds no event loop of the build's, and runs on the core the rendering leaves idle.
 */
class EarlyPlacement {
  /** Pages placed so far. */
  private ticks = 0;
  private onTick: (() => void) | null = null;
  /** Settles with what was placed, or with why the worker failed. */
  readonly result: Promise<Placement>;

  constructor(job: PlacementJob) {
    const worker = new Worker(new URL('./mail-files-worker.ts', import.meta.url), { workerData: job });
    this.result = new Promise<Placement>((resolve, reject) => {
      worker.on('message', (message: PlacementMessage) => {
        if (message.kind === 'tick') {
          this.ticks += 1;
          this.onTick?.();
        } else if (message.kind === 'done') resolve(message.result);
        else reject(new Error(message.message));
      });
      worker.on('error', reject);
      // After `done` this changes nothing; before it, the worker died without saying why.
      worker.on('exit', (code) => reject(new Error(`the worker stopped (exit code ${code})`)));
    });
    // Reported by the step's run, which always awaits it.
    this.result.catch(() => {});
  }

  /** Counts the pages placed so far on `counter`, then each one as it is placed. */
  follow(counter: { tick(count?: number): void }): void {
    if (this.ticks > 0) counter.tick(this.ticks);
    this.onTick = () => counter.tick();
  }
}

/** The build step: reads the loader's manifest and places the files (begun in a worker in a full build). */
export const mailFilesStep: BuildStep = {
  name: 'lockstep-mail-files',
  start({ incremental, cacheDir, outDir, shard }) {
    // An incremental build places only what changed: little enough for the build's thread, at the end.
    if (incremental) return null;
    const entries = JSON.parse(readFileSync(mailManifestFile(cacheDir), 'utf8')) as MailManifestEntry[];
    return { entries, placement: new EarlyPlacement({ outDir, entries, shard }) };
  },
  async run(out, logger, { cacheDir, shard, changes, started }) {
    const early = started as { entries: MailManifestEntry[]; placement: EarlyPlacement } | undefined;
    const entries =
      early?.entries ??
      (JSON.parse(await readFile(mailManifestFile(cacheDir), 'utf8')) as MailManifestEntry[]);
    const progress = stepProgress(logger, 'mail files (threads)', entries.length);
    const kept = ((changes.kept[this.name] ?? []) as KeptMail[]).map(placedForm);
    const here = () => placeMailFiles(out, entries, progress, (slug) => ownsThread(shard, slug), kept);
    let placement: Placement;
    if (early) {
      early.placement.follow(progress);
      placement = await early.placement.result.catch(async (error: Error) => {
        // Placing again replaces whatever the worker placed: the same files, by the same rules.
        logger.warn(`placing the mail files in a worker failed (${error.message}): placing them here`);
        return here();
      });
    } else placement = await here();
    const { threads, messages, placed } = placement;
    changes.next[this.name] = placed.map(keptForm);
    progress.done();
    return `placed ${threads} t.mbox.gz and raw.txt, raw.eml and m.mbox for ${messages} messages`;
  },
};
