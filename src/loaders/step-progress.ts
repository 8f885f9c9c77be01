// Progress of one long build step (content sync, thread mboxes, message files, search index, gzip):
// a bar with count, rate and ETA on a terminal, and one log line per 10 % otherwise (CI logs), so no
// step of a big build is silent for long. Steps with few items print nothing but their summary.

import cliProgress from 'cli-progress';

/** The part of Astro's integration/loader logger a step's progress writes to. */
interface ProgressLogger {
  info(message: string): void;
}

/** Below this many items a step is quick enough that its one summary line says everything. */
const QUIET_BELOW = 200;
/** Seconds a step runs before its tenths are logged: a two-second step needs no running commentary. */
const QUIET_SECONDS = 3;

/** A step's counter: `tick()` after each item (or `count` of them), `done()` at the end. */
export interface StepCounter {
  tick(count?: number): void;
  done(): void;
}

/** A counter for `total` items of a step called `label`; `tick()` after each, `done()` at the end. */
export function stepProgress(
  logger: ProgressLogger,
  label: string,
  total: number,
  tty: boolean = Boolean(process.stderr.isTTY) && !process.env.CI,
  quietSeconds: number = QUIET_SECONDS,
): StepCounter {
  const started = performance.now();
  let count = 0;
  if (total < QUIET_BELOW) return { tick: () => {}, done: () => {} };
  if (tty) {
    const bar = terminalBars().create(
      total,
      0,
      { rate: 0 },
      { format: `${label} {bar} {value}/{total} | {rate}/s | ETA {eta_formatted}` },
    );
    return {
      tick(n = 1) {
        count += n;
        const seconds = (performance.now() - started) / 1000;
        bar.update(count, { rate: seconds > 0 ? Math.round(count / seconds) : 0 });
      },
      done: () => releaseBar(bar),
    };
  }
  let nextTenth = 1;
  return {
    tick(n = 1) {
      count += n;
      const seconds = (performance.now() - started) / 1000;
      while (nextTenth <= 10 && count >= (total * nextTenth) / 10) {
        if (seconds >= quietSeconds) logger.info(progressLine(label, count, total, seconds));
        nextTenth += 1;
      }
    },
    done: () => {},
  };
}

/**
 * For a step whose items cannot be counted (a library's work it does not report on): after each
 * `seconds` it runs, one line saying so and for how long, until `stop()`; a quicker step says nothing.
 */
export function stepHeartbeat(logger: ProgressLogger, label: string, seconds = 5): { stop(): void } {
  const started = performance.now();
  const timer = setInterval(() => {
    logger.info(`${label}: ${Math.round((performance.now() - started) / 1000)} s so far`);
  }, seconds * 1000);
  // A heartbeat never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** `label 40 % (400/1000), 120/s, about 5 s left`: one line of a step's progress. */
export function progressLine(label: string, count: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? count / seconds : 0;
  const left = rate > 0 ? Math.round((total - count) / rate) : 0;
  const percent = Math.round((100 * count) / total);
  return `${label} ${percent} % (${count}/${total}), ${Math.round(rate)}/s, about ${left} s left`;
}

// Steps run side by side (the search index while the gzip copies are made), so their bars share one
// MultiBar: two single bars would each redraw the same terminal line.
let bars: cliProgress.MultiBar | null = null;
let openBars = 0;

/** The MultiBar the running steps draw in, made when the first of them starts. */
function terminalBars(): cliProgress.MultiBar {
  bars ??= new cliProgress.MultiBar(
    { stream: process.stderr, etaBuffer: 200, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  openBars += 1;
  return bars;
}

/** Stops one bar, and the MultiBar with the last. */
function releaseBar(bar: cliProgress.SingleBar): void {
  bar.stop();
  openBars -= 1;
  if (openBars === 0 && bars) {
    bars.stop();
    bars = null;
  }
}
