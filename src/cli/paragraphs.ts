// `npm run paragraphs -- [--full] SOURCE [Message-ID…]`
// An annotator's tool: prints each message's Message-ID and its numbered blocks exactly as the thread
// page numbers them, i.e. the keys of `<Note message="…" p={N}>` in notes.mdx. SOURCE is anything the
// importer reads (mbox, .eml, a thread folder's thread.mbox, …). Without --full each block shows its
// first line only. Exits 1 when a named Message-ID is not in the source, 2 on bad usage.

import { parseArgs } from 'node:util';
import { isRejection, readMessages } from '../importers/read-messages.ts';
import { stripAngles } from '../lib/mail/ids.ts';
import { type NumberedBlock, numberedBlocks } from '../lib/mail/numbered-blocks.ts';
import { toMessageView } from '../lib/mail/thread-view.ts';

const USAGE = 'usage: npm run paragraphs -- [--full] SOURCE [Message-ID...]';

function printBlock(block: NumberedBlock, full: boolean): void {
  const quote = block.quoteDepth > 0 ? `${'>'.repeat(block.quoteDepth)} ` : '';
  const head = `  p${String(block.n).padEnd(3)} ${block.kind.padEnd(9)} ${quote}`;
  const lines = full ? block.lines : block.lines.slice(0, 1);
  process.stdout.write(`${head}${lines[0] ?? ''}\n`);
  for (const line of lines.slice(1)) process.stdout.write(`${' '.repeat(head.length)}${line}\n`);
  if (!full && block.lines.length > 1)
    process.stdout.write(`${' '.repeat(head.length)}… ${block.lines.length} lines\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { full: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [source, ...ids] = positionals;
  if (!source) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const wanted = new Set(ids.map(stripAngles));
  const found = new Set<string>();
  for await (const result of readMessages(source)) {
    if (isRejection(result)) {
      process.stderr.write(`entry ${result.index} of ${result.source} unreadable: ${result.reason}\n`);
      continue;
    }
    const id = stripAngles(result.messageId);
    if (wanted.size > 0 && !wanted.has(id)) continue;
    found.add(id);
    const view = toMessageView(result);
    process.stdout.write(`\n<${id}>\n  ${view.from.name || view.from.address} · ${view.subject}\n`);
    for (const block of numberedBlocks(view.blocks)) printBlock(block, values.full ?? false);
  }
  const missing = [...wanted].filter((id) => !found.has(id));
  for (const id of missing) process.stderr.write(`no message <${id}> in ${source}\n`);
  return missing.length > 0 ? 1 : 0;
}

if (import.meta.main) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
