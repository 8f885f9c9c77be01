// `npm run simulate -- [--json] [--all | SCENARIO…] [--format text|mermaid|ascii] [--max-states N] [--max-ms N] [--max-mb N] [--reduce]`
// Model-checks the scenario models of the one catalog (every content root: content/threads and
// LOCKSTEP_CONTENT, src/loaders/scenario-catalog.ts) and prints verdicts, traces, what lockdep would
// report and diagrams. With --json the last stdout line is one JSON array. Exits 1 when a verdict differs
// from what the scenario expects, 2 on bad usage.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { lockdepText } from '../lib/diagrams/index.ts';
import {
  compareWithLockdep,
  type ExploreResult,
  lockdepSummary,
  type Scenario,
  type ValidatorReport,
} from '../lib/locks/index.ts';
import { analyseScenario } from '../lib/scenario-runtime/analyse.ts';
import { DIAGRAM_KINDS } from '../lib/scenario-runtime/diagram-kinds/index.ts';
import { type CatalogEntry, loadScenarioCatalog } from '../loaders/scenario-catalog.ts';
import { contentRoots } from '../loaders/threads.ts';

const USAGE =
  'usage: npm run simulate -- [--json] [--all | SCENARIO...] [--format text|mermaid|ascii] [--max-states N] [--max-ms N] [--max-mb N] [--reduce]';
/** Picks scenarios by id, `thread/id` or file path; all when `names` is empty. */
export function pickScenarios(all: CatalogEntry[], names: string[]): CatalogEntry[] {
  if (names.length === 0) return all;
  return names.map((n) => {
    const abs = path.resolve(n);
    const hit = all.find(
      (f) => f.scenario.id === n || `${f.thread}/${f.scenario.id}` === n || f.file === abs,
    );
    if (!hit)
      throw new UsageError(`unknown scenario: ${n} (known: ${all.map((f) => f.scenario.id).join(', ')})`);
    return hit;
  });
}

class UsageError extends Error {}

/** One --json record: the scenario, its place in its thread, lockdep's reading and the explorer's verdict. */
function jsonRecord(f: CatalogEntry, r: ExploreResult, report: ValidatorReport) {
  const s = f.scenario;
  return {
    id: r.id,
    thread: r.thread,
    ...(f.threadRoot ? { thread_root: f.threadRoot } : {}),
    ...(s.role ? { role: s.role } : {}),
    ...(s.role === 'fix' && s.fate ? { fate: s.fate } : {}),
    title: r.title,
    verdict: r.verdict,
    ...(s.expect ? { expect: s.expect } : {}),
    lockdep: lockdepSummary(report),
    lockdepCheck: compareWithLockdep(s, r, report),
    ...(r.limit ? { limit: r.limit } : {}),
    states: r.states,
    transitions: r.transitions,
    ms: Math.round(r.ms * 100) / 100,
    trace: r.trace.map((t) => ({
      step: t.step,
      cpu: t.cpu,
      context: t.context,
      action: t.action,
      ...(t.cycle ? { cycle: true } : {}),
      ...(t.blocked !== undefined ? { blocked: t.blocked } : {}),
    })),
  };
}

function textReport(s: Scenario, r: ExploreResult, report: ValidatorReport): string {
  const lines = [
    `${s.id}: ${s.title}`,
    `  thread ${s.thread}, answers <${s.answers}>${s.role ? `; ${s.role}${s.fate ? ` (${s.fate})` : ''}` : ''}`,
    `  verdict: ${r.verdict} (${r.states} states, ${r.transitions} transitions, ${r.ms.toFixed(1)} ms)` +
      (s.expect && s.expect !== r.verdict ? `  EXPECTED ${s.expect}` : ''),
  ];
  if (r.limit) lines.push(`  stopped: ${r.limit}`);
  if (r.reduced) lines.push(`  reduced: ${r.reduced.join(', ')} (counts are of the reduced space)`);
  const check = compareWithLockdep(s, r, report);
  if (check.kind !== 'agree' && check.kind !== 'unknown') lines.push(`  ${check.text}`);
  for (const t of r.trace) {
    if (t.blocked !== undefined) lines.push(`  stuck  CPU${t.cpu} ${t.context}: ${t.blocked}`);
    else
      lines.push(
        `  ${String(t.step).padStart(4)}${t.cycle ? ' ↻' : '  '}CPU${t.cpu} ${t.context}: ${t.action}   [${t.code.fn} ${t.code.file}]`,
      );
  }
  if (r.lostWork) {
    lines.push(`  an atomic allocation can fail and drop work (${r.lostWork.length} steps):`);
    for (const t of r.lostWork)
      lines.push(`  ${String(t.step).padStart(4)}  CPU${t.cpu} ${t.context}: ${t.action}`);
  }
  for (const f of report.findings) {
    lines.push(
      '',
      ...lockdepText(report, f)
        .trimEnd()
        .split('\n')
        .map((l) => `  | ${l}`),
    );
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'max-states': { type: 'string' },
      'max-ms': { type: 'string' },
      'max-mb': { type: 'string' },
      reduce: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'mermaid', 'ascii'].includes(format)) throw new UsageError(`bad --format ${format}`);
  if (values.all && positionals.length > 0) throw new UsageError('--all takes no scenario names');
  const num = (flag: 'max-states' | 'max-ms' | 'max-mb'): number | undefined => {
    const v = values[flag];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} needs a positive number, not ${v}`);
    return n;
  };
  const budget = {
    maxStates: num('max-states'),
    maxMs: num('max-ms'),
    maxMb: num('max-mb'),
    ...(values.reduce ? { reduce: { por: true, symmetry: true } } : {}),
  };
  const picked = pickScenarios(await loadScenarioCatalog(contentRoots()), positionals);
  const results: { r: ExploreResult; report: ValidatorReport }[] = [];
  let mismatches = 0;
  for (const f of picked) {
    const a = analyseScenario(f.scenario, budget);
    const { explored: r, report } = a;
    results.push({ r, report });
    if (f.scenario.expect && r.verdict !== f.scenario.expect) mismatches++;
    if (values.json) continue;
    // Diagram formats print every kind of the registry, as /diagrams/<id>.mmd and .txt hold them.
    if (format === 'mermaid') {
      const texts = DIAGRAM_KINDS.map((k) => a.mermaid[k.id]);
      process.stdout.write(`%% ${f.scenario.id}\n${texts.join('\n')}\n`);
    } else if (format === 'ascii') {
      process.stdout.write(`${DIAGRAM_KINDS.map((k) => k.text(a, 72)).join('\n')}\n`);
    } else {
      process.stdout.write(`${textReport(f.scenario, r, report)}\n\n`);
    }
  }
  if (values.json) {
    const rows = picked.map((f, i) => {
      const { r, report } = results[i] as { r: ExploreResult; report: ValidatorReport };
      return jsonRecord(f, r, report);
    });
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    process.stdout.write(
      `${picked.length} scenarios, ${mismatches} verdicts differ from what the scenario expects\n`,
    );
  }
  return mismatches > 0 ? 1 : 0;
}

if (import.meta.main) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      if (err instanceof UsageError) process.stderr.write(`${USAGE}\n`);
      process.exitCode = err instanceof UsageError ? 2 : 1;
    },
  );
}
