// Reads docs/labels/splat-labels.md and scores the parser against it on the 12 showcase threads.
// Shared by tests/unit/lockdep/showcase-labels.test.ts and bench/splats-labels.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isRejection, readAllMessages } from '../../../../src/importers/read-messages.ts';
import { findReports } from '../../../../src/lib/lockdep/find-reports.ts';

/** One labelled message. */
export interface Label {
  file: string;
  index: number;
  messageId: string;
  /** kind → number of reports of that kind */
  kinds: Map<string, number>;
}

/** Precision and recall with the counts behind them. */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export const repoRoot = path.resolve(import.meta.dirname, '../../../..');
export const threadsDir = path.resolve(repoRoot, '../shared/corpus/threads');

/** Parse the label table. */
export function readLabels(file = path.join(repoRoot, 'docs/labels/splat-labels.md')): Label[] {
  const out: Label[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\|\s*(\S+\.mbox)\s*\|\s*(\d+)\s*\|\s*`([^`]+)`\s*\|\s*([\w, -]+?)\s*\|\s*(\d+)\s*\|/.exec(
      line,
    );
    if (!m) continue;
    const kinds = new Map<string, number>();
    for (const k of (m[4] ?? '').split(',').map((s) => s.trim())) if (k !== '-') kinds.set(k, Number(m[5]));
    out.push({ file: m[1] ?? '', index: Number(m[2]), messageId: m[3] ?? '', kinds });
  }
  return out;
}

function score(tp: number, fp: number, fn: number): Score {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/** Run the parser over every showcase message and compare with the labels. */
export async function scoreShowcase(): Promise<{
  messages: number;
  pairs: Score;
  byMessage: Score;
  reports: Score;
  mismatches: string[];
}> {
  if (!existsSync(threadsDir))
    throw new Error(`corpus not found at ${threadsDir} (expected ../shared/corpus)`);
  const labels = new Map(readLabels().map((l) => [`${l.file}#${l.index}`, l]));
  const pair = { tp: 0, fp: 0, fn: 0 };
  const msg = { tp: 0, fp: 0, fn: 0 };
  const rep = { tp: 0, fp: 0, fn: 0 };
  const count = (c: typeof pair, want: number, got: number) => {
    c.tp += Math.min(want, got);
    c.fp += Math.max(0, got - want);
    c.fn += Math.max(0, want - got);
  };
  const mismatches: string[] = [];
  let messages = 0;
  for (const file of readdirSync(threadsDir)
    .filter((f) => f.endsWith('.mbox'))
    .sort()) {
    const all = await readAllMessages(path.join(threadsDir, file));
    for (const [index, m] of all.entries()) {
      if (isRejection(m)) throw new Error(`${file}#${index} unreadable: ${m.reason}`);
      messages++;
      const label = labels.get(`${file}#${index}`);
      if (!label || label.messageId !== m.messageId)
        throw new Error(`no label for ${file}#${index} <${m.messageId}>`);
      const found = new Map<string, number>();
      for (const text of [m.body, ...m.attachments.map((a) => a.text ?? '')]) {
        for (const r of findReports(text)) found.set(r.kind, (found.get(r.kind) ?? 0) + 1);
      }
      for (const kind of new Set([...found.keys(), ...label.kinds.keys()])) {
        const want = label.kinds.get(kind) ?? 0;
        const got = found.get(kind) ?? 0;
        count(pair, want ? 1 : 0, got ? 1 : 0);
        count(rep, want, got);
        if (want !== got)
          mismatches.push(`${file}#${index} <${m.messageId}> ${kind}: labelled ${want}, found ${got}`);
      }
      const want = label.kinds.size > 0;
      const got = found.size > 0;
      count(msg, want ? 1 : 0, got ? 1 : 0);
    }
  }
  return {
    messages,
    pairs: score(pair.tp, pair.fp, pair.fn),
    byMessage: score(msg.tp, msg.fp, msg.fn),
    reports: score(rep.tp, rep.fp, rep.fn),
    mismatches,
  };
}
