// npm run splats -- [--json] SOURCE…
// Lists every lockdep report found in the messages of the given sources (mbox, mbox.gz, .eml, folders,
// public-inbox git: anything readMessages reads). With --json the last line is one JSON array with a
// record per report.
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
  console.error('usage: npm run splats -- [--json] SOURCE…');
  process.exit(2);
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
  return `${head}${kernel}\n  locks: ${locks || '-'}${chain ? `\n  chain: ${chain}` : ''}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const sources = args.filter((a) => a !== '--json');
  if (sources.length === 0 || sources.some((s) => s.startsWith('--'))) usage();
  const records: SplatRecord[] = [];
  let messages = 0;
  let rejected = 0;
  for (const source of sources) {
    for await (const m of readMessages(source)) {
      if (isRejection(m)) {
        rejected++;
        console.error(`skipped entry ${m.index} of ${m.source}: ${m.reason}`);
        continue;
      }
      messages++;
      const parts = [
        { part: 'body', text: m.body },
        ...m.attachments.filter((a) => a.text).map((a) => ({ part: a.filename, text: a.text ?? '' })),
      ];
      for (const { part, text } of parts) {
        for (const report of findReports(text)) {
          const record = toRecord(m.messageId, part, report);
          records.push(record);
          if (!json) console.log(describe(record));
        }
      }
    }
  }
  console.log(
    `${records.length} reports in ${messages} messages${rejected ? ` (${rejected} entries unreadable)` : ''}`,
  );
  if (json) console.log(JSON.stringify(records));
}

await main();
