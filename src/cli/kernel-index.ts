// Builds a symbol index from a kernel git tree at a version tag, and can refresh a facts file from it.
//   npm run kernel:index -- --tree ~/linux --version 2.6.30 [--paths drivers/infiniband,kernel]
//       [--out index.json] [--update-facts content/kernel/2.6.30.json]

import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildIndex, isCFile, refreshFacts } from '../kernel-providers/build-index.ts';
import { createLocalGitProvider } from '../kernel-providers/local-git.ts';
import type { KernelFacts } from '../lib/kernel/types.ts';
import { versionTag } from '../lib/kernel/urls.ts';

const USAGE =
  'usage: kernel-index --tree DIR --version X.Y.Z [--paths a,b] [--out FILE] [--update-facts FILE]\n' +
  '  --tree defaults to $KERNEL_TREE; the tag read is v<version>.';

/** Runs the command with the given arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tree: { type: 'string' },
      version: { type: 'string' },
      paths: { type: 'string' },
      out: { type: 'string' },
      'update-facts': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const tree = values.tree ?? process.env.KERNEL_TREE;
  if (values.help || !tree || !values.version) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const version = values.version;
  const provider = createLocalGitProvider(tree);
  const prefixes = values.paths ? values.paths.split(',').map((p) => p.replace(/\/*$/, '/')) : [];
  const started = performance.now();
  const all = await provider.listFiles(version);
  const files = all.filter(
    (f) => isCFile(f) && (prefixes.length === 0 || prefixes.some((p) => f.startsWith(p))),
  );
  let done = 0;
  const index = await buildIndex(version, provider.readMany(version, files), () => {
    done++;
    if (done % 2000 === 0) console.error(`  ${done}/${files.length} files`);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `indexed ${files.length} files at ${versionTag(version)}: ${index.symbols.length} symbols, ` +
      `${Object.keys(index.varTypes).length} typed variables in ${seconds.toFixed(1)} s`,
  );
  if (values.out) await writeFile(values.out, `${JSON.stringify(index)}\n`);
  if (values['update-facts']) {
    const path = values['update-facts'];
    const facts = JSON.parse(await readFile(path, 'utf8')) as KernelFacts;
    const how = `line from tree-sitter parse of ${versionTag(version)} (kernel:index)`;
    const result = refreshFacts(facts, index, how);
    await writeFile(path, `${JSON.stringify(result.facts, null, 2)}\n`);
    console.log(`updated ${path}; not confirmed by the tree: ${result.unconfirmed.join(', ') || 'none'}`);
  }
  return 0;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
