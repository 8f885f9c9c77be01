// npm run splats -- [--json] SOURCE…
// Lists every lockdep report found in the messages of the given sources (mbox, mbox.gz, .eml, folders,
// public-inbox git: anything readMessages reads). `-` reads standard input: a mail or mbox is read as
// mail, anything else (a log, a paste) as one text. With --json the last line is one JSON array with a
// record per report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectSourceFormat } from '../importers/detect-source.ts';
import { isRejection, readMessages } from '../importers/read-messages.ts';
import { findReports } from '../lib/lockdep/find-reports.ts';
import type { LockdepReport } from '../lib/lockdep/types.ts';

/**
 * One report as printed by --json: the keys the issue names first (`scenario` is the table's steps,
 * `frames` the final backtrace), then every other parsed field.
 */
interface SplatRecord extends Omit<LockdepReport, 'backtrace' | 'scenario'> {
  /** Message-ID of the message holding the report. */
  messageId: string;
  /** `body`, or the file name of the text attachment the report was found in. */
  part: string;
  /** Steps of the scenario table, when there is one. */
  scenario?: NonNullable<LockdepReport['scenario']>['steps'];
  /** Columns and provenance of the scenario table. */
  scenarioTable?: Omit<NonNullable<LockdepReport['scenario']>, 'steps'>;
  /** The final stack backtrace. */
  frames: LockdepReport['backtrace'];
}

function toRecord(messageId: string, part: string, report: LockdepReport): SplatRecord {
  const { kind, locks, chain, scenario, backtrace, ...rest } = report;
  const record: SplatRecord = { messageId, part, kind, locks, chain, frames: backtrace, ...rest };
  if (scenario) {
    const { steps, ...table } = scenario;
    record.scenario = steps;
    record.scenarioTable = table;
  }
  return record;
}

function usage(): never {
  console.error('usage: npm run splats -- [--json] SOURCE…   (SOURCE - reads standard input)');
  process.exit(2);
}

/** One text to search, and where it came from. */
interface Part {
  messageId: string;
  part: string;
  text: string;
}

/** Standard input as texts: through the mail reader when it is mail, else as one text (`-`, `stdin`). */
async function* stdinParts(): AsyncGenerator<Part | { rejected: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  // The mail reader detects formats from a path: give it the bytes as a file.
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-splats-'));
  try {
    const file = join(dir, 'stdin');
    writeFileSync(file, bytes);
    const format = await detectSourceFormat(file);
    if (format === 'mbox' || format === 'eml') {
      yield* messageParts(file);
      return;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  yield { messageId: '-', part: 'stdin', text: new TextDecoder('utf-8').decode(bytes) };
}

/** The body and text attachments of every message of a source. */
async function* messageParts(source: string): AsyncGenerator<Part | { rejected: string }> {
  for await (const m of readMessages(source)) {
    if (isRejection(m)) {
      yield { rejected: `skipped entry ${m.index} of ${m.source}: ${m.reason}` };
      continue;
    }
    yield { messageId: m.messageId, part: 'body', text: m.body };
    for (const a of m.attachments)
      if (a.text) yield { messageId: m.messageId, part: a.filename, text: a.text };
  }
}

function describe(record: SplatRecord): string {
  const flags = [
    record.hasBanner ? '' : 'partial',
    record.quoteDepth > 0 ? `quoted×${record.quoteDepth}` : '',
  ]
    .filter((f) => f !== '')
    .join(', ');
  const head = `<${record.messageId}> ${record.kind}${flags ? ` (${flags})` : ''}`;
  const kernel = record.kernel ? ` kernel ${record.kernel.version}` : '';
  const locks = record.locks.map((l) => `${l.name}${l.usage ?? ''}`).join(', ');
  const chain = record.chain.map((c) => `#${c.index} ${c.lock.name}`).join(' → ');
  const missing = record.missing.length > 0 ? `\n  missing: ${record.missing.join(', ')}` : '';
  return `${head}${kernel}\n  locks: ${locks || '-'}${chain ? `\n  chain: ${chain}` : ''}${missing}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const sources = args.filter((a) => a !== '--json');
  if (sources.length === 0 || sources.some((s) => s.startsWith('--'))) usage();
  if (sources.filter((s) => s === '-').length > 1) usage();
  const records: SplatRecord[] = [];
  const messages = new Set<string>();
  let rejected = 0;
  for (const [n, source] of sources.entries()) {
    for await (const p of source === '-' ? stdinParts() : messageParts(source)) {
      if ('rejected' in p) {
        rejected++;
        console.error(p.rejected);
        continue;
      }
      messages.add(`${n}\u0000${p.messageId}`);
      for (const report of findReports(p.text)) {
        const record = toRecord(p.messageId, p.part, report);
        records.push(record);
        if (!json) console.log(describe(record));
      }
    }
  }
  console.log(
    `${records.length} reports in ${messages.size} messages${rejected ? ` (${rejected} entries unreadable)` : ''}`,
  );
  if (json) console.log(JSON.stringify(records));
}

await main();
