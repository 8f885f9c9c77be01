// Which threads, messages and scenarios each lock class appears in (for /locks/<class>/ pages and
// the search filters). Pure: callers pass plain records.

import { canonicalLockName, lockClassSlug, lockIndexName, splitRunNumber } from './lock-class.ts';

/** A message naming a lock class in a lockdep report. */
export interface LockMention {
  thread: string;
  threadTitle: string;
  anchor: string;
  subject: string;
  /** Report kind the class appears in (`circular`, `inconsistent`, …). */
  kind: string;
  /** The name as that report wrote it, when it carries lockdep's run-local `#N` (meaningful in that run only). */
  as?: string;
}

/** A scenario model that declares the lock. */
export interface LockScenario {
  id: string;
  title: string;
  thread: string;
  /** Anchor of the message the scenario answers, on its thread page. */
  anchor: string;
  verdict: string;
}

/** One lock class with everything that names it. */
export interface LockEntry {
  slug: string;
  /** The names it was written as, most common first. */
  names: string[];
  mentions: LockMention[];
  scenarios: LockScenario[];
}

/** Groups mentions and scenarios by lock class slug; entries sorted by name. */
export function buildLockIndex(
  mentions: readonly (LockMention & { lock: string })[],
  scenarios: readonly (LockScenario & { locks: readonly string[] })[],
): LockEntry[] {
  const bySlug = new Map<
    string,
    { names: Map<string, number>; mentions: LockMention[]; scenarios: LockScenario[] }
  >();
  const entry = (name: string) => {
    const slug = lockClassSlug(name);
    let e = bySlug.get(slug);
    if (!e) {
      e = { names: new Map(), mentions: [], scenarios: [] };
      bySlug.set(slug, e);
    }
    const indexed = lockIndexName(name);
    e.names.set(indexed, (e.names.get(indexed) ?? 0) + 1);
    return e;
  };
  for (const { lock, ...rest } of mentions) {
    const e = entry(lock);
    // A numbered name stays with its mention: `#15` only means something inside that report's run.
    const numbered = splitRunNumber(canonicalLockName(lock)).run !== null;
    const mention: LockMention = numbered ? { ...rest, as: canonicalLockName(lock) } : rest;
    if (
      !e.mentions.some(
        (m) =>
          m.anchor === mention.anchor &&
          m.thread === mention.thread &&
          m.kind === mention.kind &&
          m.as === mention.as,
      )
    ) {
      e.mentions.push(mention);
    }
  }
  for (const { locks, ...scenario } of scenarios) {
    for (const lock of new Set(locks.map(lockClassSlug))) {
      const name = locks.find((l) => lockClassSlug(l) === lock) as string;
      entry(name).scenarios.push(scenario);
    }
  }
  return [...bySlug.entries()]
    .map(([slug, e]) => ({
      slug,
      names: [...e.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n),
      mentions: e.mentions,
      scenarios: e.scenarios,
    }))
    .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''));
}
