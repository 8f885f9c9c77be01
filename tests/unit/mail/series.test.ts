// Patch series across threads (b4's rule), on small made-up threads and on the showcase mbox whose
// five versions of one patch were posted as separate threads.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRejection, readAllMessages } from '../../../src/importers/read-messages.ts';
import { findSeries, parsePatchSubject, type SeriesThread } from '../../../src/lib/mail/series.ts';
import { threadMessageIndexes, threadMessages } from '../../../src/lib/mail/threading.ts';
import type { ParsedMessage } from '../../../src/lib/mail/types.ts';

const corpus = resolve(import.meta.dirname, '../../..', '../shared/corpus/threads');

/** A thread of patches: [subject, author, day of month]. */
function thread(id: string, ...messages: [string, string, number][]): SeriesThread {
  return {
    id,
    messages: messages.map(([subject, address, day]) => ({
      subject,
      from: { address },
      date: { utc: `2024-05-${String(day).padStart(2, '0')}T10:00:00.000Z` },
    })),
  };
}

describe('parsePatchSubject', () => {
  it('reads the version, the part and the title from the prefix forms in use', () => {
    expect(parsePatchSubject('[PATCH] mm: fix it')).toEqual({
      version: 1,
      part: null,
      total: null,
      title: 'mm: fix it',
    });
    expect(parsePatchSubject('[PATCHv2 1/1] RDMA/rxe: Fix a dead lock problem')).toMatchObject({
      version: 2,
      part: 1,
      total: 1,
      title: 'rdma/rxe: fix a dead lock problem',
    });
    expect(parsePatchSubject('[PATCH rdma-rc v3 0/4] Cover')).toMatchObject({
      version: 3,
      part: 0,
      total: 4,
    });
    expect(parsePatchSubject('[RFC PATCH v12 2/9]   spaced   out')).toMatchObject({
      version: 12,
      title: 'spaced out',
    });
    expect(parsePatchSubject('[PATCH for-next] RDMA/ipoib: x')).toMatchObject({
      version: 1,
      title: 'rdma/ipoib: x',
    });
  });

  it('is null for replies and for mail that is no patch', () => {
    expect(parsePatchSubject('Re: [PATCH v2] mm: fix it')).toBeNull();
    expect(parsePatchSubject('[bug report] WARNING: possible circular locking')).toBeNull();
    expect(parsePatchSubject('possible deadlock in _destroy_id')).toBeNull();
  });
});

describe('findSeries', () => {
  it('joins versions with the same title and author, oldest version first', () => {
    const series = findSeries([
      thread('v2', ['[PATCH v2] x: fix', 'a@k.org', 3], ['Re: [PATCH v2] x: fix', 'b@k.org', 4]),
      thread('v1', ['[PATCH] x: fix', 'a@k.org', 1]),
      thread('other', ['[PATCH] y: unrelated', 'a@k.org', 2]),
    ]);
    expect(series).toEqual([
      {
        title: 'x: fix',
        author: 'a@k.org',
        versions: [
          { id: 'v1', version: 1, date: '2024-05-01T10:00:00.000Z' },
          { id: 'v2', version: 2, date: '2024-05-03T10:00:00.000Z' },
        ],
      },
    ]);
  });

  it('keeps the same title from another author apart', () => {
    expect(
      findSeries([
        thread('a', ['[PATCH] x: fix', 'a@k.org', 1]),
        thread('b', ['[PATCH v2] x: fix', 'b@k.org', 2]),
      ]),
    ).toEqual([]);
  });

  it('joins a cover letter thread through the patches it carries', () => {
    const series = findSeries([
      thread('v1', ['[PATCH 1/2] x: one', 'a@k.org', 1], ['[PATCH 2/2] x: two', 'a@k.org', 1]),
      thread('v2', ['[PATCH v2 0/2] x: cover', 'a@k.org', 5], ['[PATCH v2 1/2] x: one', 'a@k.org', 5]),
      thread('v3', ['[PATCH v3 0/2] x: cover', 'a@k.org', 9]),
    ]);
    expect(series.map((s) => s.versions.map((v) => `${v.id}:${v.version}`))).toEqual([
      ['v1:1', 'v2:2', 'v3:3'],
    ]);
  });

  it('puts the five versions of the rxe dead lock fix, posted as five threads, in one series', async () => {
    const read = await readAllMessages(resolve(corpus, 'rxe-xa-lock-softirq-deadlock-fix.mbox'));
    const messages = read.filter((r): r is ParsedMessage => !isRejection(r));
    const threads = threadMessages(messages).map((t, i) => ({
      id: `t${i}`,
      messages: threadMessageIndexes(t).map((n) => messages[n] as ParsedMessage),
    }));
    expect(threads.length).toBeGreaterThanOrEqual(5);
    const series = findSeries(threads);
    expect(series).toHaveLength(1);
    expect(series[0]?.title).toBe('rdma/rxe: fix a dead lock problem');
    expect(series[0]?.author).toBe('yanjun.zhu@linux.dev');
    expect(series[0]?.versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    // Each version is a different thread.
    expect(new Set(series[0]?.versions.map((v) => v.id)).size).toBe(5);
  });
});
