// Astro integration: beside each permalink /r/<Message-ID>/, the message itself, as lore offers it:
//   raw.txt   the message as stored, to read in the browser (UTF-8 text, bidi controls revealed)
//   raw.eml   the exact bytes, to download (git am, a mail client)
//   m.mbox    the message as a one-entry mboxrd
// Written after the build from the pages' mail as src/loaders/thread-pages.ts plans it (thread folders
// and lore cache files; pages never see raw bytes). The first message carrying an id owns its files.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRejection, readMessages } from '../importers/read-messages.ts';
import { readThreadFolder } from '../importers/thread-folder.ts';
import { revealBidiControls } from '../lib/mail/bidi.ts';
import { mboxrdEntry } from '../lib/mail/mbox.ts';
import { permalinkPath } from '../lib/mail/permalink.ts';
import { decodeHeaderBytes } from '../lib/mail/raw-headers.ts';
import { synthesizeMessage } from '../lib/mail/synthesize.ts';
import { buildThreadView } from '../lib/mail/thread-view.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { planThreadPages } from '../loaders/thread-pages.ts';
import { contentRoots } from '../loaders/threads.ts';
import type { BuildStep } from './build-step.ts';
import { stepProgress } from './step-progress.ts';

/**
 * The raw view: the message as text, decoded as UTF-8 (latin-1 when it is not), bidi controls
 * revealed so the text reads as sent. A byte-order mark makes browsers read the file as UTF-8
 * whatever Content-Type charset a static host sends; plain text cannot run anything.
 */
export function rawViewText(raw: Uint8Array): string {
  return `\uFEFF${revealBidiControls(decodeHeaderBytes(raw))}`;
}

/** The messages of one planned page: its mail folders' and the lore cache files' (raw bytes kept). */
async function pageMessages(page: { mailDirs: string[]; loreFiles: string[] }): Promise<ParsedMessage[]> {
  const out: ParsedMessage[] = [];
  for (const dir of page.mailDirs)
    out.push(...(await readThreadFolder(dir, { decode: 'headers', keepRaw: true })).messages);
  for (const file of page.loreFiles) {
    for await (const m of readMessages(file, { decode: 'headers', keepRaw: true }))
      if (!isRejection(m)) out.push(m);
  }
  return out;
}

/** Writes the three files of every message that owns a permalink; returns how many messages. */
export async function writeMessageFiles(
  outDir: string,
  roots = contentRoots(),
  progress: { tick(): void } = { tick: () => {} },
): Promise<number> {
  const seen = new Set<string>();
  const pages = await planThreadPages(roots);
  for (const page of pages) {
    progress.tick();
    const messages = await pageMessages(page);
    for (const view of buildThreadView(messages).messages) {
      const path = permalinkPath(view.messageId);
      if (path === null || seen.has(path)) continue;
      seen.add(path);
      const message = messages[view.sourceIndex] as ParsedMessage;
      const raw = message.raw ?? new TextEncoder().encode(synthesizeMessage(message));
      const target = join(outDir, 'r', ...path.split('/'));
      await mkdir(target, { recursive: true });
      await writeFile(join(target, 'raw.eml'), raw);
      await writeFile(
        join(target, 'm.mbox'),
        mboxrdEntry(raw, message.from.address, message.date ? new Date(message.date.utc) : null),
      );
      await writeFile(join(target, 'raw.txt'), rawViewText(raw));
    }
  }
  return seen.size;
}

/** Writes the per-message files after the build. */
export const messageFilesStep: BuildStep = {
  name: 'lockstep-message-files',
  async run(out, logger) {
    const roots = contentRoots();
    const progress = stepProgress(logger, 'message files (threads)', (await planThreadPages(roots)).length);
    const count = await writeMessageFiles(out, roots, progress);
    progress.done();
    return `wrote raw.txt, raw.eml and m.mbox for ${count} messages`;
  },
};
