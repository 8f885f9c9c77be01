// Imports mail sources into thread folders: read every source (headers only, raw bytes set aside),
// thread all messages together, write one folder per thread and a rejections file. Every entry
// read ends up either in exactly one thread folder or as one line of the rejections file.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MboxFlavour } from '../lib/mail/mbox.ts';
import { threadMessages } from '../lib/mail/threading.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import { detectSourceFormat, type SourceFormat } from './detect-source.ts';
import { planFolders } from './plan-folders.ts';
import { isRejection, type Rejection, readMessages } from './read-messages.ts';
import { describeSource } from './sniff-content.ts';
import { SOURCE_FORMAT_TABLE } from './source-formats.ts';
import { type SpillRef, SpillStore } from './spill-store.ts';
import { writeThreadFolder } from './thread-writer.ts';

/** Options of one import run. */
export interface ImportOptions {
  /** Output folder for thread folders. */
  out: string;
  /** List name for every message (else List-Id or the pipermail subject tag). */
  list?: string;
  /** Force the mbox flavour (default mboxrd). */
  flavour?: MboxFlavour;
  /** Raw bytes kept in memory before spilling to a temporary file (default 256 MiB). */
  memoryBudget?: number;
  /** Progress: source number, fraction of it done, messages read so far. */
  onProgress?: (sourceIndex: number, fraction: number, messagesRead: number) => void;
}

/** Per-source figures. */
export interface SourceSummary {
  path: string;
  format: SourceFormat;
  messages_read: number;
  imported: number;
  rejected: number;
}

/** The summary `npm run import -- --json` prints. */
export interface ImportSummary {
  messages_read: number;
  imported: number;
  /** Messages whose Message-ID an earlier message already carried (imported, kept beside it). */
  duplicates: number;
  rejected: number;
  threads: number;
  seconds: number;
  /** Wall seconds per phase: reading and parsing, threading, writing folders. */
  phase_seconds: { read: number; thread: number; write: number };
  rejections_file: string;
  out: string;
  /** Raw bytes that did not fit the memory budget and went through the temporary spill file. */
  spilled_bytes: number;
  sources: SourceSummary[];
}

/** Where the rejections of an import into `out` are written: a sibling file `<out>.rejections.jsonl`. */
export function rejectionsPath(out: string): string {
  return `${out.replace(/[/\\]+$/, '')}.rejections.jsonl`;
}

function round(ms: number): number {
  return Math.round(ms / 10) / 100;
}

interface ReadState {
  messages: ParsedMessage[];
  rejections: Rejection[];
  sources: SourceSummary[];
  rawRefs: Map<ParsedMessage, SpillRef>;
}

/** Reads every source in order, setting raw bytes aside in the store. */
async function readSources(paths: string[], options: ImportOptions, store: SpillStore): Promise<ReadState> {
  const state: ReadState = { messages: [], rejections: [], sources: [], rawRefs: new Map() };
  for (const [sourceIndex, path] of paths.entries()) {
    const format = await detectSourceFormat(path);
    const summary: SourceSummary = { path, format, messages_read: 0, imported: 0, rejected: 0 };
    const report = (fraction: number) =>
      options.onProgress?.(sourceIndex, fraction, state.messages.length + state.rejections.length);
    for await (const r of readMessages(path, {
      format,
      decode: 'headers',
      keepRaw: true,
      ...(options.list ? { list: options.list } : {}),
      ...(options.flavour ? { flavour: options.flavour } : {}),
      onProgress: (done, total) => report(total > 0 ? done / total : 1),
    })) {
      summary.messages_read++;
      if (isRejection(r)) {
        summary.rejected++;
        state.rejections.push(r);
      } else {
        summary.imported++;
        state.rawRefs.set(r, store.put(r.raw as Uint8Array));
        delete r.raw;
        state.messages.push(r);
      }
      if (summary.messages_read % 500 === 0) report(Number.NaN);
    }
    report(1);
    if (summary.imported === 0) throw new Error(await noMessages(path, format, summary, state.rejections));
    state.sources.push(summary);
  }
  return state;
}

/**
 * The error for a source that gave no message: what it looks like, so a wrong file is recognised at
 * once. Nothing has been written when it is thrown.
 */
async function noMessages(
  path: string,
  format: SourceFormat,
  summary: SourceSummary,
  rejections: Rejection[],
): Promise<string> {
  const first = rejections.find((r) => r.source === path || r.source.startsWith(`${path}#`));
  const kind = SOURCE_FORMAT_TABLE[format].mail;
  const n = summary.messages_read;
  const looks =
    kind && n > 0
      ? `${kind} whose ${n === 1 ? 'only entry was' : `${n} entries were all`} rejected${first ? `: ${first.reason}` : ''}`
      : await describeSource(path);
  return `no messages found in ${path} (looks like ${looks})`;
}

function countDuplicates(messages: ParsedMessage[]): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const m of messages) {
    if (seen.has(m.messageId)) duplicates++;
    else seen.add(m.messageId);
  }
  return duplicates;
}

/** Runs an import; resolves with the summary once every folder and the rejections file are written. */
export async function importSources(paths: string[], options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const store = new SpillStore(options.memoryBudget);
  try {
    const { messages, rejections, sources, rawRefs } = await readSources(paths, options, store);
    const readDone = performance.now();
    const threads = threadMessages(messages);
    const folders = planFolders(messages, threads, options.list);
    const threadDone = performance.now();
    await mkdir(options.out, { recursive: true });
    for (const folder of folders) {
      for (const m of folder.messages) m.raw = store.get(rawRefs.get(m) as SpillRef);
      writeThreadFolder(options.out, folder);
      for (const m of folder.messages) delete m.raw;
    }
    const rejectionsFile = rejectionsPath(options.out);
    await mkdir(dirname(rejectionsFile), { recursive: true });
    const lines = rejections.map(
      (r) => `${JSON.stringify({ source: r.source, index: r.index, reason: r.reason })}\n`,
    );
    await writeFile(rejectionsFile, lines.join(''));
    const writeDone = performance.now();
    return {
      messages_read: messages.length + rejections.length,
      imported: messages.length,
      duplicates: countDuplicates(messages),
      rejected: rejections.length,
      threads: threads.length,
      seconds: round(performance.now() - started),
      phase_seconds: {
        read: round(readDone - started),
        thread: round(threadDone - readDone),
        write: round(writeDone - threadDone),
      },
      rejections_file: rejectionsFile,
      out: options.out,
      spilled_bytes: store.spilledBytes,
      sources,
    };
  } finally {
    store.close();
  }
}
