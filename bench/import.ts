// `npm run bench:import [-- --runs N] [--source PATH] [--no-verify]`
// Imports the bulk mbox (../shared/corpus/linux-rdma-bulk.mbox.gz) N times, each run in a fresh
// child process writing to a fresh folder (on /dev/shm when present, so disk discards from earlier
// runs do not skew it), and prints messages/s (wall and per CPU second) and peak RSS per run.
// Then it imports every corpus source once and checks messages_read against counts.json.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importSources } from '../src/importers/import-archives.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const corpus = resolve(repoRoot, '../shared/corpus');
const seed = resolve(repoRoot, '../shared/seeds/000_e00f944b4ec83845.txt');

interface RunResult {
  messages: number;
  threads: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  phases: { read: number; thread: number; write: number };
}

function scratch(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, 'lockstep-bench-'));
}

/** One measured import, run inside the child process. */
async function child(source: string, out: string, budget: string | undefined): Promise<void> {
  const cpu0 = process.cpuUsage();
  const summary = await importSources([source], { out, ...(budget ? { memoryBudget: Number(budget) } : {}) });
  const cpu = process.cpuUsage(cpu0);
  const result: RunResult = {
    messages: summary.messages_read,
    threads: summary.threads,
    seconds: summary.seconds,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    phases: summary.phase_seconds,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(source: string, budget?: number): RunResult {
  const dir = scratch();
  try {
    const out = execFileSync(
      process.execPath,
      [
        import.meta.filename,
        '--child',
        source,
        join(dir, 'threads'),
        ...(budget === undefined ? [] : [String(budget)]),
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    return JSON.parse(out.trim().split('\n').at(-1) as string) as RunResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function verify(): void {
  const counts = JSON.parse(readFileSync(join(corpus, 'counts.json'), 'utf8')).files as Record<
    string,
    { messages: number }
  >;
  const sources: [string, string, number][] = [
    [
      'linux-rdma-bulk.mbox.gz',
      join(corpus, 'linux-rdma-bulk.mbox.gz'),
      counts['linux-rdma-bulk.mbox.gz']?.messages ?? -1,
    ],
    [
      'linux-rdma-locking.mbox.gz',
      join(corpus, 'linux-rdma-locking.mbox.gz'),
      counts['linux-rdma-locking.mbox.gz']?.messages ?? -1,
    ],
    [
      'public-inbox-sample/git/0.git',
      join(corpus, 'public-inbox-sample/git/0.git'),
      counts['public-inbox-sample/git/0.git']?.messages ?? -1,
    ],
    ['edge-cases/', join(corpus, 'edge-cases'), 64],
    ['seed', seed, 1],
  ];
  console.log('\nsource                          truth  read  imported  rejected  dup  threads  ok');
  for (const [name, path, truth] of sources) {
    const dir = scratch();
    try {
      const res = spawnSync(
        process.execPath,
        [join(repoRoot, 'src/cli/import.ts'), '--json', '--out', join(dir, 'threads'), path],
        { encoding: 'utf8' },
      );
      if (res.status !== 0) throw new Error(`${name}: import failed: ${res.stderr}`);
      const s = JSON.parse(res.stdout.trim().split('\n').at(-1) as string);
      const ok = s.messages_read === truth && s.imported + s.rejected === s.messages_read;
      console.log(
        `${name.padEnd(30)} ${String(truth).padStart(6)} ${String(s.messages_read).padStart(5)} ${String(s.imported).padStart(9)} ${String(s.rejected).padStart(9)} ${String(s.duplicates).padStart(4)} ${String(s.threads).padStart(8)}  ${ok ? 'yes' : 'NO'}`,
      );
      if (!ok) process.exitCode = 1;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: 'boolean', default: false },
      runs: { type: 'string', default: '3' },
      source: { type: 'string' },
      'no-verify': { type: 'boolean', default: false },
    },
  });
  if (values.child) {
    await child(positionals[0] as string, positionals[1] as string, positionals[2]);
    return;
  }
  const source = values.source ?? join(corpus, 'linux-rdma-bulk.mbox.gz');
  if (!existsSync(source)) throw new Error(`benchmark source missing: ${source}`);
  const runs: RunResult[] = [];
  console.log(`bench:import  ${source}`);
  console.log(
    'run  messages  threads  wall s  cpu s  msg/s wall  msg/s cpu  peak RSS MB  read/thread/write s',
  );
  const row = (label: string, r: RunResult) =>
    console.log(
      `${label.padStart(3)}  ${String(r.messages).padStart(8)}  ${String(r.threads).padStart(7)}  ${r.seconds.toFixed(2).padStart(6)}  ${r.cpuSeconds.toFixed(2).padStart(5)}  ${String(Math.round(r.messages / r.seconds)).padStart(10)}  ${String(Math.round(r.messages / r.cpuSeconds)).padStart(9)}  ${String(r.peakRssMb).padStart(11)}  ${r.phases.read}/${r.phases.thread}/${r.phases.write}`,
    );
  for (let i = 0; i < Number(values.runs); i++) {
    const r = runChild(source);
    runs.push(r);
    row(String(i + 1), r);
  }
  // With a zero memory budget every raw message goes through the spill file: memory then holds
  // header facts only, which is what bounds RSS for archives far larger than this one.
  row('S', runChild(source, 0));
  const best = Math.min(...runs.map((r) => r.seconds));
  const med = median(runs.map((r) => r.seconds));
  const messages = runs[0]?.messages ?? 0;
  console.log(
    `\nmessages/s: best ${Math.round(messages / best)}, median ${Math.round(messages / med)} (wall); peak RSS max ${Math.max(...runs.map((r) => r.peakRssMb))} MB`,
  );
  console.log('S = one run with memoryBudget 0 (all raw bytes spilled to a temporary file)');
  console.log('goal: >= 5000 messages/s and < 1024 MB peak RSS (2-core machine; other load skews wall time)');
  if (!values['no-verify']) verify();
}

await main();
