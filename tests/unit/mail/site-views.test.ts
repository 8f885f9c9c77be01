import { describe, expect, it } from 'vitest';
import {
  groupByListMonth,
  type IndexedMessage,
  monthOf,
  orderMessages,
} from '../../../src/lib/mail/archive-index.ts';
import { permalinkPath } from '../../../src/lib/mail/permalink.ts';
import { encodeHeaderWord, formatRfc5322Date, synthesizeMessage } from '../../../src/lib/mail/synthesize.ts';
import { buildThreadView } from '../../../src/lib/mail/thread-view.ts';
import type { ParsedMessage } from '../../../src/lib/mail/types.ts';

const JAN1 = { utc: '2020-01-01T00:00:00.000Z', offsetMinutes: 0, zone: '+0000', raw: '' };

/** A small typed factory for messages (no corpus data). */
function message(id: string, over: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    messageId: id,
    messageIdDerived: false,
    subject: `subject of ${id}`,
    rawSubject: `subject of ${id}`,
    from: { name: 'Ann Example', address: 'ann@example.org' },
    date: JAN1,
    inReplyTo: [],
    references: [],
    body: 'hello',
    attachments: [],
    source: { kind: 'mbox', file: 'thread.mbox' },
    ...over,
  };
}

const indexed = (over: Partial<IndexedMessage>): IndexedMessage => ({
  list: 'l',
  slug: 's',
  anchor: 'm',
  subject: 'x',
  author: 'A',
  utc: '2020-01-01T00:00:00Z',
  depth: 0,
  position: 0,
  ...over,
});

describe('buildThreadView', () => {
  it('orders replies under their parent, draws the skeleton and keeps a ghost for a missing parent', () => {
    const view = buildThreadView([
      message('b@x', {
        inReplyTo: ['a@x'],
        references: ['a@x'],
        date: { ...JAN1, utc: '2020-01-02T00:00:00.000Z' },
      }),
      message('c@x', { inReplyTo: ['missing@x'], references: ['missing@x'] }),
      message('a@x'),
    ]);
    expect(view.messages.map((m) => [m.key, m.depth])).toEqual([
      ['a@x', 0],
      ['b@x', 1],
      ['c@x', 1],
    ]);
    expect(view.rows.map((r) => [r.messageId, r.ghost, r.skeleton])).toEqual([
      ['a@x', false, ''],
      ['b@x', false, '`-'],
      ['missing@x', true, ''],
      ['c@x', false, '`-'],
    ]);
  });

  it('keeps two messages that share a Message-ID, with distinct keys and anchors', () => {
    const view = buildThreadView([
      message('same@x', { body: 'first' }),
      message('same@x', { body: 'resend' }),
    ]);
    expect(view.messages).toHaveLength(2);
    const [a, b] = view.messages;
    expect(a?.key).not.toBe(b?.key);
    expect(a?.anchor).not.toBe(b?.anchor);
  });
});

describe('archive indexes', () => {
  it('groups by list and month, newest month first', () => {
    const grouped = groupByListMonth([
      indexed({ list: 'b', utc: '2020-01-05T00:00:00Z' }),
      indexed({ list: 'a', utc: '2019-12-01T00:00:00Z' }),
      indexed({ list: 'a', utc: '2020-02-01T00:00:00Z' }),
      indexed({ list: 'a', utc: '' }),
    ]);
    expect([...grouped.keys()]).toEqual(['a', 'b']);
    expect([...(grouped.get('a')?.keys() ?? [])]).toEqual(['undated', '2020-02', '2019-12']);
    expect(monthOf('2009-08-10T20:48:28Z')).toBe('2009-08');
  });

  it('orders by thread (threads by first date, reading order inside), by date and by author', () => {
    const ms = [
      indexed({ slug: 't2', utc: '2020-01-03T00:00:00Z', position: 0, author: 'zed' }),
      indexed({ slug: 't1', utc: '2020-01-01T00:00:00Z', position: 0, author: 'Bob' }),
      indexed({ slug: 't1', utc: '2020-01-04T00:00:00Z', position: 1, author: 'amy' }),
      indexed({ slug: 't2', utc: '2020-01-02T00:00:00Z', position: 1, author: 'Bob' }),
    ];
    const key = (m: IndexedMessage) => `${m.slug}:${m.position}`;
    expect(orderMessages(ms, 'thread').map(key)).toEqual(['t1:0', 't1:1', 't2:0', 't2:1']);
    expect(orderMessages(ms, 'date').map(key)).toEqual(['t1:0', 't2:1', 't2:0', 't1:1']);
    expect(orderMessages(ms, 'author').map((m) => m.author)).toEqual(['amy', 'Bob', 'Bob', 'zed']);
  });
});

describe('permalinks and synthesized mail', () => {
  it('refuses Message-IDs that cannot be a static path', () => {
    expect(permalinkPath('20090810.abc@cisco.com')).toBe('20090810.abc@cisco.com');
    expect(permalinkPath('a/b@x')).toBe('a/b@x');
    for (const bad of ['a%20b@x', 'a?b@x', 'a#b@x', '../x', 'a b@x', ''])
      expect(permalinkPath(bad)).toBeNull();
  });

  it('writes an RFC 5322 message with the sender’s zone and encoded non-ASCII headers', () => {
    const date = { utc: '2009-08-10T20:48:28.000Z', offsetMinutes: -420, zone: 'PDT', raw: '' };
    expect(formatRfc5322Date(date)).toBe('Mon, 10 Aug 2009 13:48:28 -0700');
    expect(encodeHeaderWord('Zoë')).toBe('=?UTF-8?B?Wm/Dqw==?=');
    const text = synthesizeMessage(message('id@x', { date, body: 'line' }));
    expect(text).toContain('Message-ID: <id@x>\n');
    expect(text).toContain('Date: Mon, 10 Aug 2009 13:48:28 -0700\n');
    expect(text.endsWith('\n\nline\n')).toBe(true);
  });
});
