// Data helpers for the kernel components and symbol pages (build time only).

import { kernelSymbols } from '../kernel-providers/default-symbols.ts';
import { listFactVersions } from '../kernel-providers/facts.ts';
import { type SymbolLookup, symbolKey, symbolLabel } from '../lib/kernel/lookup.ts';
import { bodyWords, indexSymbolMentions, type SymbolMention } from '../lib/kernel/mentions.ts';
import { type MessageView, messageText } from '../lib/mail/thread-view.ts';
import { stepProgress } from '../loaders/step-progress.ts';
import { buildLog } from './build-log.ts';
import {
  mentionFile,
  readMentions,
  scanDigest,
  type ThreadMentions,
  writeMentions,
} from './mention-cache.ts';

// One scan of all messages per build, for every version at once: every symbol page reads the same maps.
// Keyed also by a cheap signature of the threads so a changed collection (dev server) is rescanned.
const scans = new Map<string, Promise<Map<string, Map<string, SymbolMention[]>>>>();

/** The parts of a `threads` collection entry the symbol pages read. */
export interface ThreadForSymbols {
  id: string;
  data: {
    meta: { kernel?: string; title?: string };
    messages: Array<Pick<MessageView, 'messageId' | 'anchor' | 'subject'>>;
  };
  /** The messages' bodies, in the same order (read only when a version's scan runs). */
  bodies(): Promise<Array<Pick<MessageView, 'blocks'>>>;
  /** The thread's body file, beside which its mentions are kept between builds (mention-cache.ts). */
  bodyFile?: string;
}

// Popovers counted per page render (keyed by its request), so a page's ids do not depend on which pages
// were rendered before it: a shard of a sharded build writes the same page as a whole build.
const popovers = new WeakMap<object, number>();

/** A fresh element id for a popover on the page being rendered (`page`: its Astro.request). */
export function nextPopoverId(page: object): string {
  const n = (popovers.get(page) ?? 0) + 1;
  popovers.set(page, n);
  return `ls-sym-${n}`;
}

/** Every `/symbols/<version>/<key>/` page to build: one per symbol key in each version's facts. */
export async function symbolPaths(): Promise<Array<{ version: string; key: string; label: string }>> {
  const out: Array<{ version: string; key: string; label: string }> = [];
  for (const version of await listFactVersions()) {
    const kv = await kernelSymbols().version(version);
    const seen = new Set<string>();
    for (const def of kv?.facts.symbols ?? []) {
      const key = symbolKey(def);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ version, key, label: symbolLabel(def) });
    }
  }
  return out;
}

/**
 * The messages, in every thread of the build, that name the symbol `key` as `version`'s facts define it.
 * Threads about other kernels are searched too (a function keeps its name across versions); the page shows
 * each thread's own version so the reader can tell.
 */
export async function symbolMentions(
  threads: ThreadForSymbols[],
  version: string,
  key: string,
): Promise<SymbolMention[]> {
  const signature = threads.map((t) => `${t.id}:${t.data.messages.length}`).join(',');
  let scan = scans.get(signature);
  if (!scan) {
    scan = scanThreads(threads, await listFactVersions());
    scans.set(signature, scan);
  }
  const found = (await scan).get(version);
  if (found) return found.get(key) ?? [];
  // A version without committed facts (a local tree's): scanned on its own, once.
  const own = scanThreads(threads, [version]);
  scans.set(`${version}|${signature}`, own);
  return (await own).get(version)?.get(key) ?? [];
}

/**
 * Every version's mentions in one pass over the threads: each thread's bodies are read and turned into
 * text once, whatever the number of versions, and only one thread's text is held at a time.
 */
async function scanThreads(
  threads: ThreadForSymbols[],
  versions: string[],
): Promise<Map<string, Map<string, SymbolMention[]>>> {
  const lookups: { version: string; lookup: SymbolLookup }[] = [];
  for (const version of versions) {
    const kv = await kernelSymbols().version(version);
    if (kv) lookups.push({ version, lookup: kv.lookup });
  }
  const out = new Map(lookups.map(({ version }) => [version, new Map<string, SymbolMention[]>()]));
  const scan =
    lookups.length > 0
      ? scanDigest(
          await Promise.all(
            lookups.map(async ({ version }) => [version, (await kernelSymbols().version(version))?.facts]),
          ),
        )
      : null;
  const add = (mentions: ThreadMentions) => {
    for (const [version, keys] of Object.entries(mentions)) {
      const byKey = out.get(version) as Map<string, SymbolMention[]>;
      for (const [key, found] of keys) byKey.set(key, [...(byKey.get(key) ?? []), ...found]);
    }
  };
  // A full build of a big list reads every message here, as the static routes start: seconds.
  const progress = stepProgress(
    buildLog('lockstep-symbols'),
    'threads scanned for kernel symbols',
    lookups.length > 0 ? threads.length : 0,
  );
  for (const t of threads) {
    if (lookups.length === 0) break;
    const file = scan && t.bodyFile ? mentionFile(t.bodyFile, scan) : null;
    const cached = file ? readMentions(file) : null;
    if (cached) {
      add(cached);
      progress.tick();
      continue;
    }
    const bodies = await t.bodies();
    // Each body's words are found once and shared by every version's scan.
    const texts = t.data.messages.map((m, i) => {
      const body = messageText(bodies[i] ?? { blocks: [] });
      return {
        threadSlug: t.id,
        messageId: m.messageId,
        anchor: m.anchor,
        ...(m.subject ? { subject: m.subject } : {}),
        body,
        words: bodyWords(body),
      };
    });
    const title = t.data.meta.title ?? t.data.messages[0]?.subject ?? t.id;
    const mentions: ThreadMentions = {};
    for (const { version, lookup } of lookups) {
      const threadTitle = `${title}${t.data.meta.kernel && t.data.meta.kernel !== version ? ` (Linux ${t.data.meta.kernel})` : ''}`;
      mentions[version] = [
        ...indexSymbolMentions(
          texts.map((x) => ({ ...x, threadTitle })),
          lookup,
        ),
      ];
    }
    add(mentions);
    if (file) writeMentions(file, mentions);
    progress.tick();
  }
  progress.done();
  return out;
}
