// Build step (lockstep.ts): puts every page's mail files into the site: `/threads/<slug>/t.mbox.gz` and,
// beside each permalink, its page, raw.txt, raw.eml and m.mbox. The loader's workers made them while parsing
// (src/loaders/mail-files.ts), one cache folder per page listed in page order in a manifest; here they are
// hard-linked into the output (copied where the cache sits on another file system). The first message
// carrying an id owns its files, as the first page in order owns its permalink. A shard of a sharded
// build places the files of the threads it owns, deciding ownership of an id over every page as well.

import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { copyFile, link, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ownsThread } from '../lib/shards/shard.ts';
import { type MailManifestEntry, mailManifestFile } from '../loaders/mail-files.ts';
import type { BuildStep } from './build-step.ts';
import { stepProgress } from './step-progress.ts';

/** Links (or copies, across file systems) `from` to `to`, making its folder. */
export async function place(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await link(from, to).catch(() => copyFile(from, to));
}

/**
 * Places the mail files of the pages whose thread `owns` accepts (every page by default) into `outDir`;
 * returns how many threads and message files.
 */
export async function placeMailFiles(
  outDir: string,
  entries: readonly MailManifestEntry[],
  progress: { tick(): void } = { tick: () => {} },
  owns: (slug: string) => boolean = () => true,
): Promise<{ threads: number; messages: number }> {
  let threads = 0;
  let messages = 0;
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
    } catch {
      copyFileSync(from, to);
    }
  };
  for (const { slug, folder } of entries) {
    progress.tick();
    await new Promise((resolve) => setImmediate(resolve));
    if (!existsSync(folder)) continue;
    const mine = owns(slug);
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const from = join(entry.parentPath, entry.name);
      const rel = from.slice(folder.length + 1);
      if (!mine) {
        elsewhere.add(rel);
        continue;
      }
      if (rel === 't.mbox.gz') {
        put(from, join(outDir, 'threads', slug, 't.mbox.gz'));
        threads += 1;
        continue;
      }
      const to = join(outDir, rel);
      if (elsewhere.has(rel) || existsSync(to)) continue;
      put(from, to);
      if (entry.name === 'raw.eml') messages += 1;
    }
  }
  return { threads, messages };
}

/** The build step: reads the loader's manifest and places the files. */
export const mailFilesStep: BuildStep = {
  name: 'lockstep-mail-files',
  async run(out, logger, { cacheDir, shard }) {
    const manifest = mailManifestFile(cacheDir);
    const entries = JSON.parse(await readFile(manifest, 'utf8')) as MailManifestEntry[];
    const progress = stepProgress(logger, 'mail files (threads)', entries.length);
    const { threads, messages } = await placeMailFiles(out, entries, progress, (slug) =>
      ownsThread(shard, slug),
    );
    progress.done();
    return `placed ${threads} t.mbox.gz and raw.txt, raw.eml and m.mbox for ${messages} messages`;
  },
};
