// The threads collection as pages read it: each entry with its messages (headers, reports, pages) joined
// from its message file (src/loaders/thread-bodies.ts), which the data store does not hold.

import { type CollectionEntry, getCollection } from 'astro:content';
import { readMessageFile } from '../loaders/thread-bodies.ts';
import type { StoredMessage } from '../schemas/thread-message.ts';

/** A thread entry with its messages in reading order (their bodies: site-data/thread-messages.ts). */
export type ThreadWithMessages = CollectionEntry<'threads'> & { data: { messages: StoredMessage[] } };

/** One entry of the threads collection with its messages joined. */
function withMessages(entry: CollectionEntry<'threads'>): ThreadWithMessages {
  return { ...entry, data: { ...entry.data, messages: readMessageFile(entry.data.messageFile) } };
}

/** Every thread page's entry, in page order, with its messages. */
export async function allThreads(): Promise<ThreadWithMessages[]> {
  return (await getCollection('threads')).map(withMessages);
}
