// The threads collection as pages read it: each entry with its messages (headers, reports, pages) joined
// from its message file (src/loaders/thread-bodies.ts), which the data store does not hold.

import { type CollectionEntry, getCollection } from 'astro:content';
import { readMessageFile } from '../loaders/thread-bodies.ts';
import type { StoredMessage } from '../schemas/thread-message.ts';
import { oncePerBuild } from './once-per-build.ts';

/** A thread entry with its messages in reading order (their bodies: site-data/thread-messages.ts). */
export type ThreadWithMessages = CollectionEntry<'threads'> & { data: { messages: StoredMessage[] } };

/** One entry of the threads collection with its messages joined. */
function withMessages(entry: CollectionEntry<'threads'>): ThreadWithMessages {
  return { ...entry, data: { ...entry.data, messages: readMessageFile(entry.data.messageFile) } };
}

/**
 * Every thread page's entry, in page order, with its messages. Made once per build: a dozen routes and
 * indexes ask, each for all 2,000 threads of a large archive (and caches downstream, such as the symbol
 * scans', see the same list each time).
 */
export const allThreads: () => Promise<ThreadWithMessages[]> = oncePerBuild(readThreads);

/** The threads collection read now, each entry with its messages. */
async function readThreads(): Promise<ThreadWithMessages[]> {
  return (await getCollection('threads')).map(withMessages);
}
