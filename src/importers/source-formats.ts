// The table of mail archive formats: how each is recognised and read. One row per name of
// lib/mail/source-formats.ts (a missing row is a type error); detection tries the rows in that list's
// order. A new format is its name there and its row here (docs/architecture.md shows an example).

import { isFromLine } from '../lib/mail/mbox.ts';
import type { SourceFormat } from '../lib/mail/source-formats.ts';
import { parseEntries, pipermailPage } from './entry-readers.ts';
import { publicInboxEntries } from './public-inbox.ts';
import { emlDirEntries, emlEntries, maildirEntries, mboxEntries } from './raw-entries.ts';
import type { ReadOptions, ReadResult } from './read-result.ts';

/** What detection knows of a path (src/importers/detect-source.ts builds it). */
export interface Probe {
  /** True for a folder. */
  dir: boolean;
  /** A folder's entry names; empty for a file. */
  names: readonly string[];
  /** The path's last component. */
  base: string;
  /** True when the folder holds a subfolder of this name. */
  hasDir(name: string): Promise<boolean>;
  /** A file's first bytes, gunzipped when gzip (read once, on first use). */
  head(): Promise<Uint8Array>;
}

/** One archive format: how it is recognised and read. */
export interface SourceFormatRow {
  /** True when the path is in this format (asked only when every earlier row said no). */
  detect(p: Probe): boolean | Promise<boolean>;
  /** Every entry of the source, in order, as a message or a rejection. */
  read(path: string, options: ReadOptions): AsyncGenerator<ReadResult>;
  /** What the source is, for formats that are mail whatever their entries hold (the import's errors). */
  mail?: string;
}

const MONTH_ARCHIVE =
  /^\d{4}-(January|February|March|April|May|June|July|August|September|October|November|December)\.txt(\.gz)?$/;

/** Every archive format, keyed by its name. */
export const SOURCE_FORMAT_TABLE: Readonly<Record<SourceFormat, SourceFormatRow>> = {
  'public-inbox': {
    // A bare v2 epoch repository, or a v2 inbox folder holding `git/`.
    detect: async (p) =>
      p.dir && ((p.names.includes('HEAD') && p.names.includes('objects')) || (await p.hasDir('git'))),
    read: (path, o) => parseEntries(publicInboxEntries(path), o),
    mail: 'a public-inbox repository',
  },
  maildir: {
    detect: (p) => p.dir && p.names.includes('cur') && p.names.includes('new'),
    read: (path, o) => parseEntries(maildirEntries(path), o),
    mail: 'a Maildir',
  },
  'eml-dir': {
    // Any other folder.
    detect: (p) => p.dir,
    read: (path, o) => parseEntries(emlDirEntries(path), o),
  },
  'pipermail-month': {
    // The archive's name is its only sign: its entries are mboxo with `user at host` addresses.
    detect: (p) => MONTH_ARCHIVE.test(p.base),
    read: (path, o) =>
      parseEntries(mboxEntries(path, o.flavour ?? 'mboxo', 'pipermail-month', o.onProgress), o, true),
    mail: 'a pipermail monthly archive',
  },
  mbox: {
    detect: async (p) => {
      const line = firstLine(await p.head());
      return line.length >= 5 && isFromLine(line, 0, line.length);
    },
    read: (path, o) => parseEntries(mboxEntries(path, o.flavour ?? 'mboxrd', 'mbox', o.onProgress), o),
    mail: 'an mbox file',
  },
  'pipermail-html': {
    detect: async (p) => {
      const text = headText(await p.head());
      return text.startsWith('<!doctype html') || text.startsWith('<html') || /<title>[\s\S]*<h1>/.test(text);
    },
    read: (path, o) => pipermailPage(path, 'html', o),
  },
  eml: {
    // A mail starts with a header field; a pipermail text page starts with its subject line. Two
    // header-like lines (or a field and its continuation) rule out a subject followed by a name.
    detect: async (p) => {
      const [l1 = '', l2 = ''] = headText(await p.head()).split('\n', 2);
      const field = /^[\x21-\x39\x3b-\x7e]+:/;
      return field.test(l1) && (field.test(l2) || /^[ \t]/.test(l2));
    },
    read: (path, o) => parseEntries(emlEntries(path), o),
    mail: 'a mail file',
  },
  'pipermail-text': {
    // Any other file.
    detect: () => true,
    read: (path, o) => pipermailPage(path, 'text', o),
  },
};

function firstLine(head: Uint8Array): Uint8Array {
  const nl = head.indexOf(10);
  let end = nl < 0 ? head.length : nl;
  if (end > 0 && head[end - 1] === 13) end--;
  return head.subarray(0, end);
}

function headText(head: Uint8Array): string {
  return new TextDecoder('latin1').decode(head).trimStart().toLowerCase();
}
