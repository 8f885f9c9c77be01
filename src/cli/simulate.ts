// `npm run simulate -- [--json] [--all | SCENARIO…] [--format text|mermaid|ascii] [--max-states N] [--max-ms N] [--max-mb N] [--reduce]`
// Model-checks scenario models (content/threads/*/scenarios/*.ts) and prints verdicts, traces, what
// lockdep would report and diagrams. With --json the last stdout line is one JSON array. Exits 1 when a
// verdict differs from what the scenario expects, 2 on bad usage.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lockdepText, lockGraphMermaid, scenarioTable, sequenceMermaid } from '../lib/diagrams/index.ts';
import {
  compareWithLockdep,
  type ExploreResult,
  explore,
  type LockdepReport,
  lockdepSummary,
  type Scenario,
  validateScenario,
} from '../lib/locks/index.ts';

const USAGE =
  'usage: npm run simulate -- [--json] [--all | SCENARIO...] [--format text|mermaid|ascii] [--max-states N] [--max-ms N] [--max-mb N] [--reduce]';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A scenario model file found under content/threads. */
export interface ScenarioFile {
  thread: string;
  file: string;
  scenario: Scenario;
}

/** Loads every scenario model under `<root>/content/threads/<slug>/scenarios/*.ts`, sorted by thread and file. */
export async function loadScenarios(root = repoRoot): Promise<ScenarioFile[]> {
  const threadsDir = path.join(root, 'content/threads');
  const out: ScenarioFile[] = [];
  for (const thread of safeList(threadsDir).sort()) {
    const dir = path.join(threadsDir, thread, 'scenarios');
    for (const name of safeList(dir).sort()) {
      if (!name.endsWith('.ts')) continue;
      const file = path.join(dir, name);
      const mod = (await import(pathToFileURL(file).href)) as { default?: Scenario };
      if (!mod.default) throw new Error(`${file}: no default export`);
      out.push({ thread, file, scenario: mod.default });
    }
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Picks scenarios by id, `thread/id` or file path; all when `names` is empty. */
export function pickScenarios(all: ScenarioFile[], names: string[]): ScenarioFile[] {
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

function textReport(s: Scenario, r: ExploreResult, report: LockdepReport): string {
  const lines = [
    `${s.id}: ${s.title}`,
    `  thread ${s.thread}, answers <${s.answers}>`,
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
  const picked = pickScenarios(await loadScenarios(), positionals);
  const results: { r: ExploreResult; report: LockdepReport; scenario: Scenario }[] = [];
  let mismatches = 0;
  for (const f of picked) {
    const r = explore(f.scenario, budget);
    const report = validateScenario(f.scenario);
    results.push({ r, report, scenario: f.scenario });
    if (f.scenario.expect && r.verdict !== f.scenario.expect) mismatches++;
    if (values.json) continue;
    if (format === 'mermaid') {
      process.stdout.write(`%% ${f.scenario.id}\n${sequenceMermaid(r)}\n${lockGraphMermaid(report)}\n`);
    } else if (format === 'ascii') {
      const findings = report.findings.map((x) => lockdepText(report, x)).join('\n');
      process.stdout.write(`${scenarioTable(r)}${findings ? `\n${findings}` : ''}\n`);
    } else {
      process.stdout.write(`${textReport(f.scenario, r, report)}\n\n`);
    }
  }
  if (values.json) {
    const rows = results.map(({ r, report, scenario }) => ({
      id: r.id,
      thread: r.thread,
      title: r.title,
      verdict: r.verdict,
      lockdep: lockdepSummary(report),
      lockdepCheck: compareWithLockdep(scenario, r, report),
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
    }));
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
