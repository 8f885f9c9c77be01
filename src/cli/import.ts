// `npm run import -- [--json] [--out DIR] [--list NAME] [--mboxo] SOURCE...`
// `npm run import -- --lore [--refresh] [--max-bytes N] [--cache DIR] MESSAGE-ID|URL...`
// Imports mail archives into thread folders (see docs/import.md); with --lore, first fetches each
// thread from a lore archive into the cache (or takes it from there). A progress bar with messages/s
// and ETA is drawn on stderr only when it is a terminal; the summary ends the output, and with
// --json the last stdout line is one JSON object.

import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type ImportSummary, importSources } from '../importers/import-archives.ts';
import { loreCacheDir } from '../importers/lore-cache.ts';
import { DEFAULT_MAX_BYTES, fetchThread, LoreError, loreBase } from '../importers/lore-client.ts';
import { type LoreRef, parseLoreRef } from '../lib/mail/lore.ts';

const USAGE = `usage: npm run import -- [--json] [--out DIR] [--list NAME] [--mboxo] SOURCE...
       npm run import -- --lore [--refresh] [--max-bytes N] [--cache DIR] [--json] [--out DIR] MESSAGE-ID|LORE-URL...
  --lore         fetch each thread as t.mbox.gz from LOCKSTEP_LORE (default https://lore.kernel.org/all),
                 or from the archive a URL names; <id>, id:<id> and lore URLs (/T/, /t/, /raw) are understood
  --refresh      fetch again even when the thread is in the cache
  --max-bytes N  refuse a thread larger than N bytes of mbox (K, M, G suffixes; default 64M; 0: no limit)
  --cache DIR    cache folder (default LOCKSTEP_LORE_CACHE, else ~/.cache/lockstep/lore)`;

/** `64M`, `1G`, `5000` → bytes; NaN when malformed. */
function parseSize(text: string): number {
  const m = /^(\d+)\s*([KMG]i?B?)?$/i.exec(text.trim());
  if (!m) return Number.NaN;
  const unit = (m[2] ?? '').toUpperCase()[0];
  return Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1);
}

/** Fetches (or finds in the cache) every thread; returns their cached mbox files. */
async function fetchLoreSources(
  refs: LoreRef[],
  options: { refresh: boolean; maxBytes: number; cacheDir: string },
): Promise<string[]> {
  const files: string[] = [];
  for (const ref of refs) {
    const { thread, cached } = await fetchThread(ref, {
      ...options,
      base: loreBase(),
      onRetry: ({ status, seconds, attempt }) =>
        process.stderr.write(`lore: HTTP ${status}, retrying in ${seconds} s (attempt ${attempt + 1})\n`),
    });
    const count = `${thread.messageIds.length} message${thread.messageIds.length === 1 ? '' : 's'}`;
    process.stderr.write(
      cached
        ? `lore: <${ref.messageId}> from the cache (${count}, fetched ${thread.fetchedAt} from ${thread.url})\n`
        : `lore: fetched ${thread.url} (${count}, ${thread.bytes} bytes gzip) into ${thread.file}\n`,
    );
    if (!files.includes(thread.file)) files.push(thread.file);
  }
  return files;
}

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
      lore: { type: 'boolean', default: false },
      refresh: { type: 'boolean', default: false },
      'max-bytes': { type: 'string' },
      cache: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : parseSize(values['max-bytes']);
  if (Number.isNaN(maxBytes)) {
    process.stderr.write(`--max-bytes: not a size: ${values['max-bytes']}\n${USAGE}\n`);
    return 2;
  }
  let sources = positionals;
  if (values.lore) {
    const refs = positionals.map((p) => [p, parseLoreRef(p)] as const);
    const bad = refs.find(([, ref]) => ref === null);
    if (bad) {
      process.stderr.write(`--lore: not a Message-ID or lore URL: ${bad[0]}\n${USAGE}\n`);
      return 2;
    }
    try {
      sources = await fetchLoreSources(
        refs.map(([, ref]) => ref as LoreRef),
        { refresh: values.refresh, maxBytes, cacheDir: values.cache ?? loreCacheDir() },
      );
    } catch (error) {
      if (!(error instanceof LoreError)) throw error;
      process.stderr.write(`import failed: ${error.message}\n`);
      return 1;
    }
  } else if (values.refresh || values['max-bytes'] !== undefined || values.cache !== undefined) {
    process.stderr.write(`--refresh, --max-bytes and --cache go with --lore\n${USAGE}\n`);
    return 2;
  }
  const bar = progressBar(sources.length);
  try {
    const summary = await importSources(sources, {
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
