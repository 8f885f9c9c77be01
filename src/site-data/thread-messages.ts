// A thread's messages with their bodies: the headers and reports of its message file joined to its body file
// (src/loaders/thread-bodies.ts). Only pages that show or scan message text ask for this.

import type { SkeletonRow } from '../lib/mail/thread-view.ts';
import { readBodies } from '../loaders/thread-bodies.ts';
import type { ThreadMessage } from '../schemas/thread-message.ts';
import type { ThreadForSymbols } from './symbol-data.ts';
import { allThreads, type ThreadWithMessages } from './thread-entries.ts';

/** The thread's messages in reading order, bodies included, and its skeleton. */
export async function threadPageData(
  thread: ThreadWithMessages,
): Promise<{ messages: ThreadMessage[]; rows: SkeletonRow[] }> {
  const { rows, messages: bodies } = await readBodies(thread.data.bodies);
  if (bodies.length !== thread.data.messages.length)
    throw new Error(
      `${thread.id}: body file holds ${bodies.length} messages, the message file ${thread.data.messages.length}`,
    );
  return {
    rows,
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
