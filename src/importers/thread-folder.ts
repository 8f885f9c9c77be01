// Reads one thread folder (`content/threads/<slug>/`): its `thread.yaml` and the archive files it names.
// Layout contract (what `npm run import` writes and the seed uses):
//   thread.yaml   metadata; `sources: [{ file, format }]` names the archive files in this folder (none in
//                 an annotation folder, whose `root:` Message-ID joins it to mail elsewhere)
//   <sources>     the archive files exactly as imported (the seed's pipermail text, or thread.mbox)
//   notes.mdx     optional literate notes; scenarios/ optional models

import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePipermailText } from '../lib/mail/pipermail-text.ts';
import { sourceFormatNamed } from '../lib/mail/source-formats.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { isRejection, type ReadOptions, readMessages } from './read-messages.ts';

/** A thread folder as read from disk, metadata not yet validated. */
export interface ThreadFolder {
  /** Folder name, used as the URL slug. */
  slug: string;
  /** Absolute folder path. */
  dir: string;
  /** Parsed `thread.yaml` (validated later by the content schema). */
  meta: Record<string, unknown>;
  /** Every message of every source, in source order. */
  messages: ParsedMessage[];
}

/** One archive file named in thread.yaml. */
export interface SourceRef {
  file: string;
  format: string;
}

/**
 * thread.yaml key under which the importer lists the Message-IDs of a folder's mail (when every message
 * has its own), so that planning finds an annotation's mail without reading every folder
 * (src/loaders/thread-pages.ts). Not part of the content schema: pages never see it.
 */
export const IMPORTED_IDS = 'message_ids';

/**
 * The names in `folder`, none when it is missing or cannot be read. Synchronous: planning and the
 * scenario catalog ask it of 2,000 folders a build, and an awaited listing costs a round trip
 * through libuv's pool (about 0.15 ms) each.
 */
export function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** True when `path` is a file (false when it is missing, not a file, or cannot be looked at). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Lists the thread folders (those holding a thread.yaml) under each root, sorted by name. */
export async function listThreadFolders(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) {
    let names: string[];
    try {
      names = readdirSync(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error(`content folder does not exist: ${root}`);
      throw error;
    }
    // Synchronous stats: awaited one by one they cost about 0.15 ms each in libuv's round trip, 0.3 s
    // for the bulk archive's 2,000 folders on every build (synchronous: 15 ms).
    for (const name of names.sort()) {
      const dir = join(root, name);
      if (isFile(join(dir, 'thread.yaml'))) found.push(dir);
    }
  }
  return found;
}

/** Options for readThreadFolder. */
export interface ReadFolderOptions {
  /**
   * `full` (default) decodes bodies (postal-mime, about 1,000 messages/s); `headers` leaves bodies
   * empty and is about 15 times faster, enough for archive indexes that show only header facts.
   */
  decode?: 'full' | 'headers';
  /** Keep each message's bytes as stored in `raw` (per-message raw and mbox files). */
  keepRaw?: boolean;
  /** The folder's thread.yaml as readThreadMeta gave it, when the caller has it (not parsed again). */
  meta?: ThreadMeta;
}

/** A folder's thread.yaml as readThreadMeta reads it. */
export type ThreadMeta = Record<string, unknown> & { sources: SourceRef[] };

/**
 * Reads a folder's thread.yaml (not yet schema-validated). A folder names its mail in `sources`, or is an
 * annotation folder whose `root` Message-ID joins it to mail elsewhere (then `sources` comes back empty).
 */
export async function readThreadMeta(dir: string): Promise<ThreadMeta> {
  const metaPath = join(dir, 'thread.yaml');
  const meta = parseYaml(await readFile(metaPath, 'utf8')) as Record<string, unknown> | null;
  if (!meta || typeof meta !== 'object') throw new Error(`${metaPath}: expected a YAML mapping`);
  const sources = meta.sources ?? [];
  if (!Array.isArray(sources)) throw new Error(`${metaPath}: 'sources' must be a list of files`);
  if (sources.length === 0 && typeof meta.root !== 'string')
    throw new Error(
      `${metaPath}: 'sources' must list at least one file, or 'root' name the thread's Message-ID`,
    );
  return { ...meta, sources } as ThreadMeta;
}

/** Reads a thread folder: metadata plus every message of its sources; throws with the path on bad input. */
export async function readThreadFolder(dir: string, options: ReadFolderOptions = {}): Promise<ThreadFolder> {
  const meta = options.meta ?? (await readThreadMeta(dir));
  const sources = meta.sources;
  const messages: ParsedMessage[] = [];
  for (const ref of sources as SourceRef[]) {
    messages.push(...(await readSource(join(dir, ref.file), ref, options.decode ?? 'full', options.keepRaw)));
  }
  return { slug: basename(dir), dir, meta, messages };
}

async function readSource(
  path: string,
  ref: SourceRef,
  decode: 'full' | 'headers',
  keepRaw = false,
): Promise<ParsedMessage[]> {
  const format = sourceFormatNamed(ref.format);
  if (!format) throw new Error(`${path}: unknown source format '${ref.format}'`);
  if (format === 'pipermail-text') return [parsePipermailText(await readFile(path, 'utf8'), ref.file)];
  // `npm run import` writes a folder's mbox files as mboxrd, whatever escaping the archive had.
  const options: ReadOptions = { format, flavour: 'mboxrd', decode, keepRaw };
  const messages: ParsedMessage[] = [];
  for await (const result of readMessages(path, options)) {
    // A thread folder holds only messages the import accepted, so a rejection here means damage.
    if (isRejection(result)) throw new Error(`${path}: entry ${result.index}: ${result.reason}`);
    messages.push({ ...result, source: { ...result.source, file: ref.file } });
  }
  return messages;
}
