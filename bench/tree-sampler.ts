// What GNU time cannot see of a benchmarked command: the resident memory of all its processes at once
// (the build's Node and Pagefind's service, which the build leaves unreaped, so its CPU and memory are
// in no rusage), and the whole machine's busy CPU while it ran. A worker thread samples /proc every
// 200 ms while the bench's thread waits on the command (spawnSync); Linux only.

import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

/** What one sampled run used. */
export interface TreeFigures {
  /** The largest sum of the resident memory of the bench's descendants seen at one time, in MB. */
  peakMb: number;
  /** That sum by process name (`node`, `pagefind`, …), in MB. */
  peakParts: Record<string, number>;
  /** Core-seconds the whole machine was busy (user, system, irq; not idle or iowait). */
  machineCpu: number;
}

const SAMPLE_MS = 200;
const PAGE_BYTES = 4096;
/** The kernel's clock ticks per second for /proc/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** The busy and total ticks of all CPUs (the first line of /proc/stat). */
function cpuTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle and iowait are the 4th and 5th fields.
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** Every process descended from `root`, with its name and resident bytes. */
function descendants(root: number): { name: string; rss: number }[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the parent's pid is the second field after it.
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const out: { name: string; rss: number }[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        const pages = Number(readFileSync(`/proc/${child}/statm`, 'utf8').split(' ')[1]);
        out.push({ name: names.get(child) ?? '?', rss: pages * PAGE_BYTES });
      } catch {
        // Gone.
      }
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** A process's name as the figures say it (Node names its main thread `MainThread`; Linux cuts names at 15 characters). */
function label(name: string): string {
  if (name === 'MainThread' || name === 'node') return 'node';
  return name.startsWith('pagefind') ? 'pagefind' : name;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  let peak = 0;
  let parts: Record<string, number> = {};
  const before = cpuTicks();
  const root = Number(process.env.TREE_SAMPLER_ROOT);
  const sample = () => {
    const processes = descendants(root);
    const sum = processes.reduce((n, p) => n + p.rss, 0);
    if (sum <= peak) return;
    peak = sum;
    parts = {};
    for (const p of processes) parts[label(p.name)] = (parts[label(p.name)] ?? 0) + p.rss;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  port.postMessage('ready');
  port.on('message', () => {
    clearInterval(timer);
    sample();
    const after = cpuTicks();
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    port.postMessage({
      peakMb: mb(peak),
      peakParts: Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, mb(bytes)])),
      machineCpu: (after.busy - before.busy) / TICKS,
    } satisfies TreeFigures);
  });
}

/**
 * Starts sampling the bench's descendants (resolves once it has begun); `stop` ends it and resolves
 * with what they used. Call it right before a spawnSync and `stop` right after: the worker samples
 * while the bench's thread is blocked.
 */
export async function startTreeSampler(): Promise<{ stop(): Promise<TreeFigures> }> {
  const worker = new Worker(new URL(import.meta.url), {
    env: { ...process.env, TREE_SAMPLER_ROOT: String(process.pid) },
  });
  // Sampling has begun once it says so: a command started before would run unsampled for a while.
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    stop: () =>
      new Promise<TreeFigures>((resolve, reject) => {
        worker.once('message', (figures: TreeFigures) => {
          void worker.terminate();
          resolve(figures);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}
