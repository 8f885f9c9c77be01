// A thread's symbol mentions, kept beside its body file between builds: the symbol pages scan every
// message of the build for every kernel version's names (seconds on a 15k archive), and a thread whose
// mail, the versions' facts and the scanning code are unchanged gives the same mentions.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SymbolMention } from '../lib/kernel/mentions.ts';

/** One thread's mentions: per version, each symbol key it names and where. */
export type ThreadMentions = Record<string, Array<[string, SymbolMention[]]>>;

// The code a scan's result depends on, read from the project's sources (build time); when they cannot be
// read (a bundle outside the project), nothing is cached.
const SCANNER_SOURCES = [
  'src/lib/kernel/mentions.ts',
  'src/lib/kernel/detect.ts',
  'src/lib/kernel/link-segments.ts',
  'src/lib/kernel/lookup.ts',
  'src/lib/mail/thread-view.ts',
  'src/site-data/symbol-data.ts',
];

/** The digest of the scanning code and of what is scanned for (`facts`: each version's facts). */
export function scanDigest(facts: unknown): string | null {
  const hash = createHash('sha1');
  try {
    for (const file of SCANNER_SOURCES) hash.update(readFileSync(join(process.cwd(), file)));
  } catch {
    return null;
  }
  return hash.update(JSON.stringify(facts)).digest('base64url').slice(0, 16);
}

/** The cache file of a thread's mentions: beside its body file (`<digest>.json`), named by the scan. */
export function mentionFile(bodies: string, scan: string): string {
  return `${bodies.replace(/\.json$/, '')}.mentions-${scan}.json`;
}

/** The cached mentions, or null. */
export function readMentions(file: string): ThreadMentions | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ThreadMentions;
  } catch {
    return null;
  }
}

/** Keeps a thread's mentions for the next build (a failed write only costs a scan). */
export function writeMentions(file: string, mentions: ThreadMentions): void {
  try {
    writeFileSync(file, JSON.stringify(mentions));
  } catch {
    // Read-only cache: scanned again next time.
  }
}
