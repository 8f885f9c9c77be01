// A lockdep report record as the parser produces it, for shapes no fixture has.

import type { LockdepReport } from '../../../src/lib/lockdep/types.ts';

/** An empty modern circular report with `fields` set. */
export function reportOf(fields: Partial<LockdepReport> = {}): LockdepReport {
  return {
    kind: 'circular',
    era: 'modern',
    hasBanner: true,
    quoteDepth: 0,
    lines: { start: 0, end: 0 },
    registered: [],
    chain: [],
    chainExists: [],
    held: [],
    backtrace: [],
    locks: [],
    missing: [],
    ...fields,
  };
}
