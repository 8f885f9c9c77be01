import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipermailDate } from '../../../src/lib/mail/pipermail-dates.ts';
import {
  deobfuscateAddress,
  parsePipermailText,
  splitListTag,
  stripPipermailFooter,
} from '../../../src/lib/mail/pipermail-text.ts';

const SEED = resolve('content/threads/ofa-general-2009-irq-lock-inversion/000_e00f944b4ec83845.txt');
const seedText = readFileSync(SEED, 'utf8');
const seed = parsePipermailText(seedText, '000_e00f944b4ec83845.txt');
const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

describe('parsePipermailText on the seed', () => {
  it('splits the list tag off the subject', () => {
    expect(seed.list).toBe('ofa-general');
    expect(seed.subject).toBe('Re: 2.6.30.1: possible irq lock inversion dependency detected');
    expect(seed.rawSubject).toBe(
      '[ofa-general] Re: 2.6.30.1: possible irq lock inversion dependency detected',
    );
  });

  it('reads the author and de-obfuscates the address', () => {
    expect(seed.from).toEqual({ name: 'Roland Dreier', address: 'rdreier@cisco.com' });
  });

  it('turns the PDT date into the exact instant and keeps the zone', () => {
    expect(seed.date).toEqual({
      utc: '2009-08-10T20:48:28.000Z',
      offsetMinutes: -420,
      zone: 'PDT',
      raw: 'Mon Aug 10 13:48:28 PDT 2009',
    });
  });

  it('keeps the body and drops the Mailman footer', () => {
    expect(seed.body.startsWith('> The lockdep report I obtained this morning')).toBe(true);
    expect(seed.body.endsWith('- R.')).toBe(true);
    expect(seed.body).not.toMatch(/More information about/);
    expect(seed.body).toContain('spectacularly\nunlikely) deadlock');
  });

  it('derives a deterministic Message-ID by the documented rule', () => {
    const key = ['ofa-general', 'rdreier@cisco.com', '2009-08-10T20:48:28.000Z', seed.rawSubject].join('\n');
    expect(seed.messageId).toBe(`pipermail.${sha1(key).slice(0, 24)}@lockstep.invalid`);
    expect(seed.messageIdDerived).toBe(true);
    expect(parsePipermailText(seedText, 'copy.txt').messageId).toBe(seed.messageId);
  });

  it('records where the message came from', () => {
    expect(seed.source).toEqual({ kind: 'pipermail-text', file: '000_e00f944b4ec83845.txt' });
  });
});

describe('pipermail helpers', () => {
  it('only treats a single bracketed word as a list tag', () => {
    expect(splitListTag('[linux-rdma] hello')).toEqual({ list: 'linux-rdma', subject: 'hello' });
    expect(splitListTag('[PATCH v2 1/3] RDMA/cm: fix')).toEqual({ subject: '[PATCH v2 1/3] RDMA/cm: fix' });
    expect(splitListTag('no tag')).toEqual({ subject: 'no tag' });
  });

  it('de-obfuscates `user at host` and leaves other text alone', () => {
    expect(deobfuscateAddress(' Jane.Doe at Example.COM ')).toBe('Jane.Doe@example.com');
    expect(deobfuscateAddress('jane@example.com')).toBe('jane@example.com');
  });

  it('strips the list footer with the underscore separator', () => {
    const lines = [
      'text',
      '',
      '_______________________________________________',
      'general mailing list',
      'general@lists.example.org',
      'http://lists.example.org/listinfo/general',
    ];
    expect(stripPipermailFooter(lines)).toEqual(['text']);
  });

  it('converts other zones and numeric offsets', () => {
    expect(parsePipermailDate('Tue Jan  6 09:00:00 PST 2009').utc).toBe('2009-01-06T17:00:00.000Z');
    expect(parsePipermailDate('Fri Sep 11 10:00:00 EDT 2009').utc).toBe('2009-09-11T14:00:00.000Z');
    expect(parsePipermailDate('Fri Sep 11 10:00:00 +0530 2009').utc).toBe('2009-09-11T04:30:00.000Z');
  });

  it('rejects unknown zones and malformed pages with a clear error', () => {
    expect(() => parsePipermailDate('Mon Aug 10 13:48:28 XYZT 2009')).toThrow(/unknown time zone "XYZT"/);
    expect(() => parsePipermailText('subject\nname', 'short.txt')).toThrow(
      /short\.txt: a pipermail page needs/,
    );
    expect(() =>
      parsePipermailText('s\nn\nnot an address\nMon Aug 10 13:48:28 PDT 2009\n', 'bad.txt'),
    ).toThrow(/bad\.txt: line 3 is not an address/);
  });
});

describe('stripPipermailFooter with an obfuscated list address', () => {
  it('also removes the footer when the list address is written `list at host`', () => {
    const lines = [
      'body',
      '_______________________________________________',
      'general mailing list',
      'general at lists.example.org',
      'http://lists.example.org/listinfo/general',
    ];
    expect(stripPipermailFooter(lines)).toEqual(['body']);
  });
});
