// Index build time and per-page rendering cost of kernel identifier linking.
// Usage:
//   npm run bench:kernel-index -- --tree $KERNEL_TREE --version 2.6.30   (a real kernel tree: full index)
//   npm run bench:kernel-index -- --dir /usr/include                       (no tree: parse speed on local C)
// Always also measures the per-page cost on the seed message with the fixture tree as source.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { excerptHtml } from '../src/components/kernel/highlight-c.ts';
import { buildIndex, isCFile } from '../src/kernel-providers/build-index.ts';
import { createKernelSymbols } from '../src/kernel-providers/kernel-symbols.ts';
import { createLocalGitProvider } from '../src/kernel-providers/local-git.ts';
import { linkSegments } from '../src/lib/kernel/link-segments.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { tree: { type: 'string' }, version: { type: 'string' }, dir: { type: 'string' } },
});

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

if (values.tree) {
  const version = values.version ?? '2.6.30';
  const provider = createLocalGitProvider(values.tree);
  const t0 = performance.now();
  const files = (await provider.listFiles(version)).filter(isCFile);
  let bytes = 0;
  const index = await buildIndex(
    version,
    (async function* () {
      for await (const f of provider.readMany(version, files)) {
        bytes += f.text.length;
        yield f;
      }
    })(),
  );
  const s = (performance.now() - t0) / 1000;
  const rss = process.memoryUsage().rss;
  console.log(`full index of ${values.tree} at v${version}: ${files.length} files, ${mb(bytes)} MB of C`);
  console.log(`  ${index.symbols.length} symbols, ${Object.keys(index.varTypes).length} typed variables`);
  console.log(`  ${s.toFixed(1)} s wall (${mb(bytes / s)} MB/s), RSS ${mb(rss)} MB`);
} else {
  const dir = values.dir ?? '/usr/include';
  const files: Array<{ file: string; text: string }> = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile() && isCFile(name))
        files.push({ file: path.relative(dir, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  const t0 = performance.now();
  const index = await buildIndex('local', files);
  const s = (performance.now() - t0) / 1000;
  console.log(`parse speed on ${dir} (no kernel tree given): ${files.length} files, ${mb(bytes)} MB`);
  console.log(`  ${index.symbols.length} symbols in ${s.toFixed(2)} s = ${mb(bytes / s)} MB/s of C`);
}

// Per-page cost: the seed message linked against the 2.6.30 facts, excerpts read from the fixture tree
// (a temporary git repo tagged v2.6.30), highlighted with Shiki. Cold = first page of a build.
const work = mkdtempSync(path.join(tmpdir(), 'lockstep-bench-'));
cpSync(path.join(repoRoot, 'tests/fixtures/kernel/tree'), work, { recursive: true });
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.invalid', ...args], { cwd: work });
git('init', '-q');
git('add', '.');
git('commit', '-q', '-m', 'fixture');
git('tag', 'v2.6.30');
const seed = readFileSync(
  path.join(repoRoot, 'content/threads/ofa-general-2009-irq-lock-inversion/000_e00f944b4ec83845.txt'),
  'utf8',
);
async function page(service: ReturnType<typeof createKernelSymbols>): Promise<{ ms: number; links: number }> {
  const t0 = performance.now();
  const kv = await service.version('2.6.30');
  const segments = linkSegments(seed, '2.6.30', kv?.lookup ?? null);
  let links = 0;
  for (const s of segments) {
    if (s.kind !== 'symbol' || !s.key) continue;
    links++;
    const view = await service.view('2.6.30', s.key);
    if (view?.excerpt) await excerptHtml(view.excerpt, { inline: true });
  }
  return { ms: performance.now() - t0, links };
}
const service = createKernelSymbols({ providers: [createLocalGitProvider(work)] });
const cold = await page(service);
const runs = 50;
let warm = 0;
for (let i = 0; i < runs; i++) warm += (await page(service)).ms;
const noSource = createKernelSymbols({ providers: [] });
await page(noSource);
let cards = 0;
for (let i = 0; i < runs; i++) cards += (await page(noSource)).ms;
console.log(`per page (seed message, ${cold.links} linked identifiers):`);
console.log(`  first page with a tree: ${cold.ms.toFixed(0)} ms (loads Shiki, parses the facts' files)`);
console.log(`  later pages with a tree: ${(warm / runs).toFixed(2)} ms each (mean of ${runs})`);
console.log(`  facts only (link cards): ${(cards / runs).toFixed(2)} ms each (mean of ${runs})`);
rmSync(work, { recursive: true, force: true });
