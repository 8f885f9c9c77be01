// Collects every message of the build into archive-index records (used by the /lists/ pages).
import type { IndexedMessage } from '../lib/mail/archive-index.ts';
import { allThreads } from './thread-entries.ts';

/** Every message of every thread, as listed in the archive indexes. */
export async function archiveMessages(): Promise<IndexedMessage[]> {
  const threads = await allThreads();
  return threads.flatMap((thread) =>
    thread.data.messages.map((m, position) => ({
      list: thread.data.meta.list ?? m.list ?? 'unlisted',
      slug: thread.id,
      anchor: m.anchor,
      subject: m.subject,
      author: m.from.name || m.from.address,
      utc: m.date?.utc ?? '',
      depth: m.depth,
      position,
      page: m.page,
    })),
  );
}
