// Builds a symbol index from a kernel git tree at a version tag, and keeps a facts file in step with it.
//   npm run kernel:index -- --tree ~/linux --version 2.6.30 [--paths drivers/infiniband,kernel]
//       [--out index.json] [--update-facts content/kernel/2.6.30.json [--add name,struct.field,name@file]]
//       [--workers N] [--no-cache]
//   npm run kernel:index -- --tree NEAREST --version 6.1.192 --file-facts content/kernel/6.2-rc6.json
//       --for 6.2-rc6 --mail THREAD.mbox[,…] [--add NAME,…]      (file-only facts for a version with no tree)

import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { addFacts, refreshFacts } from '../kernel-providers/build-index.ts';
import { indexTree } from '../kernel-providers/index-tree.ts';
import { fileFacts } from '../kernel-providers/thread-facts.ts';
import type { KernelFacts } from '../lib/kernel/types.ts';
import { versionTag } from '../lib/kernel/urls.ts';

const USAGE =
  'usage: kernel-index --tree DIR --version X.Y.Z [--paths a,b] [--out FILE]\n' +
  '                    [--update-facts FILE [--add NAME[,NAME…]]] [--workers N] [--no-cache]\n' +
  '  --tree defaults to $KERNEL_TREE; the tag read is v<version>.\n' +
  '  --add puts new facts in FILE from the index: NAME (a function, macro, struct, …), STRUCT.FIELD,\n' +
  '        or NAME@FILE when the tree defines NAME in more than one file.\n' +
  "  The index of an unchanged tree is read from a cache keyed by the tag's commit\n" +
  '  (KERNEL_INDEX_CACHE, default node_modules/.cache/lockstep-kernel-index); --no-cache parses again.';

/** Runs the command with the given arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const tree = values.tree ?? process.env.KERNEL_TREE;
  if (values.help || !tree || !values.version) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.add && !values['update-facts'] && !values['file-facts']) {
    console.error(`--add needs --update-facts FILE or --file-facts FILE\n${USAGE}`);
    return 2;
  }
  if (values['file-facts'] && (!values.for || !values.mail)) {
    console.error(`--file-facts needs --for VERSION and --mail FILE[,FILE…]\n${USAGE}`);
    return 2;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
    console.error(`--workers must be a whole number >= 1, not ${values.workers}`);
    return 2;
  }
  const version = values.version;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof indexTree>>;
  try {
    result = await indexTree({
      tree,
      version,
      paths: values.paths ? values.paths.split(',') : [],
      ...(workers ? { workers } : {}),
      ...(values['no-cache'] ? { cacheDir: null } : {}),
      // Without --out or --update-facts nothing reads the index: a cache hit need not be loaded.
      load: Boolean(values.out || values['update-facts'] || values['file-facts']),
      onProgress: (done, total) => console.error(`  ${done}/${total} files`),
    });
  } catch (error) {
    console.error(`kernel:index: ${(error as Error).message}`);
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const what = result.cached ? 'read from the cache' : `parsed from ${result.files.length} files`;
  console.log(
    `index of ${versionTag(version)} (commit ${result.commit.slice(0, 12)}) ${what}: ` +
      `${result.symbols} symbols, ${result.varTypes} typed variables ` +
      `in ${seconds.toFixed(2)} s`,
  );
  const { index } = result;
  if (!index) return 0;
  if (values.out) await writeFile(values.out, `${JSON.stringify(index)}\n`);
  if (values['file-facts'] && values.for && values.mail) {
    const made = await fileFacts({
      version: values.for,
      mail: values.mail.split(','),
      nearest: index,
      ...(values.add ? { add: values.add.split(',') } : {}),
    });
    await writeFile(values['file-facts'], `${JSON.stringify(made.facts, null, 2)}\n`);
    console.log(
      `wrote ${values['file-facts']}: ${made.facts.symbols.length} symbols placed in files at ${values.for}; ` +
        `named but not placed: ${made.unplaced.length}`,
    );
    const forcedMissing = (values.add?.split(',') ?? []).filter((n) => made.unplaced.includes(n));
    if (forcedMissing.length > 0) {
      console.error(
        `  --add names not defined in exactly one file of this tree: ${forcedMissing.join(', ')}`,
      );
      return 1;
    }
    return 0;
  }
  const factsPath = values['update-facts'];
  if (!factsPath) return 0;
  const facts = JSON.parse(await readFile(factsPath, 'utf8')) as KernelFacts;
  if (facts.version !== version) {
    console.error(`${factsPath} is for version ${facts.version}, not ${version}`);
    return 1;
  }
  const how = `line from the tree-sitter index of ${versionTag(version)} (commit ${result.commit.slice(0, 12)}), kernel:index`;
  let updated = facts;
  if (values.add) {
    const added = addFacts(updated, index, values.add.split(','), how);
    if (added.errors.length > 0) {
      for (const e of added.errors) console.error(`  --add ${e}`);
      console.error(`${factsPath} not changed`);
      return 1;
    }
    updated = added.facts;
  }
  const refreshed = refreshFacts(updated, index, how);
  const source =
    `Symbol facts (file, line, end line) from kernel:index over the ${versionTag(version)} tree ` +
    `(tag commit ${result.commit}); never typed by hand.`;
  await writeFile(factsPath, `${JSON.stringify({ ...refreshed.facts, source }, null, 2)}\n`);
  console.log(
    `updated ${factsPath}; not confirmed by the tree: ${refreshed.unconfirmed.join(', ') || 'none'}`,
  );
  return refreshed.unconfirmed.length > 0 ? 1 : 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      tree: { type: 'string' },
      version: { type: 'string' },
      paths: { type: 'string' },
      out: { type: 'string' },
      'update-facts': { type: 'string' },
      add: { type: 'string' },
      'file-facts': { type: 'string' },
      for: { type: 'string' },
      mail: { type: 'string' },
      workers: { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
