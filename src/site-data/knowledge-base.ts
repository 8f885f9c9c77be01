// The knowledge base: every annotated thread with its report model, its fixes and their verdicts, grouped
// by kind of bug and subsystem (the home page's front), plus the look-ups the lock-class and symbol
// pages use to list the annotated threads and models that involve them.

import { getCollection } from 'astro:content';
import { citationsOf } from '../lib/kernel/citations.ts';
import { canonicalLockName, lockClassNames, lockClassSlug } from '../lib/lock-classes/lock-class.ts';
import type { Scenario } from '../lib/locks/model.ts';
import { type LockdepFact, type ModelFacts, modelFacts } from './model-facts.ts';
import { oncePerBuild } from './once-per-build.ts';
import { allScenarioViews, catalogScenarios } from './scenarios.ts';
import { allThreads } from './thread-entries.ts';

/** One annotated thread as the knowledge base lists it. */
export interface KbThread {
  slug: string;
  title: string;
  /** Kind of bug: thread.yaml `kind`, else the report model's first lockdep finding, else `other`. */
  kind: string;
  /** The subsystem it is filed under: the first of thread.yaml `subsystems`, up to any `:`. */
  subsystem: string;
  kernel?: string;
  summary?: string;
  /** The reported chain as lockdep would print it (the report model's first finding). */
  chain?: LockdepFact;
  report?: ModelFacts;
  fixes: ModelFacts[];
  /** Whether this build holds the thread's mail. */
  mail: 'present' | 'partial' | 'absent';
}

/** Threads of one subsystem within a kind. */
export interface KbSubsystem {
  name: string;
  threads: KbThread[];
}

/** Threads of one kind of bug. */
export interface KbGroup {
  kind: string;
  subsystems: KbSubsystem[];
}

// Order and words of the kinds on the home page; unknown kinds follow, in name order.
const KIND_ORDER = ['circular', 'irq-inversion', 'inconsistent', 'recursive', 'other'];

/** The heading for a kind of bug. */
export function kindHeading(kind: string): string {
  const words: Record<string, string> = {
    circular: 'Circular lock dependencies',
    'irq-inversion': 'Irq lock inversions',
    inconsistent: 'Inconsistent lock state (irq and softirq usage)',
    recursive: 'Recursive locking',
    other: 'Other locking bugs',
  };
  return words[kind] ?? kind;
}

/** Every annotated thread of the build (a folder naming its `root`), sorted by title. */
export const kbThreads: () => Promise<KbThread[]> = oncePerBuild(collect);

async function collect(): Promise<KbThread[]> {
  const threads = (await allThreads()).filter((t) => t.data.annotated);
  const views = await allScenarioViews();
  return threads
    .map((t): KbThread => {
      const models = views.filter((v) => v.scenario.thread === t.id).map(modelFacts);
      const report = models.find((m) => m.role === 'report');
      const chain = report?.lockdep[0];
      const meta = t.data.meta;
      return {
        slug: t.id,
        title: meta.title ?? t.data.messages[0]?.subject ?? t.id,
        kind: meta.kind ?? chain?.kind ?? 'other',
        subsystem: (meta.subsystems[0] ?? 'other').split(':')[0]?.trim() || 'other',
        ...(meta.kernel ? { kernel: meta.kernel } : {}),
        ...(meta.summary ? { summary: meta.summary } : {}),
        ...(chain ? { chain } : {}),
        ...(report ? { report } : {}),
        fixes: models.filter((m) => m.role === 'fix'),
        mail: t.data.mail.state,
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** The annotated threads grouped by kind of bug (in KIND_ORDER), then subsystem (by name). */
export async function kbGroups(): Promise<KbGroup[]> {
  const byKind = new Map<string, Map<string, KbThread[]>>();
  for (const t of await kbThreads()) {
    const subs = byKind.get(t.kind) ?? new Map<string, KbThread[]>();
    subs.set(t.subsystem, [...(subs.get(t.subsystem) ?? []), t]);
    byKind.set(t.kind, subs);
  }
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  return [...byKind.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([kind, subs]) => ({
      kind,
      subsystems: [...subs.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, threads]) => ({ name, threads })),
    }));
}

/** True for a model that declares the lock class with this slug. */
const declaresLock = (slug: string) => (scenario: Scenario) =>
  scenario.locks.some((l) => lockClassNames(l).some((n) => lockClassSlug(canonicalLockName(n)) === slug));

/** The kernel function a model step names (`ib_post_send_mad()` → `ib_post_send_mad`). */
function functionName(fn: string): string {
  return fn.replace(/\(\)$/, '').trim();
}

// The kernel functions each model's steps stand for, walked once per model: every symbol page asks
// every model (600 symbols by 47 models on the bulk archive, a tenth of a second of each build).
const citedFunctions = new WeakMap<Scenario, Set<string>>();

/** The kernel functions a model cites (citationsOf: nested steps, if/while bodies and releases included). */
function functionsCited(scenario: Scenario): Set<string> {
  let names = citedFunctions.get(scenario);
  if (!names) {
    names = new Set(citationsOf(scenario).map((c) => functionName(c.fn)));
    citedFunctions.set(scenario, names);
  }
  return names;
}

/** True for a model whose steps stand for the kernel function `name`. */
const citesFunction = (name: string) => (scenario: Scenario) => functionsCited(scenario).has(name);

/** Threads with a model that `uses` accepts (models read, not explored). */
async function threadsWithModel(uses: (scenario: Scenario) => boolean): Promise<Set<string>> {
  return new Set((await catalogScenarios()).filter(uses).map((s) => s.thread));
}

/**
 * What these threads' knowledge-base entries are made of besides their models and notes (which an
 * incremental build's site digest covers): each annotated one and its digest (thread.yaml, mail,
 * where the mail is). A page key holding this needs no model explored (site-data/render-plan.ts).
 */
async function annotatedDigests(slugs: Set<string>): Promise<Array<[string, unknown]>> {
  return (await annotatedThreadDigests()).filter(([slug]) => slugs.has(slug));
}

/** Each annotated thread's slug and digest, in collection order; looked up once per build, not per symbol page. */
const annotatedThreadDigests = oncePerBuild(() =>
  getCollection('threads').then((threads) =>
    threads.filter((t) => t.data.annotated).map((t): [string, unknown] => [t.id, t.digest]),
  ),
);

/** Annotated threads whose models declare the lock class with this slug (/locks/<class>/). */
export async function kbThreadsForLock(slug: string): Promise<KbThread[]> {
  const involved = await threadsWithModel(declaresLock(slug));
  return (await kbThreads()).filter((t) => involved.has(t.slug));
}

/** What kbThreadsForLock(slug) is made of beyond the site digest (annotatedDigests). */
export async function kbInputsForLock(slug: string): Promise<Array<[string, unknown]>> {
  return annotatedDigests(await threadsWithModel(declaresLock(slug)));
}

/** What kbForSymbol(name) is made of beyond the site digest (annotatedDigests). */
export async function kbInputsForSymbol(name: string): Promise<Array<[string, unknown]>> {
  return annotatedDigests(await threadsWithModel(citesFunction(name)));
}

/** Models whose steps stand for the kernel function `name`, and their threads (symbol pages). */
export async function kbForSymbol(name: string): Promise<{ threads: KbThread[]; models: ModelFacts[] }> {
  const views = (await allScenarioViews()).filter((v) => citesFunction(name)(v.scenario));
  const slugs = new Set(views.map((v) => v.scenario.thread));
  return {
    threads: (await kbThreads()).filter((t) => slugs.has(t.slug)),
    models: views.map(modelFacts),
  };
}
