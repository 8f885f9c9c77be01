// Rewrites a lockdep report (its printk lines, prefixes removed) into the forms it arrives in: dmesg and
// its flags, syslog and journalctl, raw printk, caller ids, rsyslog's escapes, interleaved lines, mailer
// wrapping, CRLF and quoting. Shared by the log-form tests and `npm run bench:splats-forms`.
// Every prefix is generated here from a seeded counter; nothing is copied from a real log.

/** One way a report can arrive. */
export interface LogForm {
  /** Short name printed by the bench. */
  name: string;
  /** What it imitates. */
  about: string;
  /** The report lines (kernel text, no prefixes) in that form, as one string. */
  render: (lines: readonly string[], seed: number) => string;
}

/** A small deterministic generator (mulberry32), so every run prints the same figures. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A clock that starts at a seeded uptime and moves forward a few microseconds per line. */
function clock(seed: number) {
  const next = random(seed);
  let us = Math.floor(next() * 90_000_000_000) + 1_000_000; // up to ~25 hours of uptime
  const wall = Date.UTC(2024, Math.floor(next() * 12), 1 + Math.floor(next() * 27), 3, 0, 0);
  return {
    tick() {
      us += 1 + Math.floor(next() * 400);
      return us;
    },
    /** `[  651.455061]` */
    stamp(t: number) {
      return `[${(t / 1e6).toFixed(6).padStart(12)}]`;
    },
    date(t: number) {
      return new Date(wall + Math.floor(t / 1000));
    },
    next,
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const hms = (d: Date) => `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
/** `Jan  2 10:00:00` (syslog pads the day with a space). */
const syslogDate = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hms(d)}`;
/** `Jan 02 10:00:00` (journalctl's short format pads with a zero). */
const journalDate = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${hms(d)}`;
/** `Tue Jan  2 10:00:00 2024` (dmesg -T, ctime). */
const ctime = (d: Date) => `${DAYS[d.getUTCDay()]} ${syslogDate(d)} ${d.getUTCFullYear()}`;

/** Prefix every line with what `prefix` returns for it. */
function prefixed(prefix: (c: ReturnType<typeof clock>, line: string) => string) {
  return (lines: readonly string[], seed: number) => {
    const c = clock(seed);
    return lines.map((line) => `${prefix(c, line)}${line}`).join('\n');
  };
}

/** Lines of other subsystems that land between a report's lines on a busy machine (invented). */
const FOREIGN = [
  'usb 1-1.2: new high-speed USB device number 4 using xhci_hcd',
  'nvme nvme0: I/O 117 QID 3 timeout, aborting',
  'IPv6: ADDRCONF(NETDEV_CHANGE): enp3s0: link becomes ready',
  'audit: type=1400 audit(1704189600.412:88): apparmor="DENIED" operation="open" profile="snap.x" name="/proc/1/mounts" pid=2211 comm="x"',
  'EXT4-fs (nvme0n1p2): mounted filesystem with ordered data mode. Quota mode: none.',
  'widget_core 0000:03:00.0: widget_cmd_check:810:(pid 4411): QUERY_COUNTER(0x770) op_mod(0x0) failed, status bad parameter(0x3)',
  'systemd-journald[412]: Data hash table of /var/log/journal/system.journal has a fill level at 75.0',
  'perf: interrupt took too long (2510 > 2500), lowering kernel.perf_event_max_sample_rate to 79000',
  'hub 2-0:1.0: 4 ports detected',
  'r8169 0000:02:00.0 enp2s0: Link is Up - 1Gbps/Full - flow control rx/tx',
];

/** Insert a foreign line every few lines; `tag` prefixes each line (foreign ones get another caller). */
function interleave(
  lines: readonly string[],
  seed: number,
  tag: (c: ReturnType<typeof clock>, own: boolean) => string,
): string {
  const c = clock(seed);
  const out: string[] = [];
  let gap = 2 + Math.floor(c.next() * 5);
  for (const line of lines) {
    out.push(`${tag(c, true)}${line}`);
    if (--gap === 0) {
      out.push(`${tag(c, false)}${FOREIGN[Math.floor(c.next() * FOREIGN.length)]}`);
      gap = 2 + Math.floor(c.next() * 6);
    }
  }
  return out.join('\n');
}

/** Hard-wrap at `width` columns the way mail clients do: at the last space, continuation unindented. */
export function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      const lead = rest.search(/\S/);
      const cut = rest.lastIndexOf(' ', width);
      if (cut <= lead) break; // one long word: mailers leave it long
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1).trimStart();
    }
    out.push(rest);
  }
  return out.join('\n');
}

/** Quote every line as a reply does (`> `, `> > `). */
export function quote(text: string, depth: number): string {
  const marker = '> '.repeat(depth);
  return text
    .split('\n')
    .map((l) => (l === '' ? marker.trimEnd() : `${marker}${l}`))
    .join('\n');
}

// printk records that lockdep starts with "\n" show as an empty record followed by the text: a blank
// line then a line in the report. These helpers rebuild the records from the printed lines.
function records(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = lines[i + 1];
    if (line.trim() === '' && next !== undefined && next.trim() !== '') {
      out.push(['', next]);
      i++;
    } else out.push([line]);
  }
  return out;
}

const dmesg = prefixed((c) => `${c.stamp(c.tick())} `);

/** The forms every report is rendered in. */
export const LOG_FORMS: LogForm[] = [
  { name: 'plain', about: 'printk text without prefixes', render: (lines) => lines.join('\n') },
  { name: 'dmesg', about: '`[   12.345678] ` on every line', render: dmesg },
  {
    name: 'dmesg-records',
    about: 'dmesg showing a record that starts with a newline as an empty line and an indented one',
    render: (lines, seed) => {
      const c = clock(seed);
      return records(lines)
        .map((r) => {
          const s = c.stamp(c.tick());
          return r.length === 2 ? `${s}\n${' '.repeat(s.length + 1)}${r[1]}` : `${s} ${r[0]}`;
        })
        .join('\n');
    },
  },
  {
    name: 'dmesg-T',
    about: '`[Tue Jan  2 10:00:00 2024] `',
    render: prefixed((c) => `[${ctime(c.date(c.tick()))}] `),
  },
  {
    name: 'dmesg-x',
    about: '`kern  :warn  : [   12.345678] `',
    render: prefixed((c, line) => {
      const level = /^\s/.test(line) || line === '' ? 'warn  ' : c.next() < 0.5 ? 'warn  ' : 'info  ';
      return `kern  :${level}: ${c.stamp(c.tick())} `;
    }),
  },
  {
    name: 'kmsg',
    about: '/dev/kmsg records `4,1234,12345678,-;`',
    render: (lines, seed) => {
      const c = clock(seed);
      let seq = 1000 + Math.floor(c.next() * 9000);
      return lines.map((l) => `4,${seq++},${c.tick()},-;${l}`).join('\n');
    },
  },
  {
    name: 'printk-level',
    about: '`<4>[   12.345678] `',
    render: prefixed((c) => `<4>${c.stamp(c.tick())} `),
  },
  { name: 'printk-level-bare', about: '`<4>` and no time', render: prefixed(() => '<4>') },
  {
    name: 'caller-task',
    about: '`[   12.345678][ T1234] ` (CONFIG_PRINTK_CALLER)',
    render: prefixed((c) => `${c.stamp(c.tick())}[ T4711] `),
  },
  {
    name: 'caller-cpu',
    about: '`[   12.345678][    C3] ` (printed from an interrupt)',
    render: prefixed((c) => `${c.stamp(c.tick())}[    C3] `),
  },
  { name: 'caller-bare', about: '`[  T1234] ` without time', render: prefixed(() => '[  T1234] ') },
  {
    name: 'vendor',
    about: 'Android vendor kernels: `[   12.345678]  (3)[1132:system_server]`',
    render: prefixed((c) => `${c.stamp(c.tick())}  (3)[1132:system_server]`),
  },
  {
    name: 'syslog',
    about: '`Jan  2 10:00:00 host kernel: [   12.345678] `',
    render: prefixed((c) => {
      const t = c.tick();
      return `${syslogDate(c.date(t))} buildbox kernel: ${c.stamp(t)} `;
    }),
  },
  {
    name: 'syslog-bare',
    about: '`Jan  2 10:00:00 host kernel: ` without a timestamp; empty lines end in a bare `kernel:`',
    render: (lines, seed) => {
      const c = clock(seed);
      return lines
        .map((l) => {
          const head = `${syslogDate(c.date(c.tick()))} buildbox kernel:`;
          return l === '' ? head : `${head} ${l}`;
        })
        .join('\n');
    },
  },
  {
    name: 'journalctl',
    about: '`Jan 02 10:00:00 host kernel: ` (journalctl -k)',
    render: prefixed((c) => `${journalDate(c.date(c.tick()))} buildbox kernel: `),
  },
  {
    name: 'journalctl-iso',
    about: '`2024-01-02T10:00:00+0000 host kernel: ` (journalctl -o short-iso)',
    render: prefixed((c) => `${c.date(c.tick()).toISOString().slice(0, 19)}+0000 buildbox kernel: `),
  },
  {
    name: 'rsyslog-records',
    about: 'rsyslog: a record starting with a newline shows as `#012`, tabs as `#011`',
    render: (lines, seed) => {
      const c = clock(seed);
      return records(lines)
        .map((r) => {
          const head = `${syslogDate(c.date(c.tick()))} buildbox kernel:`;
          const text = r.join('#012').replace(/\t/g, '#011');
          return `${head} ${text}`;
        })
        .join('\n');
    },
  },
  {
    name: 'rsyslog-folded',
    about: 'the whole report on one line, newlines as `#012`, tabs as `#011`',
    render: (lines, seed) => {
      const c = clock(seed);
      return `${syslogDate(c.date(c.tick()))} buildbox kernel: ${lines.join('#012').replace(/\t/g, '#011')}`;
    },
  },
  {
    name: 'interleaved',
    about: 'dmesg with lines of other drivers between the report lines',
    render: (lines, seed) => interleave(lines, seed, (c) => `${c.stamp(c.tick())} `),
  },
  {
    name: 'interleaved-caller',
    about: 'caller ids, other tasks and CPUs interleaved',
    render: (lines, seed) =>
      interleave(
        lines,
        seed,
        (c, own) => `${c.stamp(c.tick())}[${own ? ' T4711' : c.next() < 0.5 ? '    C1' : '  T902'}] `,
      ),
  },
  {
    name: 'wrapped-72',
    about: 'no prefixes, hard-wrapped at 72 columns',
    render: (l) => wrap(l.join('\n'), 72),
  },
  {
    name: 'dmesg-wrapped-72',
    about: 'dmesg hard-wrapped at 72 columns',
    render: (lines, seed) => wrap(dmesg(lines, seed), 72),
  },
  {
    name: 'crlf',
    about: 'dmesg with CRLF line ends',
    render: (lines, seed) => dmesg(lines, seed).replace(/\n/g, '\r\n'),
  },
  {
    name: 'quoted',
    about: 'dmesg quoted once (`> `)',
    render: (lines, seed) => quote(dmesg(lines, seed), 1),
  },
  {
    name: 'quoted-twice-wrapped',
    about: 'wrapped at 72, then quoted twice (`> > `)',
    render: (lines) => quote(wrap(lines.join('\n'), 72), 2),
  },
  {
    name: 'surrounded',
    about: 'prose before and after the report',
    render: (lines, seed) =>
      [
        'Hi all,',
        '',
        'while running the reset test in a loop on the debug kernel I hit the warning below.',
        'It reproduces about once in twenty runs.',
        '',
        dmesg(lines, seed),
        '',
        'Any ideas? I can test patches.',
        '',
        'Thanks,',
        'Sam',
      ].join('\n'),
  },
  {
    name: 'syslog-quoted-wrapped',
    about: 'syslog lines, wrapped at 78 columns, quoted once',
    render: (lines, seed) => {
      const c = clock(seed);
      const text = lines.map((l) => `${syslogDate(c.date(c.tick()))} buildbox kernel: ${l}`).join('\n');
      return quote(wrap(text, 78), 1);
    },
  },
];
