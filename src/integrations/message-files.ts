// Astro integration: beside each permalink /r/<Message-ID>/, the message itself, as lore offers it:
//   raw/      the message as stored, shown as text (a bare page, bidi controls revealed)
//   raw.eml   the exact bytes, to download (git am, a mail client)
//   m.mbox    the message as a one-entry mboxrd
// Written after the build from the thread folders (pages never see raw bytes). The first message
// carrying an id, in the order the threads collection lists them, owns its files, as in r/[...id].astro.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listThreadFolders, readThreadFolder } from '../importers/thread-folder.ts';
import { revealBidiControls } from '../lib/mail/bidi.ts';
import { mboxrdEntry } from '../lib/mail/mbox.ts';
import { permalinkPath } from '../lib/mail/permalink.ts';
import { decodeHeaderBytes } from '../lib/mail/raw-headers.ts';
import { synthesizeMessage } from '../lib/mail/synthesize.ts';
import { buildThreadView } from '../lib/mail/thread-view.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { contentRoots } from '../loaders/threads.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The raw view: a bare page with the message text, no script, wrapped to the window (no sideways scroll). */
export function rawViewHtml(message: ParsedMessage, raw: Uint8Array): string {
  const id = escapeHtml(message.messageId);
  const base = `/r/${encodeURI(permalinkPath(message.messageId) ?? '')}/`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>raw &lt;${id}&gt;</title>
<style>body{margin:1rem;font:0.85rem/1.4 ui-monospace,monospace}pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}nav{margin-bottom:1rem;font-family:system-ui,sans-serif}</style>
</head><body>
<nav><a href="${base}">message in its thread</a> · <a href="${base}raw.eml" download>download raw</a> · <a href="${base}m.mbox" download>mbox</a></nav>
<pre>${escapeHtml(revealBidiControls(decodeHeaderBytes(raw)))}</pre>
</body></html>
`;
}

/** Writes the three files of every message that owns a permalink; returns how many messages. */
export async function writeMessageFiles(outDir: string, roots = contentRoots()): Promise<number> {
  const seen = new Set<string>();
  for (const dir of await listThreadFolders(roots)) {
    const folder = await readThreadFolder(dir, { decode: 'headers', keepRaw: true });
    for (const view of buildThreadView(folder.messages).messages) {
      const path = permalinkPath(view.messageId);
      if (path === null || seen.has(path)) continue;
      seen.add(path);
      const message = folder.messages[view.sourceIndex] as ParsedMessage;
      const raw = message.raw ?? new TextEncoder().encode(synthesizeMessage(message));
      const target = join(outDir, 'r', ...path.split('/'));
      await mkdir(join(target, 'raw'), { recursive: true });
      await writeFile(join(target, 'raw.eml'), raw);
      await writeFile(
        join(target, 'm.mbox'),
        mboxrdEntry(raw, message.from.address, message.date ? new Date(message.date.utc) : null),
      );
      await writeFile(join(target, 'raw', 'index.html'), rawViewHtml(message, raw));
    }
  }
  return seen.size;
}

/** Astro integration writing the per-message files after the build. */
export function messageFilesIntegration(): AstroIntegration {
  return {
    name: 'lockstep-message-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const count = await writeMessageFiles(fileURLToPath(dir));
        logger.info(
          `wrote raw, raw.eml and m.mbox for ${count} messages in ${Math.round(performance.now() - started)} ms`,
        );
      },
    },
  };
}
