import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../src/cli/serve.ts';
import { longThreadMbox } from '../support/long-thread.ts';
import { makeFixtureRepo } from '../unit/kernel/support/fixture-tree.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the default build (bundled content only), served on 127.0.0.1. */
    baseUrl: string;
    /**
     * Root URL of a build with the 12 showcase threads imported from ../shared/corpus added (and one
     * fixture mail with attachments), and
     * KERNEL_TREE pointing at a git repo of our own C fixtures tagged v2.6.30 (real excerpts, made-up code).
     */
    corpusUrl: string;
    /** How the corpus build was made, for tests that build it again another way (shards.test.ts). */
    corpusBuild: { content: string; kernelTree: string; dir: string };
    /** Imports of files that hold no mail, tried into the corpus build's content folder before it was built. */
    junkImports: { file: string; status: number | null; stderr: string }[];
  }
}

const CORPUS_THREADS = resolve('../shared/corpus/threads');

function build(outDir: string, content: string, kernelTree?: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOCKSTEP_CONTENT: content,
    LOCKSTEP_CACHE_DIR: `${outDir}-cache`,
  };
  delete env.KERNEL_TREE;
  delete env.KERNEL_MIRROR;
  if (kernelTree) env.KERNEL_TREE = kernelTree;
  execFileSync(resolve('node_modules/.bin/astro'), ['build', '--outDir', outDir], { stdio: 'inherit', env });
}

// Builds the real site twice (default content; default + imported showcase threads) and serves both.
export default async function setup(project: TestProject) {
  if (!existsSync(CORPUS_THREADS))
    throw new Error(`the corpus is missing: ${CORPUS_THREADS} (../shared beside the repo)`);
  // Build output must sit inside the project: Astro puts a build's prerender chunks in its outDir only
  // then (otherwise in a shared ./.astro), and parallel builds would overwrite each other's chunks.
  mkdirSync(resolve('test-results'), { recursive: true });
  const work = mkdtempSync(resolve('test-results', 'e2e-'));
  const imported = join(work, 'imported');
  const mboxes = readdirSync(CORPUS_THREADS)
    .filter((f) => f.endsWith('.mbox'))
    .map((f) => join(CORPUS_THREADS, f));
  const importInto = (list: string, sources: string[]) =>
    execFileSync(
      resolve('node_modules/.bin/node'),
      ['src/cli/import.ts', '--out', imported, '--list', list, ...sources],
      {
        stdio: 'inherit',
      },
    );
  importInto('linux-rdma', mboxes);
  // One mail of our own with a patch and a binary attachment (the showcase threads have none).
  importInto('lockstep-fixtures', [resolve('tests/fixtures/mail/patch-attachment.eml')]);
  // A long thread of our own making (support/long-thread.ts): several pages, one folded message.
  const longThread = join(work, 'long-thread.mbox');
  writeFileSync(longThread, longThreadMbox());
  importInto('lockstep-fixtures', [longThread]);
  // Files that hold no mail, imported into the same folder: each must fail and leave it as it was.
  const junk = join(work, 'junk');
  mkdirSync(junk);
  const junkFiles: [string, string | Uint8Array][] = [
    ['empty.mbox', ''],
    ['screenshot.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['core.bin', Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)],
    ['page.html', '<!DOCTYPE html><html><head><title>x</title></head><body>x</body></html>\n'],
  ];
  const junkImports = junkFiles.map(([name, bytes]) => {
    const file = join(junk, name);
    writeFileSync(file, bytes);
    const run = spawnSync(resolve('node_modules/.bin/node'), ['src/cli/import.ts', '--out', imported, file], {
      encoding: 'utf8',
    });
    return { file, status: run.status, stderr: run.stderr };
  });
  project.provide('junkImports', junkImports);
  build(join(work, 'default'), '');
  const kernel = makeFixtureRepo('v2.6.30');
  build(join(work, 'corpus'), imported, kernel.workTree);
  const site = await serveStatic(join(work, 'default'), 0);
  const corpus = await serveStatic(join(work, 'corpus'), 0);
  project.provide('baseUrl', site.url);
  project.provide('corpusUrl', corpus.url);
  project.provide('corpusBuild', {
    content: imported,
    kernelTree: kernel.workTree,
    dir: join(work, 'corpus'),
  });
  return async () => {
    await new Promise((done) => site.server.close(done));
    await new Promise((done) => corpus.server.close(done));
    rmSync(work, { recursive: true, force: true });
    rmSync(kernel.root, { recursive: true, force: true });
  };
}
