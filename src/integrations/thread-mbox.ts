// Astro integration: writes /threads/<slug>/t.mbox.gz (the thread as mboxrd, gzip) after the build, for
// every thread page with mail (the pages and their mail folders as src/loaders/thread-pages.ts plans them).
// Threads imported as mbox are copied byte for byte; pipermail pages are written as RFC 5322 text.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { readMaybeGzip } from '../importers/raw-entries.ts';
import { readThreadFolder, readThreadMeta } from '../importers/thread-folder.ts';
import { mboxrdEntry } from '../lib/mail/mbox.ts';
import { synthesizeMessage } from '../lib/mail/synthesize.ts';
import { planThreadPages } from '../loaders/thread-pages.ts';
import { contentRoots } from '../loaders/threads.ts';
import type { BuildStep } from './build-step.ts';
import { stepProgress } from './step-progress.ts';

const gzipAsync = promisify(gzip);

/** Builds the mboxrd bytes of one thread folder. */
export async function threadMbox(dir: string): Promise<Uint8Array> {
  const { sources } = await readThreadMeta(dir);
  const parts: Uint8Array[] = [];
  // mbox sources are already mboxrd: copy their bytes without parsing (the common, large case).
  const folder = sources.every((s) => s.format === 'mbox') ? null : await readThreadFolder(dir);
  for (const source of sources) {
    if (source.format === 'mbox') {
      parts.push(await readFile(join(dir, source.file)));
      continue;
    }
    for (const message of folder?.messages.filter((m) => m.source.file === source.file) ?? []) {
      const raw = new TextEncoder().encode(synthesizeMessage(message));
      parts.push(mboxrdEntry(raw, message.from.address, message.date ? new Date(message.date.utc) : null));
    }
  }
  return Buffer.concat(parts);
}

/** Writes t.mbox.gz for every thread folder into the build output. */
export const threadMboxStep: BuildStep = {
  name: 'lockstep-thread-mbox',
  async run(out, logger) {
    const pages = (await planThreadPages(contentRoots())).filter(
      (p) => p.mailDirs.length + p.loreFiles.length > 0,
    );
    const progress = stepProgress(logger, 't.mbox.gz', pages.length);
    for (const page of pages) {
      const parts = [
        ...(await Promise.all(page.mailDirs.map(threadMbox))),
        ...(await Promise.all(page.loreFiles.map(readMaybeGzip))),
      ];
      await mkdir(join(out, 'threads', page.slug), { recursive: true });
      await writeFile(join(out, 'threads', page.slug, 't.mbox.gz'), await gzipAsync(Buffer.concat(parts)));
      progress.tick();
    }
    progress.done();
    return `wrote ${pages.length} t.mbox.gz`;
  },
};
