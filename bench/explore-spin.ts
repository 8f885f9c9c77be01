// Runs SPIN on a compiled scenario: writes the Promela model, then times `spin -a`, gcc and `pan`.
// `pan` exits 0 even when it finds an error, so the verdict comes from its `errors:` line.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Compiled } from '../src/lib/locks/compile.ts';
import { toPromela } from './promela/emit.ts';

/** Figures from one SPIN run. */
export interface SpinRun {
  verdict: 'deadlock' | 'no-deadlock' | 'error';
  states: number;
  transitions: number;
  spinMs: number;
  gccMs: number;
  panMs: number;
  /** pan's own `elapsed time` (search only, 10 ms resolution; without process start and memory setup). */
  panSearchMs: number;
  totalMs: number;
}

/**
 * `default`: SPIN as usually run (partial-order and dead-variable reduction on), stops at the first error.
 * `exact`: no reductions (`spin -o2`, `-DNOREDUCE`) and `pan -E`, so it counts every state like our
 * exhaustive run does (SPIN adds one state for its `init` process).
 * `check`: no reductions, and `pan -c0` goes on past every failed assertion, so one run gives both the
 * verdict (any error is our deadlock) and the exhaustive count; pan.c is compiled without optimisation
 * (small models: compiling dominates).
 */
export type SpinMode = 'default' | 'exact' | 'check';

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** Checks one model with SPIN; throws when `spin` or `gcc` is missing. */
export function runSpin(c: Compiled, mode: SpinMode): SpinRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-spin-'));
  try {
    writeFileSync(path.join(dir, 'model.pml'), toPromela(c));
    const run = (cmd: string, args: string[]): string =>
      execFileSync(cmd, args, { cwd: dir, encoding: 'utf8' });
    const [, spinMs] = timed(() =>
      run('spin', mode === 'default' ? ['-a', 'model.pml'] : ['-o2', '-a', 'model.pml']),
    );
    const cflags = mode === 'default' ? ['-DSAFETY'] : ['-DSAFETY', '-DNOREDUCE'];
    const opt = mode === 'check' ? '-O0' : '-O2';
    const [, gccMs] = timed(() => run('gcc', [opt, '-w', ...cflags, '-o', 'pan', 'pan.c']));
    const panArgs = {
      default: ['-m10000000'],
      exact: ['-m10000000', '-A', '-E'],
      check: ['-m10000000', '-c0', '-E'],
    };
    const [out, panMs] = timed(() => run('./pan', panArgs[mode]));
    const num = (re: RegExp): number => Number(out.match(re)?.[1] ?? Number.NaN);
    const errors = num(/errors: (\d+)/);
    const verdict = Number.isNaN(errors) ? 'error' : errors > 0 ? 'deadlock' : 'no-deadlock';
    return {
      verdict,
      states: num(/(\d+) states, stored/),
      transitions: num(/(\d+) transitions \(= stored\+matched\)/),
      spinMs,
      gccMs,
      panMs,
      panSearchMs: Number(out.match(/pan: elapsed time ([\d.e+-]+) seconds/)?.[1] ?? Number.NaN) * 1000,
      totalMs: spinMs + gccMs + panMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
