// `npm run bench:lockdep-selftests`: lockdep's own self-tests (lib/locking-selftest.c, 6.1 and 2.6.30)
// against our validator. Prints `N/M agree` over the cases the model expresses, every disagreement,
// and every case it cannot express with the reason.

import { SELFTEST_CASES } from './lockdep-selftests/cases.ts';
import { runCase } from './lockdep-selftests/run.ts';

const results = SELFTEST_CASES.map(runCase);
const expressible = results.filter((r) => r.c.model);
const agree = expressible.filter((r) => r.got === r.c.expect);
console.log('bench:lockdep-selftests — lib/locking-selftest.c cases vs the lockdep-style validator');
for (const v of ['6.1', '2.6.30'] as const) {
  const e = expressible.filter((r) => r.c.version === v);
  const a = e.filter((r) => r.got === r.c.expect);
  const all = results.filter((r) => r.c.version === v);
  console.log(
    `${v}: ${a.length}/${e.length} agree (${all.length - e.length} of ${all.length} cases not expressible)`,
  );
}
console.log(`${agree.length}/${expressible.length} agree`);
const bad = expressible.filter((r) => r.got !== r.c.expect);
if (bad.length > 0) {
  console.log('\nDisagreements');
  for (const r of bad)
    console.log(
      `  ${r.c.version} ${r.c.name}: lockdep ${r.c.expect}, ours ${r.error ? `error: ${r.error}` : `${r.got} [${r.kinds.join(', ')}]`}`,
    );
}
console.log('\nNot expressible');
const byReason = new Map<string, string[]>();
for (const r of results.filter((x) => !x.c.model)) {
  const k = r.c.inexpressible ?? '';
  byReason.set(k, [...(byReason.get(k) ?? []), `${r.c.version} ${r.c.name}`]);
}
for (const [reason, names] of byReason) {
  console.log(`  ${names.length} cases — ${reason}:`);
  console.log(`    ${names.join(', ')}`);
}
