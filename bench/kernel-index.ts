// kernel:index on whole kernel trees, side by side with Universal Ctags over the same files, in one run.
//   npm run bench:kernel-index [-- --tree-2630 DIR] [--tree-61 DIR] [--workers N] [--sample N]
// Trees (git work trees whose HEAD is the version tag; flags, else env, else these defaults):
//   KERNEL_TREE_2630 = /work/trees/linux-2.6.30     (tag v2.6.30)
//   KERNEL_TREE_61   = /work/trees/linux-source-6.1 (Debian's 6.1.192 made a git repo, tag v6.1.192)
// For each: files, bytes, symbols, seconds, MB/s and peak RSS of both tools (each run as a child process
// under /usr/bin/time), the time ratio, symbol counts per kind compared, a sample of disagreements with
// their source line, and the time to re-index the unchanged tree (cache keyed by the tag's commit).
// Ends with the per-page cost of linking the seed message.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { excerptHtml } from '../src/components/kernel/highlight-c.ts';
import {
  cacheKey,
  DEFAULT_INDEX_CACHE,
  indexerDigest,
  readCachedIndex,
} from '../src/kernel-providers/index-cache.ts';
import { indexedFiles } from '../src/kernel-providers/index-tree.ts';
import { createKernelSymbols } from '../src/kernel-providers/kernel-symbols.ts';
import { createLocalGitProvider, tagCommit } from '../src/kernel-providers/local-git.ts';
import { defaultWorkers } from '../src/kernel-providers/parse-pool.ts';
import { linkSegments } from '../src/lib/kernel/link-segments.ts';
import { compareWithCtags } from './ctags-compare.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'tree-2630': { type: 'string' },
    'tree-61': { type: 'string' },
    workers: { type: 'string' },
    sample: { type: 'string' },
  },
});
const trees = [
  {
    label: 'Linux 2.6.30',
    dir: values['tree-2630'] ?? process.env.KERNEL_TREE_2630 ?? '/work/trees/linux-2.6.30',
    version: '2.6.30',
    env: 'KERNEL_TREE_2630',
  },
  {
    label: 'Linux 6.1.192 (Debian linux-source-6.1)',
    dir: values['tree-61'] ?? process.env.KERNEL_TREE_61 ?? '/work/trees/linux-source-6.1',
    version: '6.1.192',
    env: 'KERNEL_TREE_61',
  },
];
const sampleSize = Number(values.sample ?? 4);
const threads = values.workers ? Number(values.workers) : defaultWorkers();

// Every tree must be there before anything is measured: a bench that silently skips one is misleading.
for (const t of trees) {
  const problem = await treeProblem(t.dir, t.version);
  if (problem) {
    console.error(`bench:kernel-index: ${t.label}: ${problem}`);
    console.error(
      `  give the tree with --tree-${t.env === 'KERNEL_TREE_2630' ? '2630' : '61'} DIR or ${t.env}=DIR`,
    );
    process.exit(2);
  }
}
if (spawnSync('ctags', ['--version'], { encoding: 'utf8' }).status !== 0) {
  console.error('bench:kernel-index: Universal Ctags is needed (apt-get install universal-ctags)');
  process.exit(2);
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
const work = mkdtempSync(path.join(tmpdir(), 'lockstep-bench-index-'));
const nodeBin = process.execPath;

interface Timed {
  seconds: number;
  /** User + system CPU seconds (all threads). */
  cpu: number;
  rssKb: number;
  stdout: string;
}

// Runs a command under GNU time: wall seconds and the child's peak RSS.
function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Timed {
  const report = path.join(work, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', report, cmd, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stderr}`);
  const [seconds = '0', rss = '0', user = '0', system = '0'] = readFileSync(report, 'utf8')
    .trim()
    .split(/\s+/)
    .slice(-4);
  return {
    seconds: Number(seconds),
    rssKb: Number(rss),
    cpu: Number(user) + Number(system),
    stdout: r.stdout,
  };
}

async function treeProblem(dir: string, version: string): Promise<string | null> {
  if (!existsSync(dir)) return `no tree at ${dir}`;
  const commit = await tagCommit(dir, version);
  if (!commit) return `${dir} has no tag v${version}`;
  const head = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  // ctags reads the work tree, kernel:index reads the tag: they must be the same files.
  if (head !== commit) return `${dir}: HEAD is not v${version} (git checkout v${version})`;
  const dirty = spawnSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], {
    encoding: 'utf8',
  });
  if (dirty.stdout.trim() !== '') return `${dir}: the work tree differs from v${version}`;
  if (!existsSync('/usr/bin/time')) return 'GNU time is needed for peak RSS (apt-get install time)';
  return null;
}

function blobBytes(dir: string, tag: string, wanted: Set<string>): number {
  const out = execFileSync('git', ['-C', dir, 'ls-tree', '-r', '-l', '-z', tag], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let total = 0;
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0 || !wanted.has(entry.slice(tab + 1))) continue;
    total += Number(entry.slice(0, tab).trim().split(/\s+/)[3]);
  }
  return total;
}

async function main(): Promise<void> {
  for (const t of trees) {
    const commit = (await tagCommit(t.dir, t.version)) ?? '';
    const files = await indexedFiles(t.dir, t.version);
    const bytes = blobBytes(t.dir, `v${t.version}`, new Set(files));
    const list = path.join(work, 'files.txt');
    writeFileSync(list, `${files.join('\n')}\n`);

    const tagsFile = path.join(work, 'tags');
    const ctags = timed('ctags', ['-R', '--fields=+n', '--c-kinds=+p', '-L', list, '-f', tagsFile], t.dir);
    // The CLI's own cache folder: this tree's entry is removed first so the first run really parses, and the
    // index it leaves is there for later kernel:index runs.
    const cacheDir = path.resolve(repoRoot, process.env.KERNEL_INDEX_CACHE ?? DEFAULT_INDEX_CACHE);
    const key = cacheKey(commit, [], await indexerDigest());
    rmSync(path.join(cacheDir, key), { force: true });
    const cli = path.join(repoRoot, 'src/cli/kernel-index.ts');
    const args = [
      cli,
      '--tree',
      t.dir,
      '--version',
      t.version,
      ...(values.workers ? ['--workers', values.workers] : []),
    ];
    const env = { ...process.env, KERNEL_INDEX_CACHE: cacheDir };
    const ours = timed(nodeBin, args, repoRoot, env);
    const again = timed(nodeBin, args, repoRoot, env);
    if (!again.stdout.includes('read from the cache'))
      throw new Error(`second run did not use the cache:\n${again.stdout}`);
    const index = await readCachedIndex(cacheDir, key);
    if (!index) throw new Error('the index the CLI cached could not be read');
    const compared = await compareWithCtags(
      t.dir,
      tagsFile,
      index.symbols,
      Object.keys(index.varTypes).length,
      sampleSize,
    );

    console.log(`\n== ${t.label}: ${t.dir} at v${t.version} (commit ${commit.slice(0, 12)})`);
    console.log(`   ${files.length} .c/.h files, ${mb(bytes)} MB`);
    console.log(
      `   ${'tool'.padEnd(36)} ${'files'.padStart(9)} ${'symbols'.padStart(9)} ${'wall s'.padStart(8)} ` +
        `${'MB/s'.padStart(7)} ${'CPU s'.padStart(8)} ${'peak RSS'.padStart(11)}`,
    );
    const row = (name: string, symbols: number, r: Timed) =>
      console.log(
        `   ${name.padEnd(36)} ${String(files.length).padStart(9)} ${String(symbols).padStart(9)} ` +
          `${r.seconds.toFixed(2).padStart(8)} ${mb(bytes / r.seconds).padStart(7)} ${r.cpu.toFixed(2).padStart(8)} ` +
          `${`${mb(r.rssKb * 1024)} MB`.padStart(11)}`,
      );
    row('ctags -R --fields=+n --c-kinds=+p', compared.tags, ctags);
    // ctags parses on one thread; kernel:index on a pool of parser threads (default: one per core).
    row(`kernel:index, ${threads} parser threads`, index.symbols.length, ours);
    const ratio = ours.seconds / ctags.seconds;
    console.log(
      `   time ratio kernel:index / ctags: ${ratio.toFixed(2)} wall (goal: within 2x, ${ratio <= 2 ? 'met' : 'NOT met'}), ` +
        `${(ours.cpu / ctags.cpu).toFixed(2)} CPU (load average when done: ${loadavg()[0]?.toFixed(1)})`,
    );
    console.log(
      `   re-index of the unchanged tree (cache keyed by commit): ${again.seconds.toFixed(2)} s wall ` +
        `(process start included), peak RSS ${mb(again.rssKb * 1024)} MB`,
    );
    for (const line of compared.report) console.log(line);
  }

  // Per-page cost: the seed message linked against the 2.6.30 facts, excerpts read from the fixture tree
  // (a temporary git repo tagged v2.6.30), highlighted with Shiki. Cold = first page of a build.
  {
    const fixture = path.join(work, 'fixture');
    cpSync(path.join(repoRoot, 'tests/fixtures/kernel/tree'), fixture, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.invalid', ...args], {
        cwd: fixture,
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'fixture');
    git('tag', 'v2.6.30');
    const seed = readFileSync(
      path.join(repoRoot, 'content/threads/ofa-general-2009-irq-lock-inversion/000_e00f944b4ec83845.txt'),
      'utf8',
    );
    const page = async (service: ReturnType<typeof createKernelSymbols>) => {
      const t0 = performance.now();
      const kv = await service.version('2.6.30');
      let links = 0;
      for (const s of linkSegments(seed, '2.6.30', kv?.lookup ?? null)) {
        if (s.kind !== 'symbol' || !s.key) continue;
        links++;
        const view = await service.view('2.6.30', s.key);
        if (view?.excerpt) await excerptHtml(view.excerpt, { inline: true });
      }
      return { ms: performance.now() - t0, links };
    };
    const service = createKernelSymbols({ providers: [createLocalGitProvider(fixture)] });
    const cold = await page(service);
    const runs = 50;
    let warm = 0;
    for (let i = 0; i < runs; i++) warm += (await page(service)).ms;
    const noSource = createKernelSymbols({ providers: [] });
    await page(noSource);
    let cards = 0;
    for (let i = 0; i < runs; i++) cards += (await page(noSource)).ms;
    console.log(`\n== per page (seed message, ${cold.links} linked identifiers, fixture tree)`);
    console.log(`   first page with a tree: ${cold.ms.toFixed(0)} ms (loads Shiki, parses the facts' files)`);
    console.log(`   later pages with a tree: ${(warm / runs).toFixed(2)} ms each (mean of ${runs})`);
    console.log(`   facts only (link cards): ${(cards / runs).toFixed(2)} ms each (mean of ${runs})`);
  }
  rmSync(work, { recursive: true, force: true });
}

await main();
