import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asctime, isFromLine, MboxSplitter, mboxrdEntry, splitMbox } from '../../../src/lib/mail/mbox.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const fromLine = (s: string) => isFromLine(enc(s), 0, enc(s).length);

describe('isFromLine (git mailsplit rule)', () => {
  it('accepts separators with a time and a year', () => {
    expect(fromLine('From linux-rdma-owner@vger.kernel.org Sun Apr 28 23:49:40 2019')).toBe(true);
    expect(fromLine('From ana at host.example.org  Mon Mar  2 10:00:00 2009')).toBe(true);
    expect(fromLine('From 1234abcd Mon Sep 17 00:00:00 2001')).toBe(true);
  });
  it('rejects body lines that merely start with From', () => {
    expect(fromLine('From Jason: this is a body line')).toBe(false);
    expect(fromLine('From here on we hold the lock 12:30')).toBe(false);
    expect(fromLine('From x Mon Sep 17 00:00:00 0042')).toBe(false);
    expect(fromLine('From short')).toBe(false);
    expect(fromLine('>From x Mon Sep 17 00:00:00 2001')).toBe(false);
  });
});

const MBOX = [
  'From a@example.org Mon Jan  1 00:00:00 2024',
  'Subject: one',
  '',
  '>From the start',
  '>>From deeper',
  'From Jason: not a separator',
  '',
  'From b@example.org Mon Jan  1 00:00:01 2024',
  'Subject: two',
  '',
  'body two',
  '',
].join('\n');

describe('MboxSplitter', () => {
  it('splits on separators only and unescapes mboxrd lines by one >', () => {
    const entries = splitMbox(enc(MBOX));
    expect(entries.map((e) => e.index)).toEqual([0, 1]);
    expect(entries[0]?.fromLine).toBe('From a@example.org Mon Jan  1 00:00:00 2024');
    expect(dec(entries[0]?.raw as Uint8Array)).toBe(
      'Subject: one\n\nFrom the start\n>From deeper\nFrom Jason: not a separator\n',
    );
    expect(dec(entries[1]?.raw as Uint8Array)).toBe('Subject: two\n\nbody two\n');
  });

  it('unescapes only a single > in mboxo', () => {
    const entries = splitMbox(enc(MBOX), 'mboxo');
    expect(dec(entries[0]?.raw as Uint8Array)).toContain('\nFrom the start\n>>From deeper\n');
  });

  it('returns leading text without a separator as an entry instead of dropping it', () => {
    const entries = splitMbox(enc('Subject: stray\n\nx\n'));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.fromLine).toBe('');
  });

  it('gives the same entries however the input is chunked', () => {
    const whole = splitMbox(enc(MBOX)).map((e) => dec(e.raw));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: MBOX.length }), { maxLength: 8 }), (cuts) => {
        const bytes = enc(MBOX);
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const s = new MboxSplitter();
        const out: string[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          out.push(...s.push(bytes.slice(prev, p)).map((e) => dec(e.raw)));
          prev = p;
        }
        out.push(...s.end().map((e) => dec(e.raw)));
        expect(out).toEqual(whole);
      }),
    );
  });
});

describe('mboxrdEntry', () => {
  it('escapes ^>*From lines and round-trips through the splitter byte for byte', () => {
    const line = fc.oneof(
      fc.constantFrom('From x Mon Sep 17 00:00:00 2001', '>From y', '>>From z', 'From Jason:', '', 'text'),
      fc.string({ maxLength: 12 }).filter((s) => !s.includes('\n') && !s.includes('\r')),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(line, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        (msgs) => {
          const raws = msgs.map((lines) => enc(`Subject: t\n\n${lines.join('\n')}\n`));
          const file = raws.map((r) => mboxrdEntry(r, 'a@b', new Date(0)));
          const joined = enc(file.map(dec).join(''));
          const back = splitMbox(joined).map((e) => dec(e.raw));
          expect(back).toEqual(raws.map(dec));
        },
      ),
    );
  });

  it('writes an asctime separator in UTC', () => {
    expect(asctime(new Date('2019-04-28T23:49:40Z'))).toBe('Sun Apr 28 23:49:40 2019');
    expect(dec(mboxrdEntry(enc('A: b\n\nFrom me\n'), 's@x', new Date('2024-01-05T01:02:03Z')))).toBe(
      'From s@x Fri Jan  5 01:02:03 2024\nA: b\n\n>From me\n\n',
    );
  });
});
