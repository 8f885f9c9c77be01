// Collects lock classes from every thread's lockdep reports and every scenario model of the catalog.
import { getCollection } from 'astro:content';
import { lockClassNames } from '../lib/lock-classes/lock-class.ts';
import { buildLockIndex, type LockEntry } from '../lib/lock-classes/lock-index.ts';
import { allScenarioViews } from './scenarios.ts';

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
  const scenarios = (await allScenarioViews()).map((v) => ({
    id: v.scenario.id,
    title: v.scenario.title,
    thread: v.scenario.thread,
    // The panel's own anchor: it exists whether or not the answered message's mail is in the build.
    anchor: `scenario-${v.scenario.id}`,
    verdict: v.result.verdict,
    locks: [...new Set(v.scenario.locks.flatMap(lockClassNames))],
  }));
  return buildLockIndex(mentions, scenarios);
}
