import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../../src/lib/mail/mail-date.ts';
import {
  parentChain,
  parseIdHeaders,
  parseIdList,
  parseMessageIdHeader,
  syntheticMessageId,
} from '../../../src/lib/mail/message-ids.ts';
import { normalizeSubject } from '../../../src/lib/mail/subject.ts';

describe('parseIdList', () => {
  it('reads <id> tokens in order and ignores trailing comments', () => {
    expect(parseIdList('<a@x> <b@y>')).toEqual(['a@x', 'b@y']);
    expect(parseIdList('<p@host> (sfid-20201120_231813_1)')).toEqual(['p@host']);
  });
  it('decodes RFC 2047 encoded ids', () => {
    expect(parseIdList('=?utf-8?q?=3Cabc=40google=2Ecom=3E?=')).toEqual(['abc@google.com']);
  });
  it('undoes web-archive mangling and accepts a bare id', () => {
    expect(parseIdList('<2019.15874-12-bmt () zurich ! ibm ! com>')).toEqual([
      '2019.15874-12-bmt@zurich.ibm.com',
    ]);
    expect(parseIdList('20221014181651.Horde.x@www.uni-muenchen.d')).toEqual([
      '20221014181651.Horde.x@www.uni-muenchen.d',
    ]);
  });
  it('yields nothing for empty or free-text values', () => {
    expect(parseIdList('')).toEqual([]);
    expect(parseIdList('your message of yesterday')).toEqual([]);
  });
  it('merges repeated headers keeping the first occurrence', () => {
    expect(parseIdHeaders(['<a@x>', '<a@x>', '<b@x> <a@x>'])).toEqual(['a@x', 'b@x']);
  });
});

describe('Message-ID helpers', () => {
  it('reads the first token, or a bare value, or nothing', () => {
    expect(parseMessageIdHeader(' <id@x> ')).toBe('id@x');
    expect(parseMessageIdHeader('id@x')).toBe('id@x');
    expect(parseMessageIdHeader('')).toBeNull();
    expect(parseMessageIdHeader(undefined)).toBeNull();
  });
  it('makes stable synthetic ids under .invalid', () => {
    const id = syntheticMessageId('From: a\nSubject: b');
    expect(id).toMatch(/^nomid\.[0-9a-f]{24}@lockstep\.invalid$/);
    expect(syntheticMessageId('From: a\nSubject: b')).toBe(id);
    expect(syntheticMessageId('From: a\nSubject: c')).not.toBe(id);
  });
  it('builds the parent chain from References then In-Reply-To, without the message itself', () => {
    expect(parentChain('m', ['a', 'b'], ['c'])).toEqual(['a', 'b', 'c']);
    expect(parentChain('m', ['a', 'm', 'b'], ['b'])).toEqual(['a', 'b']);
    expect(parentChain('m', [], [])).toEqual([]);
  });
});

describe('parseMailDate', () => {
  it('reads dates with and without weekday, 2-digit years and named zones', () => {
    expect(parseMailDate('Fri, 21 Feb 20 21:47:38 GMT')?.utc).toBe('2020-02-21T21:47:38.000Z');
    expect(parseMailDate('08 Feb 2021 09:42:50 -0800')?.utc).toBe('2021-02-08T17:42:50.000Z');
    expect(parseMailDate('Mon, 10 Aug 2009 13:48:28 -0700 (PDT)')?.offsetMinutes).toBe(-420);
    expect(parseMailDate('Tue, 4 May 2021 10:00 +0200')?.utc).toBe('2021-05-04T08:00:00.000Z');
  });
  it('returns null for text that is not a date', () => {
    expect(parseMailDate('yesterday')).toBeNull();
  });
});

describe('normalizeSubject', () => {
  it('strips reply prefixes and bracket tags repeatedly', () => {
    expect(normalizeSubject('Re: AW: [PATCH v2 1/3] RDMA/cm:  Fix   it')).toBe('rdma/cm: fix it');
    expect(normalizeSubject('Re[2]: [RFC] [GIT PULL] Please pull')).toBe('please pull');
    expect(normalizeSubject('Re:')).toBe('');
  });
});
