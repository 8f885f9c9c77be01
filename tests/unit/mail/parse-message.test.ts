import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessageHeaders, parseRawMessage } from '../../../src/lib/mail/parse-message.ts';
import { parsePipermailHtml, pipermailHtmlMessageId } from '../../../src/lib/mail/pipermail-html.ts';
import type { ParsedMessage } from '../../../src/lib/mail/types.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/mail');
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(fixtures, name)));
const source = { kind: 'eml' as const, file: 'x.eml' };

async function parsed(name: string): Promise<ParsedMessage> {
  const r = await parseRawMessage(fixture(name), source);
  if ('reason' in r) throw new Error(r.reason);
  return r;
}

describe('parseRawMessage', () => {
  it('decodes RFC 2047 subject and sender, threading headers with comments, 2-digit years', async () => {
    const m = await parsed('flowed-utf8.eml');
    expect(m.rawSubject).toBe('Re: [PATCH] locks: fix the ABBA in foo_lock()');
    expect(m.subject).toBe(m.rawSubject);
    expect(m.from).toEqual({ name: 'Jörg Example', address: 'Joerg@example.org' });
    expect(m.inReplyTo).toEqual(['patch-0@example.org']);
    expect(m.references).toEqual(['cover@example.org', 'patch-0@example.org']);
    expect(m.date?.utc).toBe('2021-02-03T09:42:50.000Z');
    expect(m.list).toBe('locks');
    expect(m.messageIdDerived).toBe(false);
  });

  it('honours format=flowed with DelSp and quoted-printable UTF-8', async () => {
    const m = await parsed('flowed-utf8.eml');
    expect(m.body).toContain('This line is soft-wrapped by the sender and should join.');
    expect(m.body).toContain('Grüße');
  });

  it('turns HTML-only mail into plain text and strips the list tag of its own list only', async () => {
    const m = await parsed('html-only.eml');
    expect(m.subject).toBe('only html');
    expect(m.body).toContain('Café & spin_lock()');
    expect(m.body).not.toMatch(/<[a-z]/i);
  });

  it('lists attachments by name and type, keeping text patches as text', async () => {
    const m = await parsed('patch-attachment.eml');
    expect(m.subject).toBe('[PATCH] locks: take the lock in order');
    expect(m.body.trim()).toBe('See the attached patch.');
    expect(m.attachments.map((a) => [a.filename, a.mimeType, a.size])).toEqual([
      ['0001-order.patch', 'text/x-patch', 68],
      ['blob.bin', 'application/octet-stream', 4],
    ]);
    expect(m.attachments[0]?.text).toContain('+spin_lock(&b);');
    expect(m.attachments[1]?.text).toBeUndefined();
    expect(m.inReplyTo).toEqual(['encoded-parent@example.org']);
  });

  it('rejects an entry that is not a mail message, and derives an id when Message-ID is missing', async () => {
    expect(parseMessageHeaders(fixture('no-headers-junk.txt'), source)).toEqual({
      reason: 'no header fields (not a mail message)',
    });
    const r = parseMessageHeaders(new TextEncoder().encode('Subject: hi\n\nbody\n'), source);
    expect('reason' in r ? r.reason : r.messageIdDerived).toBe(true);
  });

  it('gives the same header facts in headers-only and full mode', async () => {
    const full = await parsed('flowed-utf8.eml');
    const head = parseMessageHeaders(fixture('flowed-utf8.eml'), source) as ParsedMessage;
    expect({ ...head, body: full.body, attachments: full.attachments }).toEqual(full);
  });
});

describe('parsePipermailHtml', () => {
  const html = readFileSync(resolve(fixtures, 'pipermail-page.html'), 'latin1');

  it('reads the page into the same record shape as the text form, with the real Message-ID', () => {
    const m = parsePipermailHtml(html, 'page.html');
    expect(m.messageId).toBe('87abc.fsf@host.example.org');
    expect(pipermailHtmlMessageId(html)).toBe('87abc.fsf@host.example.org');
    expect(m.messageIdDerived).toBe(false);
    expect(m.list).toBe('demo-list');
    expect(m.subject).toBe('Re: spinlock held across a sleeping call');
    expect(m.from).toEqual({ name: 'Ana Example', address: 'ana@host.example.org' });
    expect(m.date?.utc).toBe('2009-03-03T08:15:02.000Z');
    expect(m.body).toContain('> Is it safe to call msleep() with the lock held?');
    expect(m.body).toContain('must not sleep <ever>.\nCafé rules apply.');
    expect(m.source).toEqual({ kind: 'pipermail-html', file: 'page.html' });
  });

  it('says clearly when a page is not a pipermail message', () => {
    expect(() => parsePipermailHtml('<html><body>hello</body></html>', 'x.html')).toThrow(/not a pipermail/);
  });
});
