// Data helpers for the kernel components and symbol pages (build time only).

import { kernelSymbols } from '../kernel-providers/default-symbols.ts';
import { listFactVersions } from '../kernel-providers/facts.ts';
import { symbolKey, symbolLabel } from '../lib/kernel/lookup.ts';
import type { SymbolMention } from '../lib/kernel/mentions.ts';
import type { MessageView } from '../lib/mail/thread-view.ts';
import { stepProgress } from '../loaders/step-progress.ts';
import {
  mentionFile,
  mentionScan,
  readMentions,
  type ThreadMentions,
  threadMentions,
  threadToScan,
  writeMentions,
} from '../loaders/thread-mentions.ts';
import { buildLog } from './build-log.ts';

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
  /** The thread's body file, beside which its mentions are kept between builds (thread-mentions.ts). */
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

// Each list of threads' signature, made once: a route asks for every symbol's mentions with the same
// list, and joining 2,000 threads' ids for each of 600 symbols was a tenth of a second of every build.
const signatures = new WeakMap<readonly ThreadForSymbols[], string>();

/** What a scan of `threads` is kept under: their ids and message counts. */
function signatureOf(threads: readonly ThreadForSymbols[]): string {
  let signature = signatures.get(threads);
  if (signature === undefined) {
    signature = threads.map((t) => `${t.id}:${t.data.messages.length}`).join(',');
    signatures.set(threads, signature);
  }
  return signature;
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
  const signature = signatureOf(threads);
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
 * Every version's mentions in one pass over the threads: the parse workers' kept mentions where there
 * are (thread-mentions.ts), else each thread's bodies read and scanned here, one thread at a time.
 */
async function scanThreads(
  threads: ThreadForSymbols[],
  versions: string[],
): Promise<Map<string, Map<string, SymbolMention[]>>> {
  const scan = await mentionScan(versions);
  const out = new Map(scan.versions.map(({ version }) => [version, new Map<string, SymbolMention[]>()]));
  if (scan.versions.length === 0) return out;
  const add = (mentions: ThreadMentions) => {
    for (const [version, keys] of Object.entries(mentions)) {
      const byKey = out.get(version) as Map<string, SymbolMention[]>;
      for (const [key, found] of keys) {
        // Pushed, not copied: a symbol named in many threads grew by a copy per thread.
        const all = byKey.get(key);
        if (all) all.push(...found);
        else byKey.set(key, [...found]);
      }
    }
  };
  const progress = stepProgress(
    buildLog('lockstep-symbols'),
    'threads scanned for kernel symbols',
    threads.length,
  );
  for (const t of threads) {
    const file = scan.digest && t.bodyFile ? mentionFile(t.bodyFile, scan.digest) : null;
    let mentions = file ? readMentions(file) : null;
    if (!mentions) {
      const bodies = await t.bodies();
      const thread = threadToScan(
        t.id,
        t.data.meta,
        t.data.messages,
        bodies.map((b) => b.blocks),
      );
      mentions = threadMentions(thread, scan);
      if (file) writeMentions(file, mentions);
    }
    add(mentions);
    progress.tick();
  }
  progress.done();
  return out;
}
