// Collects lock classes from every thread's lockdep reports and every bundled scenario model.
import { getCollection } from 'astro:content';
import { buildLockIndex, type LockEntry } from '../../lib/lock-classes/lock-index.ts';
import { messageAnchor } from '../../lib/mail/ids.ts';
import { allScenarioViews } from '../scenarios/scenario-data.ts';

let cached: Promise<LockEntry[]> | undefined;

/** Every lock class in the build with the threads, messages and scenarios that name it. */
export function lockIndex(): Promise<LockEntry[]> {
  cached ??= collect();
  return cached;
}

async function collect(): Promise<LockEntry[]> {
  const threads = await getCollection('threads');
  const mentions = threads.flatMap((t) =>
    t.data.messages.flatMap((m) =>
      m.reports.flatMap((r) =>
        r.locks.map((lock) => ({
          lock: lock.name,
          thread: t.id,
          threadTitle: t.data.meta.title ?? t.data.messages[0]?.subject ?? t.id,
          anchor: m.anchor,
          subject: m.subject,
          kind: r.kind,
        })),
      ),
    ),
  );
  const scenarios = allScenarioViews().map((v) => ({
    id: v.scenario.id,
    title: v.scenario.title,
    thread: v.scenario.thread,
    anchor: messageAnchor(v.scenario.answers),
    verdict: v.result.verdict,
    locks: v.scenario.locks.map((l) => l.name),
  }));
  return buildLockIndex(mentions, scenarios);
}
