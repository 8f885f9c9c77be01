// The thread index the home page and thread pages read: one card per thread (report kinds, authors,
// verdicts of its models) and the patch series that join threads (lib/mail/series.ts).

import type { Verdict } from '../lib/locks/index.ts';
import { revealBidiControls } from '../lib/mail/bidi.ts';
import { findSeries, type Series } from '../lib/mail/series.ts';
import { modelFacts } from './model-facts.ts';
import { threadScenarios } from './scenarios.ts';
import { allThreads } from './thread-entries.ts';

/** A thread as the home page lists it. */
export interface ThreadCard {
  slug: string;
  title: string;
  list: string;
  /** First message's date (ISO UTC), '' when no message is dated. */
  utc: string;
  messages: number;
  /** Senders in order of first message, by name (address when unnamed). */
  authors: string[];
  /** Kinds of lockdep report in its messages, in order of appearance, once each. */
  kinds: string[];
  /** Verdicts of its models: the report's, then each fix's. */
  verdicts: { role: string; verdict: Verdict; title: string }[];
  /** The series it posts a version of, when there are other versions. */
  series?: Series;
}

let cards: Promise<ThreadCard[]> | undefined;

/** Every thread of the build as a card (cached for the build). */
export function threadCards(): Promise<ThreadCard[]> {
  cards ??= collect();
  return cards;
}

async function collect(): Promise<ThreadCard[]> {
  const threads = await allThreads();
  const bySlug = new Map<string, Series>();
  for (const series of findSeries(threads.map((t) => ({ id: t.id, messages: t.data.messages }))))
    for (const v of series.versions) bySlug.set(v.id, series);
  const out: ThreadCard[] = [];
  for (const t of threads) {
    const messages = t.data.messages;
    const dates = messages.flatMap((m) => (m.date ? [m.date.utc] : [])).sort();
    const models = (await threadScenarios(t.id)).map(modelFacts);
    const series = bySlug.get(t.id);
    out.push({
      slug: t.id,
      title: revealBidiControls(t.data.meta.title ?? messages[0]?.subject ?? t.id),
      list: t.data.meta.list ?? messages[0]?.list ?? 'unlisted',
      utc: dates[0] ?? '',
      messages: messages.length,
      authors: [...new Set(messages.map((m) => revealBidiControls(m.from.name || m.from.address)))],
      kinds: [...new Set(messages.flatMap((m) => m.reports.map((r) => r.kind)))],
      verdicts: models.map((m) => ({ role: m.role ?? 'model', verdict: m.verdict, title: m.title })),
      ...(series ? { series } : {}),
    });
  }
  return out;
}

/** The series a thread posts a version of, if any. */
export async function seriesOf(slug: string): Promise<Series | undefined> {
  return (await threadCards()).find((c) => c.slug === slug)?.series;
}

/** A report kind in running words, for badges (lockdep's own names for its findings). */
export const KIND_WORDS: Record<string, string> = {
  circular: 'circular dependency',
  'irq-inversion': 'irq lock inversion',
  inconsistent: 'inconsistent lock state',
  recursive: 'recursive locking',
  scenario: 'CPU scenario',
};

/** Headings of the home page's by-kind groups, in the order shown (unknown kinds follow). */
export const KIND_HEADINGS: Record<string, string> = {
  circular: 'Possible circular locking dependency',
  'irq-inversion': 'Possible irq lock inversion',
  inconsistent: 'Inconsistent lock state',
  recursive: 'Possible recursive locking',
  scenario: 'Unsafe locking scenario tables only',
  none: 'No lockdep report in the mail',
};
