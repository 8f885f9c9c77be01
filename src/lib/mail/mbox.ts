// Splits mbox byte streams into raw messages and writes them back as mboxrd. Pure: bytes in, bytes out.
//
// Separator rule (git's, builtin/mailsplit.c is_from_line): a line starting with `From ` counts only
// when it is at least 20 bytes and ends in a `hh:mm:ss` time followed by a year above 90, so body
// lines such as `From Jason:` never split a message. Unescaping: mboxrd strips exactly one `>` from
// lines matching `^>+From `; mboxo strips it only from `^>From ` (liblore's split_mbox does the same).

/** How `From ` lines inside bodies were escaped when the mbox was written. */
export type MboxFlavour = 'mboxrd' | 'mboxo';

/** One raw message cut out of an mbox, with its separator line. */
export interface MboxEntry {
  /** The raw message bytes exactly as they were before mbox escaping. */
  raw: Uint8Array;
  /** The `From …` separator line without its line end (latin-1 text). */
  fromLine: string;
  /** 0-based position of the entry in the mbox. */
  index: number;
}

const LF = 10;
const CR = 13;
const GT = 62;
const FROM = [70, 114, 111, 109, 32]; // "From "

function startsWithFrom(buf: Uint8Array, at: number, end: number): boolean {
  if (end - at < 5) return false;
  for (let i = 0; i < 5; i++) if (buf[at + i] !== FROM[i]) return false;
  return true;
}

/** Position of the first `byte` at or after `from` (before `end`) that starts a line, or -1. */
function lineStartAt(buf: Uint8Array, byte: number, from: number, end: number): number {
  let i = buf.indexOf(byte, from);
  while (i >= 0 && i < end) {
    if (i === 0 || buf[i - 1] === LF) return i;
    i = buf.indexOf(byte, i + 1);
  }
  return -1;
}

function isDigit(code: number | undefined): boolean {
  return code !== undefined && code >= 48 && code <= 57;
}

/** True when the line `buf[start, end)` (line end excluded) is an mbox separator by git's rule. */
export function isFromLine(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start < 20 || !startsWithFrom(buf, start, end)) return false;
  // Find the last colon: it separates minutes and seconds of the time.
  let colon = end - 2;
  while (colon >= start + 5 && buf[colon] !== 58) colon--;
  if (colon < start + 5) return false;
  if (!isDigit(buf[colon - 4]) || !isDigit(buf[colon - 2]) || !isDigit(buf[colon - 1])) return false;
  if (!isDigit(buf[colon + 1]) || !isDigit(buf[colon + 2])) return false;
  // The year follows the seconds: strtol-like read, must be above 90 (git's check).
  let i = colon + 3;
  while (i < end && (buf[i] === 32 || buf[i] === 9)) i++;
  let year = 0;
  let digits = 0;
  while (i < end && isDigit(buf[i])) {
    year = year * 10 + ((buf[i] as number) - 48);
    digits++;
    i++;
  }
  return digits > 0 && year > 90;
}

/** Number of leading `>` before a `From ` at `start`, or -1 when the line is not an escaped From line. */
function escapedFromDepth(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] === GT) i++;
  if (i === start) return -1;
  return startsWithFrom(buf, i, end) ? i - start : -1;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}

/** Joins parts; a single part is returned as is (a view into the input chunk, no copy). */
function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Incremental mbox splitter: feed chunks with `push`, then call `end`; each returns the entries
 * completed so far. Contract: text before the first separator line is returned as an entry with an
 * empty `fromLine` (so nothing is silently dropped); the one blank line mbox puts between entries is
 * removed; an entry's bytes are otherwise untouched apart from `>From` unescaping.
 */
export class MboxSplitter {
  private readonly flavour: MboxFlavour;
  private carry: Uint8Array = new Uint8Array(0);
  private parts: Uint8Array[] = [];
  private size = 0;
  // Consecutive lines of one chunk are kept as one run, so a message costs a few subarrays, not one per line.
  private runBuf: Uint8Array | null = null;
  private runStart = 0;
  private runEnd = 0;
  private fromLine: string | null = null;
  private count = 0;

  constructor(flavour: MboxFlavour = 'mboxrd') {
    this.flavour = flavour;
  }

  /** Adds a chunk of the mbox; returns the entries it completed. */
  push(chunk: Uint8Array): MboxEntry[] {
    let buf = chunk;
    if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry, 0);
      buf.set(chunk, this.carry.length);
    }
    const done: MboxEntry[] = [];
    const end = buf.lastIndexOf(LF) + 1;
    // Only lines starting with `F` or `>` can be separators or escaped lines: find those bytes with
    // native indexOf and copy everything between them as runs, instead of visiting every line.
    let pos = 0;
    let nextF = lineStartAt(buf, 70, 0, end);
    let nextGt = lineStartAt(buf, GT, 0, end);
    for (;;) {
      const candidate = nextF < 0 ? nextGt : nextGt < 0 ? nextF : Math.min(nextF, nextGt);
      if (candidate < 0) break;
      const lineEnd = buf.indexOf(LF, candidate) + 1;
      this.appendRun(buf, pos, candidate);
      this.line(buf, candidate, lineEnd, done);
      pos = lineEnd;
      if (nextF >= 0 && nextF < lineEnd) nextF = lineStartAt(buf, 70, lineEnd, end);
      if (nextGt >= 0 && nextGt < lineEnd) nextGt = lineStartAt(buf, GT, lineEnd, end);
    }
    this.appendRun(buf, pos, end);
    this.flushRun();
    // Keep the carried partial line in its own copy so the big chunk is not pinned by it.
    this.carry = buf.slice(end);
    return done;
  }

  private appendRun(buf: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    if (this.runBuf === buf && this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.flushRun();
    this.runBuf = buf;
    this.runStart = start;
    this.runEnd = end;
  }

  /** Flushes the last entry. */
  end(): MboxEntry[] {
    const done: MboxEntry[] = [];
    if (this.carry.length > 0) this.line(this.carry, 0, this.carry.length, done);
    this.flushRun();
    this.carry = new Uint8Array(0);
    this.finish(done);
    return done;
  }

  private line(buf: Uint8Array, start: number, end: number, done: MboxEntry[]): void {
    let textEnd = end;
    if (textEnd > start && buf[textEnd - 1] === LF) textEnd--;
    if (textEnd > start && buf[textEnd - 1] === CR) textEnd--;
    if (buf[start] === 70 && isFromLine(buf, start, textEnd)) {
      this.flushRun();
      this.finish(done);
      this.fromLine = latin1(buf, start, textEnd);
      return;
    }
    if (buf[start] === GT) {
      const depth = escapedFromDepth(buf, start, textEnd);
      if (depth > 0 && (this.flavour === 'mboxrd' || depth === 1)) start++;
    }
    this.appendRun(buf, start, end);
  }

  private flushRun(): void {
    if (this.runBuf && this.runEnd > this.runStart) {
      this.parts.push(this.runBuf.subarray(this.runStart, this.runEnd));
      this.size += this.runEnd - this.runStart;
    }
    this.runBuf = null;
  }

  private finish(done: MboxEntry[]): void {
    if (this.fromLine === null && this.size === 0) return;
    // Drop the one separator blank line mbox writes after each message.
    const blank = trailingBlankLine(this.parts);
    if (blank > 0) {
      const last = this.parts.pop() as Uint8Array;
      if (last.length > blank) this.parts.push(last.subarray(0, last.length - blank));
      this.size -= blank;
    }
    const hasContent = this.size > 0 || this.fromLine !== null;
    if (hasContent) {
      done.push({ raw: concat(this.parts, this.size), fromLine: this.fromLine ?? '', index: this.count });
      this.count++;
    }
    this.parts = [];
    this.size = 0;
    this.fromLine = null;
  }
}

/** Length (1 or 2) of a blank line ending the parts, or 0; only looks inside the last part. */
function trailingBlankLine(parts: Uint8Array[]): number {
  const last = parts[parts.length - 1];
  if (!last) return 0;
  const n = last.length;
  if (last[n - 1] !== LF) return 0;
  if (n === 1) return parts.length === 1 || endsWithLf(parts[parts.length - 2]) ? 1 : 0;
  if (last[n - 2] === LF) return 1;
  if (last[n - 2] === CR && (n === 2 || last[n - 3] === LF)) return 2;
  return 0;
}

function endsWithLf(part: Uint8Array | undefined): boolean {
  return part !== undefined && part[part.length - 1] === LF;
}

/** Splits a whole mbox held in memory (tests and small files); large files should stream through MboxSplitter. */
export function splitMbox(bytes: Uint8Array, flavour: MboxFlavour = 'mboxrd'): MboxEntry[] {
  const splitter = new MboxSplitter(flavour);
  return [...splitter.push(bytes), ...splitter.end()];
}

const ENCODER = new TextEncoder();

/**
 * Writes one mboxrd entry: `From <sender> <asctime UTC>` line, the message with every `^>*From `
 * line given one more `>`, a final newline if the message lacked one, then one blank line.
 */
export function mboxrdEntry(raw: Uint8Array, sender: string, date: Date | null): Uint8Array {
  const parts = mboxrdParts(raw, sender, date);
  return concat(
    parts,
    parts.reduce((n, p) => n + p.length, 0),
  );
}

const ESCAPE = new Uint8Array([GT]);
const NEWLINE = new Uint8Array([LF]);

/** The pieces of one mboxrd entry (see mboxrdEntry), unjoined so a whole file is copied only once. */
export function mboxrdParts(raw: Uint8Array, sender: string, date: Date | null): Uint8Array[] {
  const parts: Uint8Array[] = [ENCODER.encode(`From ${sender || 'MAILER-DAEMON'} ${asctime(date)}\n`)];
  // Copy runs of lines untouched; only a line matching ^>*From gets a `>` in front. Candidate lines
  // start with `F` or `>` and are found with native indexOf rather than by visiting every line.
  let runStart = 0;
  let nextF = lineStartAt(raw, 70, 0, raw.length);
  let nextGt = lineStartAt(raw, GT, 0, raw.length);
  for (;;) {
    const lineStart = nextF < 0 ? nextGt : nextGt < 0 ? nextF : Math.min(nextF, nextGt);
    if (lineStart < 0) break;
    let i = lineStart;
    while (i < raw.length && raw[i] === GT) i++;
    if (startsWithFrom(raw, i, raw.length)) {
      if (lineStart > runStart) parts.push(raw.subarray(runStart, lineStart));
      parts.push(ESCAPE);
      runStart = lineStart;
    }
    const nl = raw.indexOf(LF, lineStart);
    if (nl < 0) break;
    if (nextF >= 0 && nextF <= nl) nextF = lineStartAt(raw, 70, nl + 1, raw.length);
    if (nextGt >= 0 && nextGt <= nl) nextGt = lineStartAt(raw, GT, nl + 1, raw.length);
  }
  if (raw.length > runStart) parts.push(raw.subarray(runStart));
  if (raw.length > 0 && raw[raw.length - 1] !== LF) parts.push(NEWLINE);
  parts.push(NEWLINE);
  return parts;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** asctime() form of a UTC instant (`Sun Apr 28 23:49:40 2019`); the Unix epoch when unknown. */
export function asctime(date: Date | null): string {
  const d = date && !Number.isNaN(date.getTime()) ? date : new Date(0);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} ${d.getUTCFullYear()}`;
}
