// A thread's kernel-symbol mentions: which messages name which symbol of each kernel version's facts.
// The parse workers find them while a thread's bodies are in memory and keep them beside its body file
// (a full build of a 15k-message list used to read every body file again for them, seconds on one core
// as the static routes started); the symbol pages (site-data/symbol-data.ts) read them back, and
// find them themselves for a thread that has none kept. Mail, facts and scanning code unchanged give the
// same mentions, so they are kept between builds too.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelSymbols } from '../kernel-providers/default-symbols.ts';
import { createLookup, type SymbolLookup } from '../lib/kernel/lookup.ts';
import {
  bodyWords,
  indexSymbolMentions,
  type ScannedBody,
  type SymbolMention,
  scanBody,
} from '../lib/kernel/mentions.ts';
import type { KernelFacts } from '../lib/kernel/types.ts';
import { type MessageView, messageText } from '../lib/mail/thread-view.ts';

/** One thread's mentions: per version, each symbol key it names and where. */
export type ThreadMentions = Record<string, Array<[string, SymbolMention[]]>>;

/** What a scan looks for: each version's facts as the build loaded them, and the scan's digest. */
export interface MentionScan {
  /** Digest of the scanning code and the facts, naming kept mentions; null when the code cannot be read. */
  digest: string | null;
  versions: Array<{ version: string; facts: KernelFacts }>;
}

/** The thread as a scan reads it: its slug, title, kernel and messages (bodies as the pages show them). */
export interface ThreadToScan {
  slug: string;
  title: string;
  kernel?: string;
  messages: Array<Pick<MessageView, 'messageId' | 'anchor' | 'subject' | 'blocks'>>;
}

/**
 * A thread as a scan reads it, from what the parse workers and the symbol pages both hold: its slug,
 * thread.yaml (`title`, `kernel`; anything else there is not the scan's), its messages in page order
 * and their bodies' blocks. The title is thread.yaml's, else the first message's subject, else the slug.
 */
export function threadToScan(
  slug: string,
  meta: { title?: unknown; kernel?: unknown },
  messages: ReadonlyArray<Pick<MessageView, 'messageId' | 'anchor' | 'subject'>>,
  blocks: ReadonlyArray<MessageView['blocks'] | undefined>,
): ThreadToScan {
  const title = typeof meta.title === 'string' ? meta.title : (messages[0]?.subject ?? slug);
  return {
    slug,
    title,
    ...(typeof meta.kernel === 'string' && meta.kernel ? { kernel: meta.kernel } : {}),
    messages: messages.map((m, i) => ({
      messageId: m.messageId,
      anchor: m.anchor,
      subject: m.subject,
      blocks: blocks[i] ?? [],
    })),
  };
}

// The code a scan's result depends on, read from the project's sources (build time); when they cannot be
// read (a bundle outside the project), nothing is cached.
const SCANNER_SOURCES = [
  'src/lib/kernel/mentions.ts',
  'src/lib/kernel/detect.ts',
  'src/lib/kernel/link-segments.ts',
  'src/lib/kernel/lookup.ts',
  'src/lib/mail/thread-view.ts',
  'src/loaders/thread-mentions.ts',
];

/** The digest of the scanning code and of what is scanned for (`facts`: each version's facts). */
function scanDigest(facts: unknown): string | null {
  const hash = createHash('sha1');
  try {
    for (const file of SCANNER_SOURCES) hash.update(readFileSync(join(process.cwd(), file)));
  } catch {
    return null;
  }
  return hash.update(JSON.stringify(facts)).digest('base64url').slice(0, 16);
}

/** The scan for `versions` (those without facts are left out), with facts as the build's kernel service loads them. */
export async function mentionScan(versions: readonly string[]): Promise<MentionScan> {
  const loaded: MentionScan['versions'] = [];
  for (const version of versions) {
    const kv = await kernelSymbols().version(version);
    if (kv) loaded.push({ version, facts: kv.facts });
  }
  const digest = loaded.length > 0 ? scanDigest(loaded.map((v) => [v.version, v.facts])) : null;
  return { digest, versions: loaded };
}

// Each scan's lookups, built once per thread that holds the scan (a worker builds its own).
const lookups = new WeakMap<MentionScan, Array<{ version: string; lookup: SymbolLookup }>>();

/** A message's shown text and its identifier scan, when the caller has them already. */
export interface ScannedText {
  text: string;
  scanned: () => ScannedBody;
}

/**
 * The thread's mentions of every version's symbols; each body's text and words are found once for all
 * versions (`known[i]`: message i's text and scan, when the caller found them already).
 */
export function threadMentions(
  thread: ThreadToScan,
  scan: MentionScan,
  known?: readonly ScannedText[],
): ThreadMentions {
  let versions = lookups.get(scan);
  if (!versions) {
    versions = scan.versions.map(({ version, facts }) => ({ version, lookup: createLookup(facts) }));
    lookups.set(scan, versions);
  }
  const texts = thread.messages.map((m, i) => {
    const body = known?.[i]?.text ?? messageText(m);
    let scanned: ScannedBody | undefined;
    return {
      threadSlug: thread.slug,
      messageId: m.messageId,
      anchor: m.anchor,
      ...(m.subject ? { subject: m.subject } : {}),
      body,
      words: bodyWords(body),
      // Found on the first version that may name something here, then read by the others.
      scanned:
        known?.[i]?.scanned ??
        (() => {
          scanned ??= scanBody(body);
          return scanned;
        }),
    };
  });
  const mentions: ThreadMentions = {};
  for (const { version, lookup } of versions) {
    const other = thread.kernel && thread.kernel !== version ? ` (Linux ${thread.kernel})` : '';
    const threadTitle = `${thread.title}${other}`;
    mentions[version] = [
      ...indexSymbolMentions(
        texts.map((x) => ({ ...x, threadTitle })),
        lookup,
      ),
    ];
  }
  return mentions;
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
