// Decides the thread folders of an import: which messages go together (threading), in which order,
// under which slug, title and list. Pure apart from its inputs; no I/O.

import { threadSlug } from '../lib/mail/thread-slug.ts';
import { type Thread, threadMessageIndexes } from '../lib/mail/threading.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';
import type { ThreadToWrite } from './thread-writer.ts';

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** One folder per thread: members in arrival order, the first root's subject as title, a unique slug. */
export function planFolders(messages: ParsedMessage[], threads: Thread[], list?: string): ThreadToWrite[] {
  const slugs = new Set<string>();
  return threads.map((thread) => {
    const reading = threadMessageIndexes(thread);
    const members = [...reading].sort((a, b) => a - b).map((i) => messages[i] as ParsedMessage);
    const root = messages[reading[0] as number] as ParsedMessage;
    const threadList = list ?? mostCommon(members.map((m) => m.list));
    const firstUtc = members
      .map((m) => m.date?.utc)
      .filter((d) => d !== undefined)
      .sort()[0];
    let slug = threadSlug({
      ...(threadList ? { list: threadList } : {}),
      ...(firstUtc ? { firstUtc } : {}),
      subject: root.subject,
      key: thread.key,
    });
    // Two threads whose slugs collide (same words and hash prefix) get their arrival index appended.
    if (slugs.has(slug)) slug = `${slug}-${thread.first}`;
    slugs.add(slug);
    return {
      slug,
      messages: members,
      root: root.messageId,
      title: root.subject || '(no subject)',
      ...(threadList ? { list: threadList } : {}),
    };
  });
}
