// Prints precision and recall of the report finder against docs/labels/splat-labels.md.
// Usage: npm run bench:splats-labels
import { performance } from 'node:perf_hooks';
import { scoreShowcase } from '../tests/unit/lockdep/support/splat-labels.ts';

const t0 = performance.now();
const r = await scoreShowcase();
const f = (x: number) => x.toFixed(3);
console.log(`messages scored: ${r.messages}`);
for (const [name, s] of [
  ['(message, kind) pairs', r.pairs],
  ['messages (any report)', r.byMessage],
  ['report counts (info)', r.reports],
] as const) {
  console.log(
    `${name.padEnd(24)} precision ${f(s.precision)} recall ${f(s.recall)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
  );
}
for (const m of r.mismatches) console.log(`  mismatch: ${m}`);
console.log(`time: ${((performance.now() - t0) / 1000).toFixed(2)} s (reading + decoding + parsing)`);
