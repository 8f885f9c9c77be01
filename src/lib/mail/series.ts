// Patch series across threads: v1…vN of a patch (and their cover letters), each posted as its own
// thread, joined into one series. The rule is b4's: a series is the same subject after the
// `[PATCH vN m/n]` prefix from the same author (b4 `get_series`, https://b4.docs.kernel.org/).

import { isReplySubject, normalizeSubject } from './subject.ts';

/** What the `[…]` prefix of a patch subject says. */
export interface PatchSubject {
  /** Revision: `v3` → 3; 1 when the prefix names none. */
  version: number;
  /** Position in the series (`2/5` → 2; 0 for a cover letter); null for a lone `[PATCH]`. */
  part: number | null;
  /** Series length (`2/5` → 5); null for a lone `[PATCH]`. */
  total: number | null;
  /** The subject after the prefix, normalised (lower case, white space collapsed). */
  title: string;
}

// A bracket that marks a patch: `[PATCH]`, `[PATCHv2 1/1]`, `[PATCH rdma-rc v2]`, `[RFC PATCH v3 0/4]`.
const PATCH_TAG = /\[([^\]]*\bPATCH[^\]]*)\]/i;

/** Reads a patch's subject prefix; null for replies and for subjects without a `[…PATCH…]` tag. */
export function parsePatchSubject(subject: string): PatchSubject | null {
  if (isReplySubject(subject)) return null;
  const tag = PATCH_TAG.exec(subject)?.[1];
  if (tag === undefined) return null;
  const version = /(?:^|[\s_-]|PATCH)v(\d+)\b/i.exec(tag)?.[1];
  const counter = /\b(\d+)\/(\d+)\b/.exec(tag);
  const title = normalizeSubject(subject);
  if (title === '') return null;
  return {
    version: version ? Number(version) : 1,
    part: counter ? Number(counter[1]) : null,
    total: counter ? Number(counter[2]) : null,
    title,
  };
}

/** The messages of one thread as the series rule reads them. */
export interface SeriesThread {
  /** The thread's page (slug). */
  id: string;
  messages: ReadonlyArray<{ subject: string; from: { address: string }; date: { utc: string } | null }>;
}

/** One version of a series: the thread that posted it. */
export interface SeriesVersion {
  /** The thread (slug). */
  id: string;
  version: number;
  /** When the version was posted (its first patch or cover letter), ISO UTC; '' when undated. */
  date: string;
}

/** Threads that post versions of one series, oldest version first. */
export interface Series {
  /** The series' subject after the prefix, as first posted (normalised). */
  title: string;
  /** The author's address. */
  author: string;
  versions: SeriesVersion[];
}

/**
 * Joins threads into series. A thread's patches are its non-reply `[PATCH]` messages; its version is
 * that of the earliest one. Two threads are one series when a patch of each has the same title and
 * author (so a cover letter joins through the patches it carries). Only series of two or more
 * threads are returned; a thread without patches belongs to none.
 */
export function findSeries(threads: readonly SeriesThread[]): Series[] {
  const parent = threads.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const owner = new Map<string, number>();
  const firsts: (SeriesVersion & { title: string; author: string })[] = [];
  threads.forEach((thread, i) => {
    const patches = thread.messages
      .flatMap((m) => {
        const patch = parsePatchSubject(m.subject);
        return patch && m.from.address
          ? [{ patch, author: m.from.address.toLowerCase(), date: m.date?.utc ?? '' }]
          : [];
      })
      .sort((a, b) => a.date.localeCompare(b.date));
    for (const { patch, author } of patches) {
      // The key is exact (title and author): b4 does not guess at reworded subjects, nor do we.
      const key = `${author}\u0000${patch.title}`;
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else parent[root(i)] = root(seen);
    }
    const first = patches[0];
    if (first)
      firsts[i] = {
        id: thread.id,
        version: first.patch.version,
        date: first.date,
        title: first.patch.title,
        author: first.author,
      };
  });
  const groups = new Map<number, (SeriesVersion & { title: string; author: string })[]>();
  firsts.forEach((first, i) => {
    if (!first) return;
    const group = groups.get(root(i)) ?? [];
    group.push(first);
    groups.set(root(i), group);
  });
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const versions = group
        .sort((a, b) => a.version - b.version || a.date.localeCompare(b.date))
        .map(({ id, version, date }) => ({ id, version, date }));
      const first = group[0] as { title: string; author: string };
      return { title: first.title, author: first.author, versions };
    });
}
