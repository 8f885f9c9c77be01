// `npm run fuzz -- [--runs N] [--seed S] [--target NAME]`
// Property-based fuzzing (fast-check) of the paths hostile mail goes through: the mbox splitter,
// the pipermail text parser, the MIME path (postal-mime), threading and the lockdep splat parser.
// Each target runs N generated inputs; a run fails on an uncaught exception or a lost message
// (a message that went in and did not come out). Prints runs, mails, failures and, for a failure,
// the smallest failing input fast-check shrank it to. Exit status 1 when anything failed.

import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { findReports } from '../lib/lockdep/find-reports.ts';
import { type MboxEntry, MboxSplitter, mboxrdEntry, splitMbox } from '../lib/mail/mbox.ts';
import { parseRawMessage } from '../lib/mail/parse-message.ts';
import { parsePipermailHtml } from '../lib/mail/pipermail-html.ts';
import { parsePipermailText } from '../lib/mail/pipermail-text.ts';
import { buildThreadView } from '../lib/mail/thread-view.ts';
import { flattenThread, threadMessages } from '../lib/mail/threading.ts';
import type { ParsedMessage } from '../lib/mail/types.ts';

/** What one check of one input found. */
export interface Outcome {
  /** Messages that went in. */
  mails: number;
  /** Messages that did not come out (or were rejected though valid). */
  lost: number;
}

/** One fuzz target: an input generator and a check that throws or reports lost messages. */
export interface FuzzTarget<T = unknown> {
  name: string;
  input: fc.Arbitrary<T>;
  check: (input: T) => Outcome | Promise<Outcome>;
}

/** Result of fuzzing one target. */
export interface TargetReport {
  name: string;
  runs: number;
  mails: number;
  exceptions: number;
  lost: number;
  /** Smallest failing input (fast-check's shrunk counterexample), as source text. */
  counterexample?: string;
  error?: string;
}

// Pieces hostile and broken mail is made of, mixed with random text so shrinking finds short cases.
const FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'From ',
  '>From ',
  'From a@b Mon Jan  1 00:00:00 2024',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '\0',
  '> ',
  '>>>>>>>>',
  '=?UTF-8?B?PHNjcmlwdD4=?=',
  '=?utf-8?q?=3Cb=3E?=',
  '=?x?',
  '\u202e',
  '\u2067',
  '\ud800',
  '--b',
  '--b--',
  'Content-Type: multipart/mixed; boundary=b',
  'Content-Transfer-Encoding: base64',
  '=3D',
  '=\n',
  '<',
  '>',
  '&amp;',
  '&#0;',
  '&#x110000;',
  'http://x.test/(a)',
  'spin_lock(&a->lock);',
  'CPU0',
  '*** DEADLOCK ***',
  '-> #1 (&a->lock){+.+.}-{3:3}:',
];

const text = (maxLength = 12) =>
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 8 })), {
      maxLength,
    })
    .map((parts) => parts.join(''));
const oneLine = (maxLength = 6) => text(maxLength).map((s) => s.replace(/[\r\n]+/g, ' '));
const ID_POOL = ['a@x', 'b@x', 'c@x', 'd@x', '<e>@x', 'f"@x', 'g@x/../h'];
const id = fc.oneof(
  fc.constantFrom(...ID_POOL),
  oneLine(3).map((s) => `${s.replace(/[<>\s]/g, '')}z@y`),
);

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/** mbox: N messages written as mboxrd and split back, fed in random chunks: every one returns, byte-exact. */
const mboxTarget: FuzzTarget<{ bodies: string[]; cuts: number[] }> = {
  name: 'mbox',
  input: fc.record({
    bodies: fc.array(text(16), { maxLength: 8 }),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
  }),
  check: ({ bodies, cuts }) => {
    const raws = bodies.map((b) => ENCODER.encode(`Subject: fuzz\n\n${b}`));
    const entries = raws.map((raw) => mboxrdEntry(raw, 'fuzz@lockstep.test', new Date(0)));
    const whole = new Uint8Array(entries.reduce((n, e) => n + e.length, 0));
    let at = 0;
    for (const e of entries) {
      whole.set(e, at);
      at += e.length;
    }
    const splitter = new MboxSplitter();
    const out: MboxEntry[] = [];
    let from = 0;
    for (const cut of [...cuts.map((c) => c % (whole.length + 1))].sort((a, b) => a - b)) {
      out.push(...splitter.push(whole.subarray(from, Math.max(from, cut))));
      from = Math.max(from, cut);
    }
    out.push(...splitter.push(whole.subarray(from)), ...splitter.end());
    // Arbitrary bytes must split without throwing too.
    splitMbox(ENCODER.encode(bodies.join('\n')));
    let lost = Math.max(0, raws.length - out.length);
    raws.forEach((raw, i) => {
      const want = DECODER.decode(raw).replace(/([^\n])$/, '$1\n');
      const got = out[i] ? DECODER.decode(out[i].raw) : null;
      if (got !== null && got !== want) lost++;
    });
    if (out.length > raws.length) throw new Error(`${out.length} entries from ${raws.length} messages`);
    return { mails: raws.length, lost };
  },
};

const escapeHtml = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** pipermail pages (text and HTML) with hostile fields parse and keep the body; junk fails with a plain Error. */
const pipermailTarget: FuzzTarget<{ subject: string; name: string; body: string; junk: string }> = {
  name: 'pipermail',
  input: fc.record({ subject: oneLine(), name: oneLine(), body: text(16), junk: text(8) }),
  check: ({ subject, name, body, junk }) => {
    const page = `${subject}\n${name}\nuser at example.org\nMon Aug 10 13:48:28 PDT 2009\n\nMARK ${body}`;
    const message = parsePipermailText(page, 'fuzz.txt');
    const lost = message.body.includes('MARK') ? 0 : 1;
    // Pipermail escapes what it writes into its pages; the hostile part is the escaped text.
    const html = `<html><h1>${escapeHtml(subject)}</h1> <b>${escapeHtml(name)}</b> <a href="mailto:u@example.org?In-Reply-To=%3Cx%3E">u at example.org</a><br><i>Mon Aug 10 13:48:28 PDT 2009</i><pre>MARK ${escapeHtml(body)}</pre></html>`;
    const fromHtml = parsePipermailHtml(html, 'fuzz.html');
    const lostHtml = fromHtml.body.includes('MARK') ? 0 : 1;
    for (const parse of [parsePipermailText, parsePipermailHtml]) {
      try {
        parse(junk, 'junk.txt');
      } catch (error) {
        // Junk may be refused with the parser's own plain Error (the importer lists it as rejected);
        // a TypeError or RangeError would be a crash the parser did not mean.
        if (!(error instanceof Error) || error.constructor !== Error) throw error;
      }
    }
    return { mails: 2, lost: lost + lostHtml };
  },
};
interface MimeInput {
  subject: string;
  from: string;
  ids: string[];
  kind: 'plain' | 'html' | 'multipart' | 'qp' | 'base64' | 'broken';
  body: string;
  extra: string;
  /** Multipart nesting depth wrapped around the message's body. */
  nesting: number;
  /** Raw bytes fed to the parser as a whole message as well. */
  junk: Uint8Array;
}

const mimeInput: fc.Arbitrary<MimeInput> = fc.record({
  subject: oneLine(),
  from: oneLine(),
  ids: fc.array(id, { maxLength: 3 }),
  kind: fc.constantFrom(
    'plain' as const,
    'html' as const,
    'multipart' as const,
    'qp' as const,
    'base64' as const,
    'broken' as const,
  ),
  body: text(16),
  extra: oneLine(4),
  nesting: fc.nat({ max: 40 }),
  junk: fc.uint8Array({ maxLength: 96 }),
});

/** Wraps a body part in `depth` levels of multipart/mixed (MHonArc's nested-structure DoS class). */
function nest(part: string, depth: number): string {
  let out = part;
  for (let d = depth; d > 0; d--) {
    out = `Content-Type: multipart/mixed; boundary="n${d}"\n\n--n${d}\n${out}\n--n${d}--\n`;
  }
  return out;
}

function mimeMessage(m: MimeInput): string {
  const head = `Message-ID: <fuzz@lockstep.test>\nFrom: ${m.from} <f@x.test>\nSubject: ${m.subject}\nReferences: ${m.ids.map((i) => `<${i}>`).join(' ')}\nX-Fuzz: ${m.extra}\nMIME-Version: 1.0\n`;
  const b64 = Buffer.from(m.body).toString('base64');
  switch (m.kind) {
    case 'html':
      return `${head}Content-Type: text/html; charset=utf-8\n\n<p>${m.body}</p>`;
    case 'multipart':
      return `${head}${nest(`Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n${m.body}\n--b\nContent-Type: application/octet-stream; name="${m.extra}"\nContent-Disposition: attachment; filename="${m.extra}"\n\n${m.body}\n--b--\n`, m.nesting)}`;
    case 'qp':
      return `${head}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${m.body}`;
    case 'base64':
      return `${head}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${b64}`;
    case 'broken':
      return `${head}Content-Type: ${m.extra}\nContent-Transfer-Encoding: ${m.extra}\n\n${m.body}`;
    default:
      return `${head}Content-Type: text/plain; charset=utf-8\n\n${m.body}`;
  }
}

/** MIME: any message with a Message-ID and From parses (postal-mime) and is never rejected. */
const mimeTarget: FuzzTarget<MimeInput> = {
  name: 'mime',
  input: mimeInput,
  check: async (m) => {
    const raw = ENCODER.encode(mimeMessage(m));
    const parsed = await parseRawMessage(raw, { kind: 'eml', file: 'fuzz.eml' });
    if ('reason' in parsed) return { mails: 1, lost: 1 };
    // The page path must cope with whatever came out (body structure, quote caps).
    buildThreadView([parsed]);
    // Arbitrary bytes must come back as a message or a rejection reason, never as an exception.
    await parseRawMessage(m.junk, { kind: 'eml', file: 'junk.eml' });
    await parseRawMessage(ENCODER.encode(m.body), { kind: 'eml', file: 'junk.eml' });
    return { mails: 3, lost: 0 };
  },
};

interface ThreadCase {
  messageId: string;
  references: string[];
  inReplyTo: string[];
  subject: string;
  day: number | null;
  body: string;
}

const threadInput: fc.Arbitrary<ThreadCase[]> = fc.array(
  fc.record({
    messageId: id,
    references: fc.array(id, { maxLength: 4 }),
    inReplyTo: fc.array(id, { maxLength: 2 }),
    subject: fc.oneof(fc.constantFrom('x', 'Re: x', 'Re: Re: x', ''), oneLine(3)),
    day: fc.option(fc.integer({ min: 1, max: 28 })),
    body: text(6),
  }),
  { maxLength: 24 },
);

/** Threading: loops, self-replies and reused ids still give every message exactly one place. */
const threadingTarget: FuzzTarget<ThreadCase[]> = {
  name: 'threading',
  input: threadInput,
  check: (input) => {
    const messages: ParsedMessage[] = input.map((m, i) => ({
      messageId: m.messageId,
      messageIdDerived: false,
      subject: m.subject,
      rawSubject: m.subject,
      from: { name: 'f', address: 'f@x' },
      date:
        m.day === null
          ? null
          : {
              utc: `2024-01-${String(m.day).padStart(2, '0')}T00:00:00.000Z`,
              offsetMinutes: 0,
              zone: '+0000',
              raw: '',
            },
      inReplyTo: m.inReplyTo,
      references: m.references,
      body: m.body,
      attachments: [],
      source: { kind: 'mbox', file: 'fuzz.mbox', index: i },
    }));
    const seen = new Array<number>(messages.length).fill(0);
    for (const mode of ['auto', 'always'] as const) {
      seen.fill(0);
      for (const thread of threadMessages(messages, { subjectFallback: mode })) {
        for (const row of flattenThread(thread)) {
          if (row.node.index !== null) seen[row.node.index] = (seen[row.node.index] ?? 0) + 1;
        }
      }
      if (seen.some((n) => n > 1)) throw new Error(`a message placed twice (${mode})`);
    }
    const view = buildThreadView(messages);
    const lost = seen.filter((n) => n === 0).length + Math.max(0, messages.length - view.messages.length);
    return { mails: messages.length, lost };
  },
};

const SPLAT_LINES = [
  '======================================================',
  'WARNING: possible circular locking dependency detected',
  'WARNING: inconsistent lock state',
  '6.9.0 #1 Not tainted',
  'kworker/0:1/42 is trying to acquire lock:',
  'ffff888100000000 (&a->lock){+.+.}-{3:3}, at: f+0x10/0x20',
  'but task is already holding lock:',
  'which lock already depends on the new lock.',
  'the existing dependency chain (in reverse order) is:',
  '-> #1 (&b->lock){+.+.}-{3:3}:',
  '       lock_acquire+0x1/0x2',
  ' Possible unsafe locking scenario:',
  '       CPU0                    CPU1',
  '       ----                    ----',
  '  lock(&a->lock);',
  '                               lock(&b->lock);',
  ' *** DEADLOCK ***',
  '[   12.345678] ',
  '> ',
  '(',
  ')',
  '{',
  '}',
];

/** Splat parser: any mix of lockdep lines, quote marks and junk is read without throwing. */
const splatTarget: FuzzTarget<string> = {
  name: 'splat',
  input: fc
    .array(fc.oneof(fc.constantFrom(...SPLAT_LINES), oneLine(4)), { maxLength: 30 })
    .map((lines) => lines.join('\n')),
  check: (body) => {
    findReports(body);
    return { mails: 1, lost: 0 };
  },
};

/** Every target, in the order the CLI runs them. */
export const FUZZ_TARGETS = [
  mboxTarget,
  pipermailTarget,
  mimeTarget,
  threadingTarget,
  splatTarget,
] as FuzzTarget[];

/** Fuzzes one target for `runs` inputs; stops at the first failure and shrinks it. */
export async function fuzzTarget<T>(
  target: FuzzTarget<T>,
  runs: number,
  seed: number,
): Promise<TargetReport> {
  const report: TargetReport = { name: target.name, runs: 0, mails: 0, exceptions: 0, lost: 0 };
  // Counts cover the generation phase only: once a run fails, fast-check re-runs smaller inputs.
  let shrinking = false;
  const record = (outcome: Outcome | null, error: unknown) => {
    if (shrinking) return;
    report.runs++;
    if (outcome) report.mails += outcome.mails;
    if (error !== undefined) report.exceptions++;
    if (outcome?.lost) report.lost += outcome.lost;
    if (error !== undefined || outcome?.lost) shrinking = true;
  };
  const property = fc.asyncProperty(target.input, async (input) => {
    let outcome: Outcome | null = null;
    try {
      outcome = await target.check(input);
    } catch (error) {
      record(null, error);
      throw error;
    }
    record(outcome, undefined);
    if (outcome.lost > 0) throw new Error(`${outcome.lost} of ${outcome.mails} messages lost`);
  });
  const details = await fc.check(property, { numRuns: runs, seed });
  if (details.failed) {
    report.counterexample = fc.stringify(details.counterexample?.[0]).slice(0, 4000);
    const error = details.errorInstance;
    report.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return report;
}

function printReports(reports: TargetReport[], seed: number, seconds: number): void {
  const rows = reports.map(
    (r) =>
      `  ${r.name.padEnd(10)} ${String(r.runs).padStart(9)} runs ${String(r.mails).padStart(10)} mails ` +
      `${String(r.exceptions).padStart(3)} exceptions ${String(r.lost).padStart(3)} lost`,
  );
  const total = (key: 'runs' | 'mails' | 'exceptions' | 'lost') => reports.reduce((n, r) => n + r[key], 0);
  const failures = reports.filter((r) => r.error !== undefined);
  const lines = [
    `fuzz (seed ${seed})`,
    ...rows,
    `runs: ${total('runs')}, mails: ${total('mails')}, uncaught exceptions: ${total('exceptions')}, ` +
      `lost messages: ${total('lost')}, failures: ${failures.length}, time: ${seconds.toFixed(1)} s`,
  ];
  for (const f of failures) {
    lines.push(`FAILED ${f.name}: ${f.error}`, `  smallest failing input: ${f.counterexample}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      target: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: npm run fuzz -- [--runs N] [--seed S] [--target NAME]\n');
    return 2;
  }
  const targets = FUZZ_TARGETS.filter((t) => !values.target || t.name === values.target);
  const started = performance.now();
  const reports: TargetReport[] = [];
  for (const target of targets) reports.push(await fuzzTarget(target, runs, seed));
  printReports(reports, seed, (performance.now() - started) / 1000);
  return reports.some((r) => r.error !== undefined) ? 1 : 0;
}

if (import.meta.main) process.exitCode = await main();
