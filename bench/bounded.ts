// `npm run bench:bounded -- [--full]`
// Shows that one hostile message or thread costs linear time and memory on the way to a page: for
// each huge case (10 MB line, 50,000-deep quote, 10,000-message thread, 10 MB of unclosed HTML tags)
// it runs the pure pipeline a build runs (mbox split → MIME parse → threading → thread view with
// body structure) at 1/8, 1/4, 1/2 and 1× the issue's size and prints time and retained heap. Linear
// cost shows as a ratio near 2 between successive rows. --full also imports and builds the whole
// site from the generated cases at ½ and 1× (wall time of the real CLI and `astro build`).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { splitMbox } from '../src/lib/mail/mbox.ts';
import { parseRawMessage } from '../src/lib/mail/parse-message.ts';
import { buildThreadView } from '../src/lib/mail/thread-view.ts';
import type { ParsedMessage } from '../src/lib/mail/types.ts';
import { buildSite, importMail } from '../tests/fixtures/hostile/build-site.ts';
import {
  bigThread,
  deepQuote,
  hugeLine,
  ISSUE_SIZES,
  writeHugeCases,
} from '../tests/fixtures/hostile/generate.ts';

const gc = (globalThis as { gc?: () => void }).gc;

/** An HTML-only message whose body is `n` unclosed `<` (quadratic for regex tag stripping). */
function unclosedTags(n: number): string {
  return `From x@y Mon Jan  1 00:00:00 2024\nFrom: x@y\nMessage-ID: <tags@x>\nContent-Type: text/html\n\n<p>${'<'.repeat(n)}\n`;
}

const CASES: { name: string; unit: string; full: number; mbox: (n: number) => string }[] = [
  { name: 'long line', unit: 'bytes', full: ISSUE_SIZES.lineBytes, mbox: (n) => hugeLine(n).mbox },
  { name: 'deep quote', unit: 'levels', full: ISSUE_SIZES.quoteDepth, mbox: (n) => deepQuote(n).mbox },
  { name: 'big thread', unit: 'messages', full: ISSUE_SIZES.threadMessages, mbox: (n) => bigThread(n).mbox },
  { name: 'unclosed tags', unit: 'bytes', full: ISSUE_SIZES.lineBytes, mbox: unclosedTags },
];

/** The pure part of import + page build for one mbox; returns what a page would hold. */
async function pipeline(mbox: string) {
  const messages: ParsedMessage[] = [];
  for (const entry of splitMbox(new TextEncoder().encode(mbox))) {
    const parsed = await parseRawMessage(entry.raw, { kind: 'mbox', file: 'bench.mbox', index: entry.index });
    if ('reason' in parsed) throw new Error(`rejected: ${parsed.reason}`);
    messages.push(parsed);
  }
  return buildThreadView(messages);
}

async function measure(mbox: string) {
  gc?.();
  // Large decoded strings can live outside the JS heap (external), so both are counted.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const before = used();
  const started = performance.now();
  const view = await pipeline(mbox);
  const ms = performance.now() - started;
  gc?.();
  const heap = used() - before;
  if (view.messages.length === 0) throw new Error('no message came out');
  return { ms, heapMb: heap / (1 << 20), messages: view.messages.length };
}

async function pureTable(): Promise<void> {
  if (!gc) process.stdout.write('(run with --expose-gc for retained-heap figures)\n');
  process.stdout.write('case            size           messages      time ms  ×prev   heap MB\n');
  for (const c of CASES) {
    let prev = 0;
    for (const fraction of [1 / 8, 1 / 4, 1 / 2, 1]) {
      const n = Math.round(c.full * fraction);
      const r = await measure(c.mbox(n));
      const ratio = prev > 0 ? (r.ms / prev).toFixed(2) : '';
      prev = r.ms;
      process.stdout.write(
        `${c.name.padEnd(15)} ${`${n} ${c.unit}`.padEnd(18)} ${String(r.messages).padStart(6)} ` +
          `${r.ms.toFixed(0).padStart(12)} ${ratio.padStart(6)} ${r.heapMb.toFixed(1).padStart(9)}\n`,
      );
    }
  }
}

function buildTable(): void {
  process.stdout.write(
    '\nwhole site (import CLI + astro build) from the generated cases\nscale  messages  import s  build s\n',
  );
  for (const scale of [0.5, 1]) {
    const work = mkdtempSync(join(tmpdir(), 'lockstep-bounded-'));
    try {
      const sizes = {
        lineBytes: Math.round(ISSUE_SIZES.lineBytes * scale),
        quoteDepth: Math.round(ISSUE_SIZES.quoteDepth * scale),
        threadMessages: Math.round(ISSUE_SIZES.threadMessages * scale),
      };
      const files = writeHugeCases(join(work, 'huge'), sizes).map((c) => c.file);
      let t = performance.now();
      const summary = importMail(join(work, 'threads'), files);
      const importS = (performance.now() - t) / 1000;
      t = performance.now();
      buildSite(join(work, 'site'), join(work, 'threads'), true);
      const buildS = (performance.now() - t) / 1000;
      process.stdout.write(
        `${String(scale).padEnd(6)} ${String(summary.imported).padStart(8)} ${importS.toFixed(1).padStart(9)} ${buildS.toFixed(1).padStart(8)}\n`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false } } });
await pureTable();
if (values.full) buildTable();
