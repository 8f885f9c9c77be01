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
