// Every complete lockdep report found in a corpus, re-rendered in each log form it can arrive in
// (dmesg and its flags, syslog, journalctl, raw printk, caller ids, rsyslog escapes, interleaved lines,
// wrapping, CRLF, quoting; see tests/unit/lockdep/support/log-forms.ts): prints, per form, how often
// the parser reads the same lock classes (kind, class set, chain order) as from the report as mailed.
// Usage: npm run bench:splats-forms -- [PATH…]   (default ../shared/corpus/linux-rdma-locking.mbox.gz)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isRejection, readMessages } from '../src/importers/read-messages.ts';
import {
  type SampleReport,
  sampleReports,
  scoreForms,
} from '../tests/unit/lockdep/support/form-agreement.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const sources = process.argv.slice(2);
if (sources.length === 0) sources.push(path.resolve(repoRoot, '../shared/corpus/linux-rdma-locking.mbox.gz'));

const samples: SampleReport[] = [];
for (const source of sources) {
  for await (const m of readMessages(source)) {
    if (isRejection(m)) continue;
    for (const text of [m.body, ...m.attachments.map((a) => a.text ?? '')]) {
      if (text !== '') samples.push(...sampleReports(text, `<${m.messageId}>`));
    }
  }
}

const started = performance.now();
const scores = scoreForms(samples);
const ms = performance.now() - started;
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`sources: ${sources.join(', ')}`);
console.log(`complete reports (banner and at least one class): ${samples.length}`);
console.log(`${'form'.padEnd(24)} ${'agree'.padStart(9)} ${'rate'.padStart(7)}  missed  what`);
let agree = 0;
let total = 0;
for (const s of scores) {
  agree += s.agree;
  total += s.total;
  console.log(
    `${s.form.name.padEnd(24)} ${`${s.agree}/${s.total}`.padStart(9)} ${pct(s.agree, s.total).padStart(7)}  ${String(s.missed).padStart(6)}  ${s.form.about}`,
  );
}
console.log(
  `overall agreement: ${agree}/${total} = ${pct(agree, total)} (parse time ${(ms / 1000).toFixed(1)} s)`,
);
for (const s of scores) {
  for (const f of s.failures.slice(0, 2))
    console.log(
      `  ${s.form.name}: ${f.source} expected ${f.expected}, got ${f.got.join(' | ') || 'nothing'}`,
    );
}
