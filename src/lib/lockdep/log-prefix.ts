// The prefixes logs put before each printk line, and how to take them off: dmesg timestamps (plain,
// -T, -x, relative, ISO), /dev/kmsg records, printk levels, caller ids, vendor task tags, syslog and
// journalctl headers. Only a line's start is looked at; report text itself never starts like these.

/** A line with its log prefixes removed. */
export interface Unprefixed {
  /** The text after the prefixes, with printk's indentation kept. */
  text: string;
  /** True when any log prefix was found (the line is a record of a log). */
  stamped: boolean;
  /** The printing context when the log names it (`T1234`, `C3`, a vendor `pid:comm`). */
  caller?: string;
}

interface Prefix {
  re: RegExp;
  /** Capture group holding the caller, if the prefix names one. */
  caller?: number;
  /** Only after another prefix (a host name alone could be a word of prose). */
  afterStamp?: boolean;
  /** The text follows right after it, with no separating space (`<4>text`, `…;text`). */
  glued?: boolean;
}

const MONTH_DAY_TIME = String.raw`\w{3} [ \d]?\d \d\d:\d\d:\d\d(?:[.,]\d+)?`;
const ISO_TIME = String.raw`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?`;

// Each pattern is tried at the current position; each may be used once per line, in any order
// (`<4>[ 1.2]`, `kernel: [ 1.2]`, `[ 1.2] host kernel:` all occur). None consumes the space after it.
const PREFIXES: Prefix[] = [
  // syslog / journalctl: `Jan  2 10:00:00 host kernel:`, `2024-01-02T10:00:00+0100 host kernel:`,
  // with an optional `<PRI>`; the message may be empty (a bare `kernel:` ends the line).
  { re: new RegExp(String.raw`^(?:<\d{1,3}>)?(?:${MONTH_DAY_TIME}|${ISO_TIME}) \S+ kernel:(?= |$)`) },
  // journalctl -o short-monotonic puts the host after the timestamp; plain `kernel:` also occurs.
  { re: /^[\w.-]+ kernel:(?= |$)/, afterStamp: true },
  { re: /^\s*kernel:(?= |$)/ },
  // dmesg -x: `kern  :warn  : `
  {
    re: /^\s*(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\s*:\s*(?:emerg|alert|crit|err|warn|notice|info|debug)\s*:/,
  },
  // /dev/kmsg: `level,seq,usec,flags[,…];`
  { re: /^\d{1,3},\d+,\d+,[-+c][^;]*;/, glued: true },
  // printk level (`<4>`), as raw console and kmsg readers show it.
  { re: /^<\d{1,3}>/, glued: true },
  // printk time `[  651.455061]`, ` [ 2785.3 ]`, dmesg relative `[+0,000532]`, delta `[ 1.2 < 0.1>]`.
  { re: /^\s*\[\s*[+-]?\d+[.,]\d+\s*(?:<\s*\d+[.,]\d+\s*>)?\]/ },
  // dmesg -T `[Tue Jan  2 10:00:00 2024]`, dmesg -H `[Jan 2 10:00]`.
  { re: /^\s*\[(?:\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}|\w{3}\s?[ \d]\d \d\d:\d\d)\]/ },
  // dmesg --time-format=iso `2024-01-02T10:00:00,123456+01:00`.
  { re: new RegExp(`^${ISO_TIME}(?= )`) },
  // CONFIG_PRINTK_CALLER `[ T1234]` / `[    C3]`.
  { re: /^\s*\[\s*([TC]\d+)\s*\]/, caller: 1 },
  // Vendor kernels: MediaTek `(3)[1132:system_server]`, Samsung `[3:  system_server: 1132]`.
  { re: /^\s*\(\d+\)\[(\d+:[^\]\n]+)\]/, caller: 1, glued: true },
  { re: /^\s*\[\d+:\s*([^\]:]+:\s*\d+)\]/, caller: 1 },
];

// Every prefix above starts with one of these; most lines (prose, frames) are let through at once.
const MAY_START =
  /^\s*(?:[[<(\d]|kernel:|[A-Z][a-z]{2} |(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local\d)\s*:)/;

/** Remove every log prefix at the start of `line` (quote markers already removed). */
export function stripLogPrefix(line: string): Unprefixed {
  if (!MAY_START.test(line)) return { text: line, stamped: false };
  let rest = line;
  let stamped = false;
  let caller: string | undefined;
  let glued = false;
  const used = new Set<Prefix>();
  for (;;) {
    let skip = 0;
    let hit = match(rest, used, stamped);
    // One space separates consecutive prefixes (`kernel: [ 1.2]`).
    if (!hit && stamped && rest.startsWith(' ')) {
      hit = match(rest.slice(1), used, stamped);
      skip = 1;
    }
    if (!hit) break;
    const [prefix, m] = hit;
    used.add(prefix);
    stamped = true;
    glued = prefix.glued === true;
    if (prefix.caller !== undefined) caller = m[prefix.caller]?.replace(/\s+/g, '');
    rest = rest.slice(skip + m[0].length);
  }
  // A timestamp or header is followed by exactly one space; the rest is the report's own indentation.
  if (stamped && !glued && rest.startsWith(' ')) rest = rest.slice(1);
  const out: Unprefixed = { text: rest, stamped };
  if (caller !== undefined) out.caller = caller;
  return out;
}

function match(text: string, used: Set<Prefix>, stamped: boolean): [Prefix, RegExpExecArray] | undefined {
  for (const prefix of PREFIXES) {
    if (used.has(prefix) || (prefix.afterStamp && !stamped)) continue;
    const m = prefix.re.exec(text);
    if (m) return [prefix, m];
  }
  return undefined;
}
