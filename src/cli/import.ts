// `npm run import -- [--json] [--out DIR] [--list NAME] [--mboxo] SOURCE...`
// Imports mail archives into thread folders (see docs/import.md). A progress bar with messages/s
// and ETA is drawn on stderr only when it is a terminal; the summary ends the output, and with
// --json the last stdout line is one JSON object.

import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type ImportSummary, importSources } from '../importers/import-archives.ts';

const USAGE = 'usage: npm run import -- [--json] [--out DIR] [--list NAME] [--mboxo] SOURCE...';

function progressBar(sourceCount: number) {
  if (!process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: 'import {bar} {percentage}% | {messages} msgs | {rate} msg/s | ETA {eta_formatted}',
      stream: process.stderr,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(sourceCount * 1000, 0, { messages: 0, rate: 0 });
  let last = { source: 0, fraction: 0 };
  return {
    update(source: number, fraction: number, messages: number) {
      // NaN means "no byte position known": keep the last position, refresh the counters.
      if (!Number.isNaN(fraction)) last = { source, fraction };
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(messages / seconds) : 0;
      bar.update(Math.round((last.source + Math.min(1, last.fraction)) * 1000), { messages, rate });
    },
    stop: () => bar.stop(),
  };
}

function printSummary(summary: ImportSummary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const rate =
    summary.seconds > 0 ? Math.round(summary.messages_read / summary.seconds) : summary.messages_read;
  const lines = [
    ...summary.sources.map(
      (s) =>
        `  ${s.path} (${s.format}): ${s.messages_read} read, ${s.imported} imported, ${s.rejected} rejected`,
    ),
    `messages read: ${summary.messages_read}`,
    `imported:      ${summary.imported} (${summary.duplicates} reuse an earlier Message-ID, kept beside it)`,
    `rejected:      ${summary.rejected} (listed in ${summary.rejections_file})`,
    `threads:       ${summary.threads} written to ${summary.out}`,
    `time:          ${summary.seconds} s (${rate} messages/s)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      out: { type: 'string', default: 'content/threads' },
      list: { type: 'string' },
      mboxo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const bar = progressBar(positionals.length);
  try {
    const summary = await importSources(positionals, {
      out: values.out,
      ...(values.list ? { list: values.list } : {}),
      ...(values.mboxo ? { flavour: 'mboxo' as const } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    });
    bar?.stop();
    printSummary(summary, values.json);
    return 0;
  } catch (error) {
    bar?.stop();
    process.stderr.write(`import failed: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
