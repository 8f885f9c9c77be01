import { describe, expect, it } from 'vitest';
import { expandTabs, stripPrefixes, toLogicalLines } from '../../../src/lib/lockdep/lines.ts';

describe('stripPrefixes', () => {
  it('counts quote markers in every common style', () => {
    expect(stripPrefixes('> > >> text').depth).toBe(4);
    expect(stripPrefixes('>>text').depth).toBe(2);
    expect(stripPrefixes('plain').depth).toBe(0);
  });

  it('removes printk timestamps, caller ids and the one space printk adds', () => {
    expect(stripPrefixes('[ 1402.118347]        CPU0')).toEqual({
      depth: 0,
      stamped: true,
      text: '       CPU0',
    });
    expect(stripPrefixes(' [ 2785.3 ] -> #1 (a){+.+.}:').text).toBe('-> #1 (a){+.+.}:');
    expect(stripPrefixes('[T42] kworker/1:3/42 is trying').text).toBe('kworker/1:3/42 is trying');
    expect(stripPrefixes('[  409.029133] [     T95] WARNING: x').text).toBe('WARNING: x');
    expect(stripPrefixes('[+0,000532] WARNING: y').text).toBe('WARNING: y');
    expect(stripPrefixes('> [   88.41] lock(a);').depth).toBe(1);
  });

  it('removes syslog prefixes', () => {
    const line = stripPrefixes('Apr 10 10:24:19 box1 kernel: WARNING: possible recursive locking detected');
    expect(line.text).toBe('WARNING: possible recursive locking detected');
    expect(line.stamped).toBe(true);
  });

  it('leaves ordinary bracketed text alone', () => {
    expect(stripPrefixes('[PATCH] fix it').stamped).toBe(false);
  });
});

describe('expandTabs', () => {
  it('expands to 8-column stops', () => {
    expect(expandTabs('\t\tlock(a);')).toBe(`${' '.repeat(16)}lock(a);`);
    expect(expandTabs('ab\tc')).toBe('ab      c');
  });
});

describe('toLogicalLines', () => {
  it('joins a lock line that a mailer wrapped after "at:"', () => {
    const lines = toLogicalLines('ffff88 (&a->lock){+.+.}-{3:3}, at:\nfoo_bar+0x1/0x2 [mod]\nnext');
    expect(lines.map((l) => l.text)).toEqual([
      'ffff88 (&a->lock){+.+.}-{3:3}, at: foo_bar+0x1/0x2 [mod]',
      'next',
    ]);
  });

  it('joins unstamped continuation lines onto the stamped line they belong to', () => {
    const lines = toLogicalLines('[ 1.1]\n        but task is already holding lock:\n[ 1.2] x');
    expect(lines.map((l) => l.text.trim())).toEqual(['but task is already holding lock:', 'x']);
    expect(lines[0]).toMatchObject({ start: 0, end: 1 });
  });

  it('does not join a new banner onto a stamped line', () => {
    const lines = toLogicalLines(
      '[ 1.1] ret_from_fork+0x1f/0x30\nWARNING: possible recursive locking detected',
    );
    expect(lines).toHaveLength(2);
  });

  it('joins a lock name whose parentheses continue on the next line', () => {
    const lines = toLogicalLines(
      '#1: ffffc900 ((work_completion)(&x->w))\n   {+.+.}-{0:0},\n   at: f+0x1/0x2',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text).toContain('{+.+.}-{0:0}, at: f+0x1/0x2');
  });
});

describe('log prefixes of every common form', () => {
  const text = (line: string) => stripPrefixes(line).text;
  it.each([
    ['[Tue Jan  2 10:00:00 2024] WARNING: x', 'WARNING: x'],
    ['kern  :warn  : [   12.345678] WARNING: x', 'WARNING: x'],
    ['kern  :info  : [   12.345678]  #0: ffff (a){+.+.}', ' #0: ffff (a){+.+.}'],
    ['4,1234,12345678,-;WARNING: x', 'WARNING: x'],
    ['<4>[   12.345678] WARNING: x', 'WARNING: x'],
    ['<4>       CPU0', '       CPU0'],
    ['[   12.345678][ T1234]        CPU0', '       CPU0'],
    ['[    C3]  lock(a);', ' lock(a);'],
    ['[  150.420017]  (4)[1132:system_server]WARNING: x', 'WARNING: x'],
    ['Jan  2 10:00:00 host kernel: [   12.345678] WARNING: x', 'WARNING: x'],
    ['Jan 02 10:00:00 host kernel:  #0: ffff', ' #0: ffff'],
    ['2024-01-02T10:00:00+0100 host kernel: WARNING: x', 'WARNING: x'],
    ['[   12.345678] host kernel: WARNING: x', 'WARNING: x'],
    ['Jan  2 10:00:00 host kernel:', ''],
  ])('%s', (line, want) => {
    expect(text(line)).toBe(want);
    expect(stripPrefixes(line).stamped).toBe(true);
  });

  it('leaves prose that merely mentions the kernel alone', () => {
    expect(stripPrefixes('the kernel: it warns twice').text).toBe('the kernel: it warns twice');
    expect(stripPrefixes('<TASK>').text).toBe('<TASK>');
  });

  it('unfolds rsyslog records (#012 newlines, #011 tabs) into lines', () => {
    const lines = toLogicalLines(
      'Jan  2 10:00:00 host kernel: WARNING: possible recursive locking detected#012#011lock(a);#012next',
    );
    expect(lines.map((l) => l.text)).toEqual([
      'WARNING: possible recursive locking detected',
      '        lock(a);',
      'next',
    ]);
    expect(lines.every((l) => l.start === 0)).toBe(true);
  });

  it('drops lines of other callers inside a report', () => {
    const lines = toLogicalLines(
      [
        '[ 1.0][ T7] ======================================================',
        '[ 1.1][ T7] WARNING: possible circular locking dependency detected',
        '[ 1.2][ C2] usb 1-1: new device',
        '[ 1.3][ T7] kworker/0:1/7 is trying to acquire lock:',
      ].join('\n'),
    );
    expect(lines.map((l) => l.start)).toEqual([0, 1, 3]);
  });
});
