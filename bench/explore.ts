// `npm run bench:explore [-- --write-promela] [--max-ring N] [--runs N] [--only seed|ring|reduce|primitives]`
// Prints states, transitions and states/s for our explorer and for SPIN on the same models, side by
// side: the seed thread's scenarios and a family of growing ring models. Needs `spin` and `gcc`
// (Debian: apt-get install -y spin). Wall times are medians of --runs runs (default 5) for our
// explorer and one run for SPIN's spin -a + gcc + pan.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileScenario } from '../src/lib/locks/compile.ts';
import { explore } from '../src/lib/locks/explore.ts';
import type { Scenario, Step } from '../src/lib/locks/model.ts';
import { OP_NAMES } from '../src/lib/locks/primitives/index.ts';
import { loadScenarioCatalog } from '../src/loaders/scenario-catalog.ts';
import { copies } from './explore-copies.ts';
import { ringModel } from './explore-models.ts';
import { runSpin } from './explore-spin.ts';
import { PRIMITIVE_MODELS } from './models/primitives.ts';
import { toPromela } from './promela/emit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Row {
  id: string;
  ours: {
    verdict: string;
    states: number;
    transitions: number;
    ms: number;
    coldMs: number;
    fullStates: number;
    /** Median wall time of the exhaustive, unreduced run. */
    fullMs: number;
  };
  spin: ReturnType<typeof runSpin>;
  spinExact: ReturnType<typeof runSpin>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function measure(s: Scenario, runs: number): Row {
  const cold = explore(s);
  const times = [cold.ms];
  for (let i = 1; i < runs; i++) times.push(explore(s).ms);
  const full = explore(s, { exhaustive: true });
  const fullTimes = [full.ms];
  for (let i = 1; i < runs; i++) fullTimes.push(explore(s, { exhaustive: true }).ms);
  const c = compileScenario(s);
  return {
    id: s.id,
    ours: {
      verdict: cold.verdict,
      states: cold.states,
      transitions: cold.transitions,
      ms: median(times),
      coldMs: cold.ms,
      fullStates: full.states,
      fullMs: median(fullTimes),
    },
    spin: runSpin(c, 'default'),
    spinExact: runSpin(c, 'exact'),
  };
}

const fmt = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '-');
// states per millisecond = thousands of states per second
const rate = (states: number, ms: number): string => fmt(states / Math.max(ms, 1e-3), 0);

function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    [
      'model'.padEnd(20),
      'ours: verdict'.padEnd(13),
      'states'.padStart(8),
      'trans'.padStart(8),
      'ms'.padStart(8),
      'kst/s'.padStart(7),
      '| SPIN: verdict'.padEnd(16),
      'states'.padStart(8),
      'trans'.padStart(8),
      'pan ms'.padStart(8),
      'kst/s'.padStart(7),
      'total ms'.padStart(9),
      '| full: ours'.padStart(12),
      'SPIN-1'.padStart(8),
    ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        r.id.padEnd(20),
        r.ours.verdict.padEnd(13),
        String(r.ours.states).padStart(8),
        String(r.ours.transitions).padStart(8),
        fmt(r.ours.ms, 2).padStart(8),
        rate(r.ours.states, r.ours.ms).padStart(7),
        `| ${r.spin.verdict}`.padEnd(16),
        String(r.spin.states).padStart(8),
        String(r.spin.transitions).padStart(8),
        fmt(r.spin.panMs, 1).padStart(8),
        rate(r.spin.states, r.spin.panMs).padStart(7),
        fmt(r.spin.totalMs, 0).padStart(9),
        `| ${r.ours.fullStates}`.padStart(12),
        String(r.spinExact.states - 1).padStart(8),
      ].join(' '),
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'write-promela': { type: 'boolean', default: false },
      'max-ring': { type: 'string', default: '6' },
      runs: { type: 'string', default: '5' },
      only: { type: 'string' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const only = values.only;
  if (only === 'ring') ringFamily(runs, Number(values['max-ring']));
  if (!only || only === 'seed') await run(runs, Number(values['max-ring']), values['write-promela'] === true);
  if (!only || only === 'reduce') await reductions();
  if (!only || only === 'primitives') primitives();
}

/** K independent copies of the seed's fix-canceling scenario, with and without reductions, and SPIN. */
async function reductions(): Promise<void> {
  const seed = (await loadScenarioCatalog([path.join(here, '../content/threads')])).find(
    (f) => f.scenario.id === 'fix-canceling',
  )?.scenario;
  if (!seed) throw new Error('fix-canceling not found');
  console.log('\nReductions: K independent copies of fix-canceling (unreduced space = 2542^K states)');
  console.log(
    [
      'K'.padEnd(3),
      'reduction'.padEnd(16),
      'verdict'.padEnd(12),
      'states'.padStart(10),
      'trans'.padStart(10),
      'ms'.padStart(9),
    ].join(' '),
  );
  const row = (
    k: number,
    name: string,
    r: { verdict: string; states: number; transitions: number; ms: number },
  ) =>
    console.log(
      [
        String(k).padEnd(3),
        name.padEnd(16),
        r.verdict.padEnd(12),
        String(r.states).padStart(10),
        String(r.transitions).padStart(10),
        fmt(r.ms, 0).padStart(9),
      ].join(' '),
    );
  for (let k = 1; k <= 3; k++) {
    const s = copies(seed, k);
    // Unreduced K=2 is 6.5 million states (minutes); K=3 (1.6e10) runs within a 20 s budget.
    if (k !== 2) row(k, 'none', explore(s, k === 1 ? {} : { maxMs: 20_000 }));
    row(k, 'por', explore(s, { reduce: { por: true } }));
    row(k, 'por+symmetry', explore(s, { reduce: { por: true, symmetry: true } }));
    if (k === 1) {
      const sp = runSpin(compileScenario(s), 'default');
      console.log(
        `${'1'.padEnd(3)} ${'SPIN (its POR)'.padEnd(16)} ${sp.verdict.padEnd(12)} ${String(sp.states).padStart(10)} ${String(sp.transitions).padStart(10)} ${fmt(sp.totalMs, 0).padStart(9)}`,
      );
    }
  }
  // Symmetry alone: two copies of a 416-state model, whole space with and without it.
  const rw = PRIMITIVE_MODELS.find((m) => m.scenario.id === 'rwsem-readers-and-downgrade')?.scenario;
  if (rw) {
    const two = copies(rw, 2);
    console.log(
      '\nSymmetry alone: 2 copies of rwsem-readers-and-downgrade, exhaustive (416^2 = 173056 states unreduced; 416*417/2 = 86736 orbits)',
    );
    row(2, 'none', explore(two, { exhaustive: true }));
    row(2, 'symmetry', explore(two, { exhaustive: true, reduce: { symmetry: true } }));
  }
}

/** Ops a scenario's bodies use (nested bodies included). */
function opsOf(s: Scenario): Set<string> {
  const used = new Set<string>();
  const walk = (steps: readonly Step[] | undefined): void => {
    for (const st of steps ?? []) {
      used.add(st.op);
      walk(st.steps);
      walk(st.else);
    }
  };
  for (const t of s.tasks) walk(t.steps);
  for (const w of s.works ?? []) walk(w.fn);
  for (const t of s.timers ?? []) walk(t.fn);
  for (const q of s.irqs ?? []) walk(q.handler);
  for (const r of s.refcounts ?? []) walk(r.release);
  for (const r of s.rcuCallbacks ?? []) walk(r.fn);
  return used;
}

/**
 * The per-primitive models (bench/models/primitives.ts) against SPIN without reductions: verdicts and
 * exhaustive state counts. SPIN checks safety, so a livelock is "no deadlock" on its side; our
 * livelock verdict is compared as "no deadlock" and marked.
 */
function primitives(): void {
  console.log(
    '\nPrimitive models vs SPIN (no reductions on either side; exhaustive counts, SPIN minus its init state)',
  );
  console.log(
    [
      'family'.padEnd(11),
      'model'.padEnd(38),
      'ours'.padEnd(12),
      'states'.padStart(7),
      '| SPIN'.padEnd(14),
      'states'.padStart(7),
      'same',
    ].join(' '),
  );
  const used = new Set<string>();
  let sameV = 0;
  let sameN = 0;
  for (const m of PRIMITIVE_MODELS) {
    for (const op of opsOf(m.scenario)) used.add(op);
    const first = explore(m.scenario);
    const full = explore(m.scenario, { exhaustive: true });
    const sp = runSpin(compileScenario(m.scenario), 'check');
    const ours = first.verdict === 'deadlock' ? 'deadlock' : 'no-deadlock';
    const v = ours === sp.verdict;
    const n = full.states === sp.states - 1;
    if (v) sameV++;
    if (n) sameN++;
    console.log(
      [
        m.family.padEnd(11),
        m.scenario.id.padEnd(38),
        first.verdict.padEnd(12),
        String(full.states).padStart(7),
        `| ${sp.verdict}`.padEnd(14),
        String(sp.states - 1).padStart(7),
        v && n ? 'yes' : `NO (${v ? '' : 'verdict '}${n ? '' : 'states'})`,
      ].join(' '),
    );
  }
  const missing = OP_NAMES.filter((op) => !used.has(op));
  console.log(
    `primitive models: verdicts identical to SPIN ${sameV}/${PRIMITIVE_MODELS.length}, exhaustive state counts identical ${sameN}/${PRIMITIVE_MODELS.length}; ` +
      `ops used ${OP_NAMES.length - missing.length}/${OP_NAMES.length}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`,
  );
}

/**
 * The ring family, and the speed of both explorers without reductions on it: each walks the same whole
 * state space (the exhaustive counts must agree), ours with explore({ exhaustive: true }) (median of
 * --runs), SPIN with spin -o2 -a, gcc -O2 -DSAFETY -DNOREDUCE, pan -E. pan's rate is taken from its own
 * `elapsed time` (the search alone) and, for reference, from its wall time (process start and the
 * -m10000000 stack setup included).
 */
function ringFamily(runs: number, maxRing: number): Row[] {
  const rows: Row[] = [];
  for (let n = 2; n <= maxRing; n++) rows.push(measure(ringModel(n, true), runs));
  for (let n = 2; n <= Math.min(maxRing, 4); n++) rows.push(measure(ringModel(n, false), runs));
  printTable('Growing ring models', rows);
  console.log('\nRing family without reductions, whole state space (same states on both sides)');
  console.log(
    [
      'model'.padEnd(20),
      'states'.padStart(9),
      'ours ms'.padStart(9),
      'kst/s'.padStart(7),
      '| pan search ms'.padStart(15),
      'kst/s'.padStart(7),
      'pan wall ms'.padStart(12),
      'same states'.padStart(12),
    ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        r.id.padEnd(20),
        String(r.ours.fullStates).padStart(9),
        fmt(r.ours.fullMs, 1).padStart(9),
        rate(r.ours.fullStates, r.ours.fullMs).padStart(7),
        `| ${fmt(r.spinExact.panSearchMs, 0)}`.padStart(15),
        (r.spinExact.panSearchMs > 0 ? rate(r.spinExact.states, r.spinExact.panSearchMs) : '-').padStart(7),
        fmt(r.spinExact.panMs, 0).padStart(12),
        (r.ours.fullStates === r.spinExact.states - 1 ? 'yes' : 'NO').padStart(12),
      ].join(' '),
    );
  }
  const sum = (f: (r: Row) => number): number => rows.reduce((t, r) => t + f(r), 0);
  const ours = sum((r) => r.ours.fullStates) / sum((r) => r.ours.fullMs);
  const panSearch = sum((r) => r.spinExact.states) / sum((r) => r.spinExact.panSearchMs || 0);
  const panWall = sum((r) => r.spinExact.states) / sum((r) => r.spinExact.panMs);
  const same = rows.every((r) => r.ours.fullStates === r.spinExact.states - 1);
  console.log(
    `ring family, unreduced, whole space${same ? ' (identical state counts)' : ' (STATE COUNTS DIFFER)'}: ` +
      `ours ${fmt(ours, 0)} kst/s, SPIN pan ${fmt(panSearch, 0)} kst/s by its elapsed time → ${fmt(ours / panSearch, 2)}× ` +
      `(${fmt(panWall, 0)} kst/s by pan's wall time → ${fmt(ours / panWall, 2)}×)`,
  );
  return rows;
}

async function run(runs: number, maxRing: number, writePromela: boolean): Promise<void> {
  // The seed thread's models: the figures stay comparable as the knowledge base grows.
  const seed = (await loadScenarioCatalog([path.join(here, '../content/threads')]))
    .filter((f) => f.thread === 'ofa-general-2009-irq-lock-inversion')
    .map((f) => f.scenario);
  if (writePromela) {
    for (const s of seed)
      writeFileSync(path.join(here, 'promela', `${s.id}.pml`), toPromela(compileScenario(s)));
    console.log(`wrote ${seed.length} Promela models to bench/promela/`);
  }
  console.log(
    'bench:explore — our explorer (BFS, stops at the first deadlock) vs SPIN 6 (spin -a, gcc -O2 -DSAFETY, pan)',
  );
  console.log(
    'ms = median explore() wall time; total ms = spin -a + gcc + pan wall time; kst/s = thousand states/s',
  );
  console.log(
    'full = exhaustive state counts: ours vs SPIN without reductions (spin -o2, -DNOREDUCE, pan -E) minus its init state',
  );
  const seedRows = seed.map((s) => measure(s, runs));
  printTable('Seed thread scenarios', seedRows);
  const ringRows = ringFamily(runs, maxRing);
  const all = [...seedRows, ...ringRows];
  const sameVerdicts = all.filter((r) => r.ours.verdict === r.spin.verdict).length;
  const sameCounts = all.filter((r) => r.ours.fullStates === r.spinExact.states - 1).length;
  const oursSeed = seedRows.reduce((t, r) => t + r.ours.ms, 0);
  const oursSeedCold = seedRows.reduce((t, r) => t + r.ours.coldMs, 0);
  const spinSeed = seedRows.reduce((t, r) => t + r.spin.totalMs, 0);
  console.log('\nSummary');
  console.log(`verdicts identical to SPIN: ${sameVerdicts}/${all.length}`);
  console.log(`exhaustive state counts identical to SPIN (no reductions): ${sameCounts}/${all.length}`);
  console.log(
    `seed scenarios wall time: ours ${fmt(oursSeed, 1)} ms (median; ${fmt(oursSeedCold, 1)} ms cold), ` +
      `SPIN ${fmt(spinSeed, 0)} ms → ${fmt(spinSeed / oursSeed, 0)}× less (${fmt(spinSeed / oursSeedCold, 0)}× cold)`,
  );
}

await main();
