// Data helpers for the kernel components and symbol pages (build time only).
import { kernelSymbols } from '../kernel-providers/default-symbols.ts';
import { listFactVersions } from '../kernel-providers/facts.ts';
import { symbolKey, symbolLabel } from '../lib/kernel/lookup.ts';
import { indexSymbolMentions, type SymbolMention } from '../lib/kernel/mentions.ts';
import { type MessageView, messageText } from '../lib/mail/thread-view.ts';

// One scan of all messages per version and build: every symbol page of that version reads the same map.
// Keyed also by a cheap signature of the threads so a changed collection (dev server) is rescanned.
const scans = new Map<string, Promise<Map<string, SymbolMention[]>>>();

/** The parts of a `threads` collection entry the symbol pages read. */
export interface ThreadForSymbols {
  id: string;
  data: {
    meta: { kernel?: string; title?: string };
    messages: Array<Pick<MessageView, 'messageId' | 'anchor' | 'subject' | 'blocks'>>;
  };
}

let ids = 0;

/** A fresh element id for a popover (unique within the build, so within any page). */
export function nextPopoverId(): string {
  ids += 1;
  return `ls-sym-${ids}`;
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
  const signature = `${version}|${threads.map((t) => `${t.id}:${t.data.messages.length}`).join(',')}`;
  let scan = scans.get(signature);
  if (!scan) {
    scan = scanThreads(threads, version);
    scans.set(signature, scan);
  }
  return (await scan).get(key) ?? [];
}

async function scanThreads(
  threads: ThreadForSymbols[],
  version: string,
): Promise<Map<string, SymbolMention[]>> {
  const kv = await kernelSymbols().version(version);
  if (!kv) return new Map();
  const messages = threads.flatMap((t) =>
    t.data.messages.map((m) => ({
      threadSlug: t.id,
      threadTitle: `${t.data.meta.title ?? t.data.messages[0]?.subject ?? t.id}${t.data.meta.kernel && t.data.meta.kernel !== version ? ` (Linux ${t.data.meta.kernel})` : ''}`,
      messageId: m.messageId,
      anchor: m.anchor,
      ...(m.subject ? { subject: m.subject } : {}),
      body: messageText(m),
    })),
  );
  return indexSymbolMentions(messages, kv.lookup);
}
