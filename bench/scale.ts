// `npm run bench:scale [-- --mbox FILE] [--keep DIR] [--skip-mhonarc] [--skip-incremental]`
// One archive, two archivers, one run: MHonArc 2.6 and Lockstep (import + build) on the same
// mbox (default ../shared/corpus/linux-rdma-bulk.mbox.gz), Lockstep as `npm run import` then `npm run build`
// runs them (src/cli/import.ts, src/cli/build.ts), each as a child process under
// /usr/bin/time. Prints wall time, CPU time (user+sys, to show how much of the machine each used; and
// the whole machine's, which counts Pagefind's service too), peak RSS (of all the processes at once,
// sampled from /proc by bench/tree-sampler.ts; and of the largest, as GNU time gives it), HTML bytes
// and files, the largest pages (as served, gzip, and uncompressed), the median thread page, pages over
// the issue's limits, the build's own step times, and then the time to rebuild after adding one thread
// to the built site (the incremental case).
// Needs `mhonarc` (apt-get install mhonarc) and GNU time (/usr/bin/time).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startTreeSampler, type TreeFigures } from './tree-sampler.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const corpus = resolve(repoRoot, '../shared/corpus');
const { values } = parseArgs({
  options: {
    mbox: { type: 'string', default: join(corpus, 'linux-rdma-bulk.mbox.gz') },
    keep: { type: 'string' },
    'skip-mhonarc': { type: 'boolean', default: false },
    'skip-incremental': { type: 'boolean', default: false },
    'extra-thread': { type: 'string', default: join(corpus, 'threads') },
  },
});

/** What /usr/bin/time -v says about one child process. */
interface Timed {
  wall: number;
  cpu: number;
  rssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under GNU time; throws with its output when it fails. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = repoRoot): Timed {
  const started = performance.now();
  const res = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wall = (performance.now() - started) / 1000;
  if (res.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${res.status}):\n${res.stdout.slice(-3000)}\n${res.stderr.slice(-3000)}`,
    );
  }
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(res.stderr)?.[1] ?? 0);
  return {
    wall,
    cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    rssMb: Math.round(field('Maximum resident set size \\(kbytes\\)') / 1024),
    stdout: res.stdout,
    stderr: res.stderr,
  };
}

/** Every file under `dir`, with its size. */
function walk(dir: string, out: { path: string; size: number }[] = []): { path: string; size: number }[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push({ path, size: statSync(path).size });
  }
  return out;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
/** The parts of a peak by process name, largest first (`node 1,640 MB + pagefind 1,310 MB`). */
const partsText = (parts: Record<string, number>) =>
  Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, size]) => `${name} ${size.toLocaleString('en')} MB`)
    .join(' + ');

/** HTML pages of a build: bytes and count (gzip copies, the search index and assets apart). */
function htmlFigures(dir: string) {
  const files = walk(dir);
  const html = files.filter((f) => f.path.endsWith('.html'));
  const other = files.filter((f) => !f.path.endsWith('.html'));
  return {
    files: files.length,
    htmlFiles: html.length,
    htmlBytes: html.reduce((n, f) => n + f.size, 0),
    otherBytes: other.reduce((n, f) => n + f.size, 0),
    html,
  };
}

/** A page as served: its precompressed copy when the build wrote one, else gzip of the file. */
function servedBytes(path: string): number {
  if (existsSync(`${path}.gz`)) return statSync(`${path}.gz`).size;
  return gzipSync(readFileSync(path)).length;
}

const work = values.keep
  ? resolve(values.keep)
  : join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'lockstep-scale');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const mbox = resolve(values.mbox as string);
if (!existsSync(mbox)) {
  console.error(`bench:scale: no such mbox: ${mbox}`);
  process.exit(2);
}
console.log(`bench:scale  ${relative(process.cwd(), mbox)}  (work folder ${work})`);
console.log(
  `machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores; load before: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);

// MHonArc reads plain mbox files; it gets an uncompressed copy (the gunzip is not timed for either).
const plain = join(work, 'archive.mbox');
writeFileSync(plain, mbox.endsWith('.gz') ? gunzipSync(readFileSync(mbox)) : readFileSync(mbox));

// Both sites and Astro's cache are written inside the project, on one file system, as a project's
// own build writes them: Astro moves its prerender chunks from ./.astro into the outDir (no rename
// across file systems, see tests/e2e/global-setup.ts), the mail files are hard links from the cache
// (copies across file systems), and MHonArc writes its pages to the same disk as Lockstep.
const dist = resolve(repoRoot, 'test-results', 'bench-scale-dist');
const mhonarcOut = resolve(repoRoot, 'test-results', 'bench-scale-mhonarc');
let mhonarc: (Timed & ReturnType<typeof htmlFigures> & { tree: TreeFigures }) | null = null;
if (!values['skip-mhonarc']) {
  if (spawnSync('mhonarc', ['-v'], { encoding: 'utf8' }).status !== 0) {
    console.error('bench:scale: MHonArc is needed (apt-get install mhonarc), or pass --skip-mhonarc');
    process.exit(2);
  }
  rmSync(mhonarcOut, { recursive: true, force: true });
  const out = mhonarcOut;
  mkdirSync(out, { recursive: true });
  // Messages, the date index and the thread index, as MHonArc writes a list archive by default.
  const sampler = await startTreeSampler();
  const run = timed('mhonarc', ['-quiet', '-outdir', out, plain]);
  mhonarc = { ...run, ...htmlFigures(out), tree: await sampler.stop() };
}

// Lockstep: import the mbox into thread folders, then build the site on them.
const content = join(work, 'content');
const cache = resolve(repoRoot, 'test-results', 'bench-scale-cache');
// A site kept from an earlier run (--keep) would be emptied inside the timed build: removing its tens of
// thousands of files took 38 s once, a cost MHonArc's fresh folder does not pay.
rmSync(cache, { recursive: true, force: true });
rmSync(dist, { recursive: true, force: true });
const nodeBin = join(repoRoot, 'node_modules/node/bin/node');
const sampler = await startTreeSampler();
const imported = timed(nodeBin, [
  'src/cli/import.ts',
  '--json',
  '--list',
  'linux-rdma',
  '--out',
  content,
  mbox,
]);
const summary = JSON.parse(imported.stdout.trim().split('\n').at(-1) as string);
const buildEnv = { ...process.env, LOCKSTEP_CONTENT: content, LOCKSTEP_CACHE_DIR: cache, CI: 'true' };
const built = timed(nodeBin, ['src/cli/build.ts', '--outDir', dist], buildEnv);
// Import and build together: the machine's CPU over both, and the memory of whichever used more.
const tree = await sampler.stop();
const site = htmlFigures(dist);

// Page limits: served (gzip) and uncompressed, and the median thread page (flat view).
const pages = site.html.map((f) => ({ ...f, served: servedBytes(f.path) }));
const threadPages = pages.filter((p) => /\/threads\/[^/]+\/index\.html$/.test(p.path));
const overServed = pages.filter((p) => p.served > 1.5e6);
const overRaw = pages.filter((p) => p.size > 3e6);
const largest = [...pages].sort((a, b) => b.size - a.size).slice(0, 5);

// The build's own steps, from its log (each integration and Astro's phases print their time).
// Astro colours its log even into a pipe; the step lines are matched without the escape codes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC
const log = (built.stdout + built.stderr).replace(/\u001b\[[0-9;]*m/g, '');
writeFileSync(join(work, 'build.log'), log);
const steps = [
  ['content sync', /\[lockstep-threads\] (\d+ threads, \d+ messages in \d+ ms)/],
  ['static routes', /generating static routes[\s\S]*?\n\S+ ✓ Completed in ([^\n]+)\./],
  ['mail files', /\[lockstep-mail-files\] (placed [^\n]+)/],
  ['pagefind', /\[lockstep-pagefind\] (indexed [^\n]+)/],
  ['pagefind write', /\[lockstep-pagefind\] Pagefind: ([^\n]+)/],
  ['gzip copies', /\[lockstep-precompress\] (gzipped [^\n]+)/],
  ['index gzip', /\[lockstep-precompress-search\] (gzipped [^\n]+)/],
] as const;
// The steps after the pages run side by side (src/integrations/lockstep.ts): their span, from the end
// of the static routes to the last step's line, is what they add to the wall time.
const clock = (line: string | undefined) => {
  const [h, m, sec] = (line?.slice(0, 8) ?? '').split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0);
};
const routesDone = /generating static routes[\s\S]*?\n(\S+) ✓ Completed in/.exec(log)?.[1];
const lastStep = log
  .split('\n')
  .filter((l) => /^\d\d:\d\d:\d\d \[lockstep-[a-z-]+\] \S.* in \d+ ms$/.test(l))
  .at(-1);

console.log('\n| | MHonArc | Lockstep |');
console.log('|---|---|---|');
const lockWall = imported.wall + built.wall;
const row = (label: string, a: string, b: string) => console.log(`| ${label} | ${a} | ${b} |`);
row(
  'messages',
  mhonarc ? String(summary.messages_read) : '–',
  `${summary.imported} imported, ${summary.threads} threads`,
);
row('import', '–', `${imported.wall.toFixed(1)} s`);
row('build', '–', `${built.wall.toFixed(1)} s`);
row(
  '**wall**',
  mhonarc ? `**${mhonarc.wall.toFixed(1)} s**` : '–',
  `**${lockWall.toFixed(1)} s**${mhonarc ? ` (**${(lockWall / mhonarc.wall).toFixed(2)}x**)` : ''}`,
);
row(
  'CPU, the command (GNU time: Pagefind not counted)',
  mhonarc ? `${mhonarc.cpu.toFixed(1)} s` : '–',
  `${(imported.cpu + built.cpu).toFixed(1)} s (${((imported.cpu + built.cpu) / lockWall).toFixed(2)} cores busy on average)`,
);
row(
  'CPU, whole machine during the run',
  mhonarc ? `${mhonarc.tree.machineCpu.toFixed(1)} s` : '–',
  `${tree.machineCpu.toFixed(1)} s (${(tree.machineCpu / lockWall).toFixed(2)} cores busy on average)`,
);
row(
  '**peak RSS, all processes at once**',
  mhonarc ? `${mhonarc.tree.peakMb} MB` : '–',
  `**${tree.peakMb} MB** (${partsText(tree.peakParts)}; goal < 2,000 MB)`,
);
row(
  'largest process (GNU time)',
  mhonarc ? `${mhonarc.rssMb} MB` : '–',
  `${Math.max(imported.rssMb, built.rssMb)} MB`,
);
row('HTML pages', mhonarc ? String(mhonarc.htmlFiles) : '–', String(site.htmlFiles));
row(
  'HTML bytes',
  mhonarc ? mb(mhonarc.htmlBytes) : '–',
  `${mb(site.htmlBytes)}${mhonarc ? ` (${(site.htmlBytes / mhonarc.htmlBytes).toFixed(2)}x)` : ''}`,
);
row(
  'other output (gzip copies, index, assets, raw mail)',
  mhonarc ? mb(mhonarc.otherBytes) : '–',
  mb(site.otherBytes),
);
row(
  'largest page, served / raw',
  '–',
  `${kb(Math.max(...pages.map((p) => p.served)))} / ${kb(largest[0]?.size ?? 0)}`,
);
row(
  'median thread page, served / raw',
  '–',
  `${kb(median(threadPages.map((p) => p.served)))} / ${kb(median(threadPages.map((p) => p.size)))}`,
);
row('pages over 1.5 MB served / 3 MB raw', '–', `${overServed.length} / ${overRaw.length}`);
console.log('\nbuild steps (from the build log):');
for (const [label, re] of steps) {
  const m = re.exec(log);
  console.log(`  ${label.padEnd(14)} ${m ? (m[1] ?? m[2]) : '(not in log)'}`);
}
if (routesDone && lastStep)
  console.log(
    `  ${'after pages'.padEnd(14)} ${clock(lastStep) - clock(routesDone)} s for the steps above, side by side`,
  );
console.log('\nlargest pages (raw, served):');
for (const p of largest)
  console.log(`  ${kb(p.size).padStart(10)} ${kb(p.served).padStart(10)}  ${relative(dist, p.path)}`);

// Incremental: one more thread (a showcase thread's mbox), imported into the same content folder as a
// list's new mail would be, then the same build command again on the kept output and caches.
if (!values['skip-incremental']) {
  const extra = readdirSync(values['extra-thread'] as string)
    .filter((f) => f.endsWith('.mbox'))
    .sort()[0];
  if (extra) {
    const added = timed(nodeBin, [
      'src/cli/import.ts',
      '--json',
      '--list',
      'linux-rdma',
      '--out',
      content,
      join(values['extra-thread'] as string, extra),
    ]);
    // A thread the archive already holds would make this a rebuild with nothing new.
    const { imported, duplicates } = JSON.parse(added.stdout) as { imported: number; duplicates: number };
    if (imported === 0 || duplicates > 0)
      throw new Error(
        `${extra} is not a new thread for this archive (${imported} imported, ${duplicates} already there)`,
      );
    const again = timed(nodeBin, ['src/cli/build.ts', '--outDir', dist], buildEnv);
    console.log(
      `\nincremental: one thread added (${extra}): rebuild ${again.wall.toFixed(1)} s = ${((100 * again.wall) / built.wall).toFixed(1)} % of the full build (goal < 10 %)`,
    );
  }
}
if (!values.keep) {
  for (const folder of [work, dist, cache, mhonarcOut]) rmSync(folder, { recursive: true, force: true });
}
