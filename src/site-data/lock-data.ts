// Collects lock classes from every thread's lockdep reports and every scenario model of the catalog.
import { getCollection } from 'astro:content';
import { lockClassNames } from '../lib/lock-classes/lock-class.ts';
import { buildLockIndex, type LockEntry } from '../lib/lock-classes/lock-index.ts';
import { allScenarioViews } from './scenarios.ts';
import { allThreads } from './thread-entries.ts';

let cached: Promise<LockEntry[]> | undefined;
let unexplored: Promise<LockEntry[]> | undefined;

/** Every lock class in the build with the threads, messages and scenarios (and their verdicts) that name it. */
export function lockIndex(): Promise<LockEntry[]> {
  cached ??= collect(true);
  return cached;
}

/**
 * The same lock classes without the scenarios' verdicts, which take exploring every model: enough to
 * list the pages and key them (a verdict changes only with a model, which an incremental build's site
 * digest covers).
 */
export function lockClassesUnexplored(): Promise<LockEntry[]> {
  unexplored ??= collect(false);
  return unexplored;
}

async function collect(explored: boolean): Promise<LockEntry[]> {
  const threads = await allThreads();
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
  const models = explored
    ? (await allScenarioViews()).map((v) => ({ scenario: v.scenario, verdict: v.result.verdict }))
    : (await getCollection('scenarios')).map((e) => ({ scenario: e.data.scenario, verdict: '' }));
  const scenarios = models.map(({ scenario, verdict }) => ({
    id: scenario.id,
    title: scenario.title,
    thread: scenario.thread,
    // The panel's own anchor: it exists whether or not the answered message's mail is in the build.
    anchor: `scenario-${scenario.id}`,
    verdict,
    locks: [...new Set(scenario.locks.flatMap(lockClassNames))],
  }));
  return buildLockIndex(mentions, scenarios);
}
