// Turns a message body into the "logical lines" a kernel printed: quote markers and log prefixes
// removed (log-prefix.ts), rsyslog's `#012` escapes unfolded, lines of other tasks dropped, tabs
// expanded, and lines that a mailer wrapped joined back together.
import { stripLogPrefix } from './log-prefix.ts';

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
  /** Printing context named by the log (`T1234`), when it names one. */
  caller?: string;
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
  const log = stripLogPrefix(text);
  const out: RawLine = { depth, stamped: log.stamped, text: expandTabs(log.text).trimEnd() };
  if (log.caller !== undefined) out.caller = log.caller;
  return out;
}

// rsyslog writes control characters in a record as `#` and three octal digits: a record that holds
// several lines (or a whole report folded onto one line) shows `#012` for each newline, `#011` for tabs.
const RSYSLOG_ESCAPE = /#01[12]/;

// Some tools drop the `#` and leave `012` before the lockdep sentence that began with a newline.
const BARE_ESCAPE =
  /^012(?=but |which |the |and |-> #|other info|stack backtrace|Chain exists|\s*Possible|\s*\*\*\* DEADLOCK|\d+ locks? held|no locks held)/;

/** One body line as the lines of the records it holds (more than one only for rsyslog's `#012`). */
function unfold(line: string): RawLine[] {
  const first = stripPrefixes(line);
  if (BARE_ESCAPE.test(first.text)) first.text = first.text.slice(3);
  if (!RSYSLOG_ESCAPE.test(line)) return [first];
  const pieces = line.replace(/#011/g, '\t').split('#012');
  // Only log records are unfolded (prose may mention "#0123"): the line had a log prefix, or it
  // holds several escapes.
  if (!first.stamped && pieces.length < 3) return [first];
  const head = stripPrefixes(pieces[0] as string);
  return [
    head,
    ...pieces.slice(1).map((piece) => {
      const next = stripPrefixes(piece);
      // The pieces are lines of the same record, so they count as log lines.
      return { ...next, depth: head.depth, stamped: true, ...(head.caller ? { caller: head.caller } : {}) };
    }),
  ];
}

// A lockdep report is printed by one context from its `====` rule to its last frame, so when the log
// names callers, lines of other callers between them are other tasks' output.
const REPORT_START = /^(?:={20,}|\[ ?INFO: |WARNING: |BUG: )/;

/** Body lines with their indices, rsyslog records unfolded and other callers' lines left out. */
function bodyLines(body: string): { index: number; line: RawLine }[] {
  const out: { index: number; line: RawLine }[] = [];
  let reportCaller: string | undefined;
  body.split('\n').forEach((text, index) => {
    for (const line of unfold(text)) {
      if (line.caller !== undefined) {
        if (REPORT_START.test(line.text.trim())) reportCaller = line.caller;
        else if (reportCaller !== undefined && line.caller !== reportCaller) continue;
      }
      out.push({ index, line });
    }
  });
  return out;
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
  const out: LogicalLine[] = [];
  let prev: LogicalLine | undefined;
  for (const { index: i, line } of bodyLines(body)) {
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
