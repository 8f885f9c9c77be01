// What a reader (and the knowledge-base listings) needs to know about one model at a glance: its part in
// the thread, the fix's fate, what lockdep would report (kind and classes, as lockdep names them) and
// what the explorer found, including the case the two disagree (a lockdep false positive).

import {
  type FixFate,
  lockdepSummary,
  type ScenarioRole,
  type ValidatorReport,
  type Verdict,
} from '../lib/locks/index.ts';
import { VERDICT_WORDS as VERDICT_LABELS } from '../lib/scenario-runtime/sim-data.ts';
import type { ScenarioView } from './scenario-views.ts';

/** A verdict in running words, as tables and listings print it (lib's capitalised labels, lower-cased). */
export const VERDICT_WORDS = Object.fromEntries(
  Object.entries(VERDICT_LABELS).map(([k, v]) => [k, v.toLowerCase()]),
) as Record<Verdict, string>;

/** One lockdep finding reduced to its kind and the classes of its chain, in chain order. */
export interface LockdepFact {
  kind: string;
  classes: string[];
}

/** The facts of one model. */
export interface ModelFacts {
  id: string;
  thread: string;
  title: string;
  role?: ScenarioRole;
  fate?: FixFate;
  /** Message-ID of the message that proposed the fix (the model's `proposedIn`, else `answers`). */
  proposedIn: string;
  /** Message-ID of the message the model answers (where its panel sits). */
  answers: string;
  verdict: Verdict;
  expect?: Exclude<Verdict, 'incomplete'>;
  /** What lockdep would report on the model's code. */
  lockdep: LockdepFact[];
  /** Lockdep reports a problem the explorer proves cannot happen. */
  falsePositive: boolean;
  /** The explorer finds a deadlock or livelock and lockdep reports nothing (it cannot see it). */
  unseen: boolean;
  /** Why each context of the explorer's deadlock or livelock is stuck, in trace order (else empty). */
  stuck: string[];
}

/** The validator's findings as `{kind, classes}` with class names as lockdep prints them. */
export function lockdepFacts(report: ValidatorReport): LockdepFact[] {
  return lockdepSummary(report);
}

/** One line for a finding: a cycle as `A → B → A`, one class as `A`, a chain as `A → B`. */
export function chainLine(fact: LockdepFact): string {
  const cycle = fact.kind === 'circular' || fact.kind === 'recursive';
  const names =
    cycle && fact.classes.length > 0 ? [...fact.classes, fact.classes[0] as string] : fact.classes;
  return names.join(' → ');
}

/**
 * One line for a hang lockdep cannot see, where listings would print the chain: the stuck contexts the
 * explorer found, each saying what it waits for.
 */
export function unseenLine(facts: Pick<ModelFacts, 'unseen' | 'stuck'>): string | undefined {
  if (!facts.unseen || facts.stuck.length === 0) return undefined;
  return `lockdep sees no chain; ${facts.stuck.join('; ')}`;
}

/** Facts of a scenario view. */
export function modelFacts(view: ScenarioView): ModelFacts {
  const s = view.scenario;
  const lockdep = lockdepFacts(view.report);
  return {
    id: s.id,
    thread: s.thread,
    title: s.title,
    ...(s.role ? { role: s.role } : {}),
    ...(s.fate ? { fate: s.fate } : {}),
    proposedIn: s.proposedIn ?? s.answers,
    answers: s.answers,
    verdict: view.result.verdict,
    ...(s.expect ? { expect: s.expect } : {}),
    lockdep,
    falsePositive: lockdep.length > 0 && view.result.verdict === 'no-deadlock',
    unseen:
      lockdep.length === 0 && (view.result.verdict === 'deadlock' || view.result.verdict === 'livelock'),
    stuck: view.result.trace.flatMap((step) => (step.blocked ? [step.blocked] : [])),
  };
}
