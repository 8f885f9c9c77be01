// Writes one imported thread as a folder (`<out>/<slug>/`), in the layout readThreadFolder reads:
//   thread.yaml      title, list, root, messages, message_ids, first, last, sources [{file, format}]
//   thread.mbox      the thread's RFC 5322 messages, byte-exact, mboxrd, arrival order (format `mbox`)
//   pipermail.mbox   messages from pipermail monthly archives, same form (format `pipermail-month`)
//   <page file>      pipermail pages copied unchanged (format `pipermail-text` / `pipermail-html`)
// Output depends only on the messages, never on the clock, so identical imports give identical files.
// Re-importing into an existing folder rewrites these files and keeps every other file and any
// thread.yaml key the import does not own (a hand-written title, summary, notes …).

import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writevSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { stripAngles } from '../lib/mail/ids.ts';
import { mboxrdParts } from '../lib/mail/mbox.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { IMPORTED_IDS } from './thread-folder.ts';

/** The thread.yaml keys the importer owns (others are kept on re-import). */
const OWNED = ['list', 'root', 'messages', IMPORTED_IDS, 'first', 'last', 'sources'] as const;

/** What the writer needs about one thread. */
export interface ThreadToWrite {
  slug: string;
  /** Messages in arrival order; each must carry `raw`. */
  messages: ParsedMessage[];
  /** Message-ID of the first root message. */
  root: string;
  /** Title: the root message's subject. */
  title: string;
  list?: string;
}

function envelopeSender(m: ParsedMessage): string {
  return m.from.address && !/\s/.test(m.from.address) ? m.from.address : 'MAILER-DAEMON';
}

/** The mboxrd file as a list of byte pieces (written with writev, never joined in memory). */
function mbox(messages: ParsedMessage[]): Uint8Array[] {
  return messages.flatMap((m) =>
    mboxrdParts(m.raw as Uint8Array, envelopeSender(m), m.date ? new Date(m.date.utc) : null),
  );
}

/** Writes pieces to a file in order; the pieces may be many small views into larger buffers. */
function writePieces(path: string, pieces: Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    // writev takes at most IOV_MAX (1024) buffers per call on Linux; batch below that.
    for (let i = 0; i < pieces.length; i += 512) {
      const batch = pieces.slice(i, i + 512);
      const size = batch.reduce((n, p) => n + p.length, 0);
      const written = writevSync(fd, batch);
      if (written !== size) throw new Error(`${path}: short write (${written} of ${size} bytes)`);
    }
  } finally {
    closeSync(fd);
  }
}

function readExistingMeta(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const meta = parseYaml(text) as unknown;
  return meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {};
}

/** Builds the files of a thread folder (name → byte pieces) and its metadata; no I/O. */
export function threadFiles(thread: ThreadToWrite): {
  files: Map<string, Uint8Array[]>;
  meta: Record<string, unknown>;
} {
  const files = new Map<string, Uint8Array[]>();
  const sources: { file: string; format: string }[] = [];
  const rfc822 = thread.messages.filter((m) => m.source.kind !== 'pipermail-month' && !isPage(m));
  const monthly = thread.messages.filter((m) => m.source.kind === 'pipermail-month');
  if (rfc822.length > 0) {
    files.set('thread.mbox', mbox(rfc822));
    sources.push({ file: 'thread.mbox', format: 'mbox' });
  }
  if (monthly.length > 0) {
    files.set('pipermail.mbox', mbox(monthly));
    sources.push({ file: 'pipermail.mbox', format: 'pipermail-month' });
  }
  for (const m of thread.messages.filter(isPage)) {
    let name = basename(m.source.file);
    // Two pages with one name (from different folders) must not overwrite each other.
    for (let n = 2; files.has(name) || name === 'thread.yaml' || name.endsWith('.mbox'); n++) {
      name = `${n}-${basename(m.source.file)}`;
    }
    files.set(name, [m.raw as Uint8Array]);
    sources.push({ file: name, format: m.source.kind });
  }
  const dates = thread.messages
    .map((m) => m.date?.utc)
    .filter((d) => d !== undefined)
    .sort();
  // Only ids the mail carries: one the parser derives (no Message-ID header) is not worth listing, and
  // the folder is then read for its ids as before.
  const ids = thread.messages.some((m) => m.messageIdDerived)
    ? null
    : [...new Set(thread.messages.map((m) => stripAngles(m.messageId)))];
  const meta: Record<string, unknown> = {
    title: thread.title,
    ...(thread.list ? { list: thread.list } : {}),
    root: thread.root,
    messages: thread.messages.length,
    ...(ids ? { [IMPORTED_IDS]: ids } : {}),
    ...(dates.length > 0 ? { first: dates[0], last: dates[dates.length - 1] } : {}),
    sources,
  };
  return { files, meta };
}

function isPage(m: ParsedMessage): boolean {
  return m.source.kind === 'pipermail-text' || m.source.kind === 'pipermail-html';
}

/**
 * Writes a thread folder under `out`; returns the folder path. Synchronous on purpose: thousands of
 * small files are written faster without a thread-pool round trip per call.
 */
export function writeThreadFolder(out: string, thread: ThreadToWrite): string {
  const dir = join(out, thread.slug);
  mkdirSync(dir, { recursive: true });
  const { files, meta } = threadFiles(thread);
  const yamlPath = join(dir, 'thread.yaml');
  const existing = readExistingMeta(yamlPath);
  const merged: Record<string, unknown> = { ...existing };
  for (const key of OWNED) delete merged[key];
  if (typeof merged.title !== 'string' || merged.title === '') merged.title = meta.title;
  for (const key of OWNED) if (key in meta) merged[key] = meta[key];
  for (const [name, pieces] of files) writePieces(join(dir, name), pieces);
  writeFileSync(yamlPath, stringifyYaml(merged, { lineWidth: 0 }));
  return dir;
}
