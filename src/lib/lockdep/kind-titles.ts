// What lockdep calls each report kind, for headings when a paste lost its banner.
import type { ReportKind } from './types.ts';

/** The words lockdep's banner uses for each kind (`scenario`: a CPU table on its own). */
export const KIND_TITLES: Record<ReportKind, string> = {
  circular: 'possible circular locking dependency',
  'irq-inversion': 'possible irq lock inversion dependency',
  inconsistent: 'inconsistent lock state',
  recursive: 'possible recursive locking',
  scenario: 'deadlock scenario table',
};
