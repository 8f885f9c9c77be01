// The files a thread page's mail becomes beside the pages: `/threads/<slug>/t.mbox.gz` (the thread as
// mboxrd, gzip) and each permalink `/r/<Message-ID>/`: its page (index.html, a redirect to the message in
// its thread), raw.txt, raw.eml (the exact bytes) and m.mbox. The loader's workers write them while they
// parse each page (one read of the mail, on every core), into a folder of Astro's cache named by the
// page's digest, so an unchanged thread's files are not made again; the build's mail-files step
// (integrations/mail-files.ts) adds the gzip copies the site serves (completeGzipCopies) and puts them
// into the site.

import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { readMaybeGzip } from '../importers/raw-entries.ts';
import { readThreadFolder, readThreadMeta, type ThreadMeta } from '../importers/thread-folder.ts';
import { revealBidiControls } from '../lib/mail/bidi.ts';
import { mboxrdEntry } from '../lib/mail/mbox.ts';
import { permalinkPath } from '../lib/mail/permalink.ts';
import { decodeHeaderBytes } from '../lib/mail/raw-headers.ts';
import { synthesizeMessage } from '../lib/mail/synthesize.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { redirectPageHtml } from '../lib/site/redirect-page.ts';
import { COMPRESSIBLE, gzipCopyBytes, wantsGzipCopy } from './gzip-copy.ts';
import type { PageMail } from './page-data.ts';

const gzipAsync = promisify(gzip);

/** Folder of one page's mail files inside Astro's cache folder. */
export function mailFilesFolder(cacheDir: string, digest: string): string {
  return join(cacheDir, 'lockstep-mail', digest);
}

/** The list of pages' mail folders, in page order, that the loader leaves for the build step. */
export function mailManifestFile(cacheDir: string): string {
  return join(cacheDir, 'lockstep-mail', 'manifest.json');
}

/** One page's entry in the manifest. */
export interface MailManifestEntry {
  slug: string;
  folder: string;
}

/**
 * The raw view: the message as text, decoded as UTF-8 (latin-1 when it is not), bidi controls
 * revealed so the text reads as sent. A byte-order mark makes browsers read the file as UTF-8
 * whatever Content-Type charset a static host sends; plain text cannot run anything.
 */
export function rawViewText(raw: Uint8Array): string {
  return `\uFEFF${revealBidiControls(decodeHeaderBytes(raw))}`;
}

/** Where a message's permalink sends the reader, and the subject it names. */
export interface PermalinkTarget {
  /** The message on its thread page (`/threads/<slug>/2/#m…`). */
  href: string;
  subject: string;
}

/** The permalink page of a message: a redirect to it in its thread. */
export function permalinkPageHtml({ href, subject }: PermalinkTarget): string {
  return redirectPageHtml({
    title: subject || 'Message',
    target: href,
    lead: 'This message is in its thread:',
    linkText: subject || '(no subject)',
    permalink: true,
  });
}

/**
 * Writes the four files of each message (in reading order) that owns a permalink under `outDir/r/`
 * (`targets[i]` is where message i's page sends the reader); `seen` holds the permalinks already
 * written (the first message carrying an id owns its files).
 */
export async function writePermalinkFiles(
  outDir: string,
  messages: readonly ParsedMessage[],
  targets: readonly PermalinkTarget[],
  seen: Set<string>,
): Promise<void> {
  for (const [i, message] of messages.entries()) {
    const path = permalinkPath(message.messageId);
    if (path === null || seen.has(path)) continue;
    seen.add(path);
    const raw = message.raw ?? new TextEncoder().encode(synthesizeMessage(message));
    const target = join(outDir, 'r', ...path.split('/'));
    // Synchronous on purpose: this runs in a parse worker, where a blocking write holds up nobody, and
    // four small files per message through libuv's shared thread pool left the workers waiting.
    mkdirSync(target, { recursive: true });
    const to = targets[i];
    if (!to) throw new Error(`no permalink target for <${message.messageId}>`);
    writeFileSync(join(target, 'index.html'), permalinkPageHtml(to));
    writeFileSync(join(target, 'raw.eml'), raw);
    writeFileSync(
      join(target, 'm.mbox'),
      mboxrdEntry(raw, message.from.address, message.date ? new Date(message.date.utc) : null),
    );
    writeFileSync(join(target, 'raw.txt'), rawViewText(raw));
  }
}

/**
 * Adds to a page's mail folder the gzip copies its files (`files`, relative to it) lack where the
 * site's gzip policy wants one (gzip-copy.ts); returns `files` with the copies made. Not done by the
 * parse workers: on the bulk archive the raw views' copies were 1.7 s of each worker's 27 s, on both
 * cores while the content syncs, where the mail-files step makes them on the core the page rendering
 * leaves half idle. Each copy appears under its name only when whole (written aside, then renamed), so
 * a build stopped half-way leaves no truncated copy to be served: the next placement makes it again.
 */
export function completeGzipCopies(folder: string, files: readonly string[]): string[] {
  const present = new Set(files);
  const out = [...files];
  const aside = `${folder}.gz-partial`;
  for (const rel of files) {
    // A name that never gets a copy (raw.eml, m.mbox, t.mbox.gz) is not even looked at: every full
    // build passes each message's files through here.
    if (present.has(`${rel}.gz`) || !COMPRESSIBLE.test(rel)) continue;
    const path = join(folder, rel);
    if (!wantsGzipCopy(rel, statSync(path).size)) continue;
    const packed = gzipCopyBytes(readFileSync(path));
    if (!packed) continue;
    writeFileSync(aside, packed);
    renameSync(aside, `${path}.gz`);
    out.push(`${rel}.gz`);
  }
  return out;
}

/** Builds the mboxrd bytes of one thread folder (`known`: its thread.yaml, when the caller read it). */
export async function threadMbox(dir: string, known?: ThreadMeta): Promise<Uint8Array> {
  const meta = known ?? (await readThreadMeta(dir));
  const { sources } = meta;
  const parts: Uint8Array[] = [];
  // mbox sources are already mboxrd: copy their bytes without parsing (the common, large case).
  const folder = sources.every((s) => s.format === 'mbox') ? null : await readThreadFolder(dir, { meta });
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

/** The whole thread of a page as gzip mboxrd: its mail folders', then its lore files' messages. */
export async function threadMboxGz(page: PageMail): Promise<Uint8Array> {
  const parts = [
    ...(await Promise.all(page.mailDirs.map((dir, i) => threadMbox(dir, page.mailMetas?.[i])))),
    ...(await Promise.all(page.loreFiles.map(readMaybeGzip))),
  ];
  return gzipAsync(Buffer.concat(parts));
}

/**
 * Writes a page's mail files into its cache folder (`t.mbox.gz` and `r/…`), replacing a half-written
 * folder from a build that was stopped: the files appear under their final name only when complete.
 */
export async function writePageMailFiles(
  folder: string,
  page: PageMail,
  messages: readonly ParsedMessage[],
  targets: readonly PermalinkTarget[],
): Promise<void> {
  const staging = `${folder}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  if (messages.length > 0) {
    writeFileSync(join(staging, 't.mbox.gz'), await threadMboxGz(page));
    await writePermalinkFiles(staging, messages, targets, new Set());
  }
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
}

/**
 * Writes the manifest of the pages' mail folders in page order, and deletes the folders no page uses
 * any more (threads removed or changed since the last build).
 */
export async function writeMailManifest(cacheDir: string, entries: MailManifestEntry[]): Promise<void> {
  const root = join(cacheDir, 'lockstep-mail');
  await mkdir(root, { recursive: true });
  const keep = new Set(entries.map((e) => e.folder));
  for (const name of await readdir(root)) {
    const path = join(root, name);
    if (name !== 'manifest.json' && !keep.has(path)) await rm(path, { recursive: true, force: true });
  }
  await writeFile(mailManifestFile(cacheDir), JSON.stringify(entries));
}
