// Runs the validator on every expressible self-test case and compares with lockdep's expected outcome.

import { validateScenario } from '../../src/lib/locks/validator.ts';
import type { Outcome, SelftestCase } from './cases.ts';

/** Finding kinds that are lockdep reports (a self-test case "fails" when lockdep prints any of them). */
export const REPORT_KINDS = new Set([
  'circular',
  'irq-inversion',
  'inconsistent',
  'recursive',
  'bad-unlock',
  'held-lock-freed',
]);

/** One case's result: what our validator says, or the error compiling the model. */
export interface CaseResult {
  c: SelftestCase;
  got?: Outcome;
  kinds: string[];
  error?: string;
}

/** Validates one expressible case. */
export function runCase(c: SelftestCase): CaseResult {
  if (!c.model) return { c, kinds: [] };
  try {
    const kinds = [...new Set(validateScenario(c.model).findings.map((f) => f.kind))];
    const got: Outcome = kinds.some((k) => REPORT_KINDS.has(k)) ? 'warn' : 'no-warning';
    return { c, got, kinds };
  } catch (e) {
    return { c, kinds: [], error: e instanceof Error ? e.message : String(e) };
  }
}
