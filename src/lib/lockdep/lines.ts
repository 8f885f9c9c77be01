// Turns a message body into the "logical lines" a kernel printed: quote markers, printk timestamps and
// syslog prefixes removed, tabs expanded, and lines that a mailer wrapped joined back together.

/** One logical line of a body, with where it came from. */
export interface LogicalLine {
  /** 0-based index of the first body line this logical line was built from. */
  start: number;
  /** 0-based index of the last body line joined into it. */
  end: number;
  /** Quote depth (number of `>` markers) of the first body line. */
  depth: number;
  /** True when the first body line carried a printk timestamp or caller id. */
  stamped: boolean;
  /** The text with prefixes removed and tabs expanded; leading spaces kept (tables need them). */
  text: string;
}

const QUOTE = /^((?:[ \t]{0,3}>)+) ?/;
// `[  651.455061]`, `[ 2785.326074 ]`, dmesg's relative `[+0,000532]`, optionally followed or replaced by
// a caller id `[T79]` / `[     C3]`.
const STAMP = /^\s*(?:\[\s*[+-]?\d+[.,]\d+\s*\])?(?:\s?\[\s*[TC]\d+\s*\])?/;
// `dmesg -T` (`[Mon Jan  1 12:00:00 2024] `) and syslog (`Jan  1 12:00:00 host kernel: `) prefixes.
const WALL_CLOCK = /^\s*\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] ?/;
const SYSLOG = /^\s*(?:\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ )?kernel: (?:\[\s*\d+\.\d+\s*\] ?)?/;

/** Expand tabs to 8-column stops, as a terminal shows kernel output. */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

interface RawLine {
  depth: number;
  stamped: boolean;
  text: string;
}

/** Strip quote markers and log prefixes from one body line. */
export function stripPrefixes(line: string): RawLine {
  let text = line.replace(/\r$/, '');
  let depth = 0;
  const quote = QUOTE.exec(text);
  if (quote?.[1]) {
    depth = (quote[1].match(/>/g) ?? []).length;
    text = text.slice(quote[0].length);
  }
  let stamped = false;
  const stamp = STAMP.exec(text);
  if (stamp?.[0].includes('[')) {
    stamped = true;
    text = text.slice(stamp?.[0].length ?? 0);
    // printk puts exactly one space after the timestamp; keep the rest of the indentation.
    if (text.startsWith(' ')) text = text.slice(1);
  } else {
    const wall = WALL_CLOCK.exec(text) ?? SYSLOG.exec(text);
    if (wall) {
      stamped = true;
      text = text.slice(wall[0].length);
    }
  }
  return { depth, stamped, text: expandTabs(text).trimEnd() };
}

/** True when a line ends in the middle of a lock description or an `at:` clause. */
function endsUnfinished(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (/(?:,\s*at:|,)$/.test(t) && /\)\s*(?:\{[^}]*\})?/.test(t)) return true;
  if (/^(?:#\d+:\s*)?[0-9a-f]{8,16}$/.test(t)) return true; // an address whose lock went to the next line
  if (/^-> #\d+$/.test(t)) return true;
  const open = (t.match(/\(/g) ?? []).length;
  const close = (t.match(/\)/g) ?? []).length;
  return open > close && /^(?:#\d+:\s*)?(?:[0-9a-f]{8,16}\s+)?\(/.test(t);
}

/** True when a line can only be the tail of the line before it (usage bits or an `at:` clause). */
function continuesLockLine(text: string): boolean {
  return /^\s*(?:\{[-+?.]{2,12}\}|at: \S)/.test(text);
}

/** True for a line that starts something new rather than continuing a wrapped one. */
function startsFresh(text: string): boolean {
  const t = text.trim();
  return (
    /^(?:={10,}|-{10,}|\[ ?INFO:|WARNING:|BUG:|-> #\d|#\d+:|Call Trace:|CPU\d|<\/?(?:TASK|IRQ)>)/.test(t) ||
    // decode_stacktrace.sh / faddr2line output interleaved with the log: `func at file.c:12`
    /^(?:\(inlined by\) )?[\w.]+ at [\w./+-]+:\d+/.test(t)
  );
}

/**
 * Split a body into logical lines.
 * Joining rules (why: mailers wrap at ~72-78 columns, kernels do not):
 * - in a timestamped paste, an unstamped non-blank line continues the previous stamped line;
 * - anywhere, a line that stops inside a lock description (`(...)` open, trailing `, at:` or a bare
 *   address) is continued by the next non-blank line.
 */
export function toLogicalLines(body: string): LogicalLine[] {
  const raw = body.split('\n').map(stripPrefixes);
  const out: LogicalLine[] = [];
  let prev: LogicalLine | undefined;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i];
    if (!line) continue;
    const blank = line.text.trim() === '';
    const nearDepth = prev !== undefined && Math.abs(prev.depth - line.depth) <= 1;
    const continuesStamp =
      prev?.stamped === true &&
      !line.stamped &&
      !blank &&
      nearDepth &&
      prev.end === i - 1 &&
      !startsFresh(line.text);
    const continuesWrap =
      prev !== undefined &&
      !blank &&
      nearDepth &&
      prev.end === i - 1 &&
      (endsUnfinished(prev.text) || continuesLockLine(line.text)) &&
      !startsFresh(line.text);
    if (prev && (continuesStamp || continuesWrap)) {
      prev.text = prev.text.trim() === '' ? line.text : `${prev.text} ${line.text.trim()}`;
      prev.end = i;
      continue;
    }
    prev = { start: i, end: i, depth: line.depth, stamped: line.stamped, text: line.text };
    out.push(prev);
  }
  return out;
}
