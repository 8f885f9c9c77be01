// Runs the lockdep report finder over every message of a corpus file and prints counts by kind,
// failures and the time spent parsing (decoding the mail is timed separately).
// Usage: npm run bench:splats -- [PATH]   (default ../shared/corpus/linux-rdma-locking.mbox.gz)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isRejection, readMessages } from '../src/importers/read-messages.ts';
import { findReports } from '../src/lib/lockdep/find-reports.ts';
import type { ReportKind } from '../src/lib/lockdep/types.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const source = process.argv[2] ?? path.resolve(repoRoot, '../shared/corpus/linux-rdma-locking.mbox.gz');

const reportsByKind = new Map<ReportKind, number>();
const messagesByKind = new Map<ReportKind, number>();
let rejected = 0;
let withReports = 0;
let reports = 0;
let partial = 0;
let quoted = 0;
let crashes = 0;
let bytes = 0;

// Phase 1: read and decode everything (timed apart, so the parse time below is the parser's alone).
const readStart = performance.now();
const messages: { id: string; texts: string[] }[] = [];
for await (const m of readMessages(source)) {
  if (isRejection(m)) {
    rejected++;
    continue;
  }
  const texts = [m.body, ...m.attachments.map((a) => a.text ?? '')].filter((t) => t !== '');
  for (const t of texts) bytes += t.length;
  messages.push({ id: m.messageId, texts });
}
const readMs = performance.now() - readStart;

// Phase 2: find reports in every text.
const parseStart = performance.now();
for (const m of messages) {
  const kinds = new Set<ReportKind>();
  for (const text of m.texts) {
    try {
      for (const r of findReports(text)) {
        reports++;
        kinds.add(r.kind);
        reportsByKind.set(r.kind, (reportsByKind.get(r.kind) ?? 0) + 1);
        if (!r.hasBanner) partial++;
        if (r.quoteDepth > 0) quoted++;
      }
    } catch (error) {
      crashes++;
      console.error(`crash in <${m.id}>: ${(error as Error).stack}`);
    }
  }
  if (kinds.size > 0) withReports++;
  for (const k of kinds) messagesByKind.set(k, (messagesByKind.get(k) ?? 0) + 1);
}
const parseMs = performance.now() - parseStart;

console.log(`source: ${source}`);
console.log(`messages: ${messages.length} read, ${rejected} rejected by the reader`);
console.log(`crashes: ${crashes}`);
console.log(`messages with at least one report: ${withReports}`);
console.log(`reports: ${reports} (${partial} without banner, ${quoted} quoted)`);
console.log('kind            reports  messages');
for (const kind of ['circular', 'inconsistent', 'recursive', 'irq-inversion', 'scenario'] as ReportKind[]) {
  console.log(
    `${kind.padEnd(15)} ${String(reportsByKind.get(kind) ?? 0).padStart(7)}  ${String(messagesByKind.get(kind) ?? 0).padStart(8)}`,
  );
}
console.log(
  `parse time: ${parseMs.toFixed(0)} ms for ${(bytes / 1e6).toFixed(1)} MB of decoded text ` +
    `(${((bytes / 1e6 / parseMs) * 1000).toFixed(1)} MB/s, ${((parseMs / messages.length) * 1000).toFixed(0)} µs/message)`,
);
console.log(`reading (gunzip, mbox split, MIME decoding): ${(readMs / 1000).toFixed(1)} s`);
