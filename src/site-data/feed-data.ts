// Build-time feed entries: one per thread (newest activity first), annotated threads marked, for the
// site feed and each list's feed.
import { getCollection } from 'astro:content';
import type { AtomEntry } from '../lib/feeds/atom.ts';
import { oncePerBuild } from './once-per-build.ts';
import { allThreads } from './thread-entries.ts';

/** How many entries a feed carries. */
export const FEED_SIZE = 50;

/** A thread as a feed entry, with the lists it belongs to. */
export interface ThreadEntry {
  lists: string[];
  entry: AtomEntry;
}

// Made once per build and site address: the site feed and every list's feed ask (with 2,000 threads
// each asking cost a few hundredths of a second).
const entriesFor = new Map<string, () => Promise<ThreadEntry[]>>();

/** Every thread as a feed entry, newest first (by last message, then slug, so builds are stable). */
export function threadEntries(site: URL): Promise<ThreadEntry[]> {
  let entries = entriesFor.get(site.href);
  if (!entries) {
    entries = oncePerBuild(() => makeThreadEntries(site));
    entriesFor.set(site.href, entries);
  }
  return entries();
}

/** The feed entries of every thread, made afresh. */
async function makeThreadEntries(site: URL): Promise<ThreadEntry[]> {
  const threads = await allThreads();
  const annotated = new Set((await getCollection('notes')).map((n) => n.id));
  const out = threads.map((thread) => {
    const { meta, messages } = thread.data;
    const dates = messages.flatMap((m) => (m.date ? [m.date.utc] : [])).sort();
    const root = messages[0];
    const kinds = [...new Set(messages.flatMap((m) => m.reports.map((r) => r.kind)))].sort();
    const reports = messages.reduce((n, m) => n + m.reports.length, 0);
    const notes = annotated.has(thread.id) || thread.data.annotated;
    const facts = [
      `${messages.length} message${messages.length === 1 ? '' : 's'}`,
      reports > 0 ? `${reports} lockdep report${reports === 1 ? '' : 's'} (${kinds.join(', ')})` : '',
      notes ? 'annotated with notes and scenario models' : '',
    ].filter((f) => f !== '');
    const link = new URL(`/threads/${thread.id}/`, site).href;
    const entry: AtomEntry = {
      id: link,
      title: meta.title ?? root?.subject ?? thread.id,
      link,
      updated: dates.at(-1) ?? '1970-01-01T00:00:00.000Z',
      ...(dates[0] ? { published: dates[0] } : {}),
      authors: [...new Set(messages.map((m) => m.from.name || m.from.address).filter((a) => a !== ''))].slice(
        0,
        5,
      ),
      summary: [meta.summary, `${facts.join('; ')}.`].filter(Boolean).join(' '),
      categories: [
        ...new Set([meta.list, ...messages.map((m) => m.list)].filter((l): l is string => !!l)),
        ...kinds,
        ...(notes ? ['annotated'] : []),
      ],
    };
    const lists = [...new Set([meta.list ?? messages.find((m) => m.list)?.list ?? 'unlisted'])];
    return { lists, entry };
  });
  return out.sort((a, b) =>
    a.entry.updated === b.entry.updated
      ? a.entry.id.localeCompare(b.entry.id)
      : a.entry.updated < b.entry.updated
        ? 1
        : -1,
  );
}
