// A thread's messages with their bodies: the headers and reports of its message file joined to its body file
// (src/loaders/thread-bodies.ts). Only pages that show or scan message text ask for this.

import type { QuoteSource } from '../lib/mail/quote-sources.ts';
import type { SkeletonRow } from '../lib/mail/thread-view.ts';
import { readBodies } from '../loaders/thread-bodies.ts';
import type { ThreadMessage } from '../schemas/thread-message.ts';
import type { ThreadForSymbols } from './symbol-data.ts';
import { allThreads, type ThreadWithMessages } from './thread-entries.ts';

/** The thread's messages in reading order, bodies included, and its skeleton. */
export function threadPageData(thread: ThreadWithMessages): Promise<ThreadPageData> {
  const file = thread.data.bodies;
  let data = recent.get(file);
  if (!data) {
    data = readPageData(thread);
    recent.set(file, data);
    if (recent.size > RECENT_THREADS) recent.delete(recent.keys().next().value as string);
  }
  return data;
}

/** A thread's messages with their bodies, its skeleton's rows, and its quotes' sources. */
export interface ThreadPageData {
  messages: ThreadMessage[];
  rows: SkeletonRow[];
  quotes: QuoteSource[];
}

// A long thread's pages render one after the other (three at a time, build.concurrency): its body
// file, megabytes for the longest, is read and parsed once for all of them, and its pages share one
// list of messages. Only the last few threads are kept: all of them would hold every body of the
// archive.
const recent = new Map<string, Promise<ThreadPageData>>();
const RECENT_THREADS = 4;

async function readPageData(thread: ThreadWithMessages): Promise<ThreadPageData> {
  const { rows, messages: bodies, quotes } = await readBodies(thread.data.bodies);
  if (bodies.length !== thread.data.messages.length)
    throw new Error(
      `${thread.id}: body file holds ${bodies.length} messages, the message file ${thread.data.messages.length}`,
    );
  return {
    rows,
    quotes,
    messages: thread.data.messages.map((m, i) => ({ ...m, ...(bodies[i] as (typeof bodies)[number]) })),
  };
}

/** The thread's messages in reading order, bodies included. */
export async function threadMessages(thread: ThreadWithMessages): Promise<ThreadMessage[]> {
  return (await threadPageData(thread)).messages;
}

/** Every thread as the symbol pages scan it: headers now, bodies when a version's scan reads them. */
export async function threadsForSymbols(): Promise<ThreadForSymbols[]> {
  return (await allThreads()).map((t) => ({
    id: t.id,
    data: t.data,
    bodies: () => threadMessages(t),
    bodyFile: t.data.bodies,
  }));
}
