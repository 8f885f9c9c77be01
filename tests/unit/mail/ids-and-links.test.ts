import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatLocal, formatUtc } from '../../../src/lib/mail/format-date.ts';
import { messageAnchor, paragraphAnchor, stripAngles } from '../../../src/lib/mail/ids.ts';
import { linkify, safeHref } from '../../../src/lib/mail/linkify.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

describe('anchors', () => {
  it('uses m + SHA-1 of the bare Message-ID, with or without angle brackets', () => {
    const id = '20090810.abc@cisco.com';
    expect(messageAnchor(id)).toBe(`m${sha1(id)}`);
    expect(messageAnchor(`<${id}>`)).toBe(`m${sha1(id)}`);
    expect(paragraphAnchor(id, 3)).toBe(`m${sha1(id)}-p3`);
    expect(stripAngles('  <a@b>  ')).toBe('a@b');
  });
});

describe('linkify', () => {
  it('links http(s) URLs and leaves trailing punctuation and parentheses in the prose', () => {
    expect(linkify('talk (http://example.org/threads.pdf, 1996).')).toEqual([
      { kind: 'text', text: 'talk (' },
      { kind: 'link', text: 'http://example.org/threads.pdf', href: 'http://example.org/threads.pdf' },
      { kind: 'text', text: ', 1996).' },
    ]);
  });

  it('never links javascript: or data: targets', () => {
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) data:text/html,x' },
    ]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('mailto:a@b.org')).toBe('mailto:a@b.org');
  });
});

describe('dates', () => {
  it('shows UTC and the sender’s local clock with its zone', () => {
    expect(formatUtc('2009-08-10T20:48:28.000Z')).toBe('2009-08-10 20:48:28 UTC');
    const pdt = { utc: '2009-08-10T20:48:28.000Z', offsetMinutes: -420, zone: 'PDT', raw: '' };
    expect(formatLocal(pdt)).toBe('2009-08-10 13:48:28 PDT (UTC−07:00)');
  });
});
