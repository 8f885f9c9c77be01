import { describe, expect, it } from 'vitest';
import { buildLockIndex } from '../../../src/lib/lock-classes/lock-index.ts';

describe('buildLockIndex', () => {
  it('merges report and model spellings of a class and lists each message once per kind', () => {
    const mention = { thread: 't', threadTitle: 'T', anchor: 'm1', subject: 'S', kind: 'circular' };
    const index = buildLockIndex(
      [
        { ...mention, lock: '&cm_id_priv->lock' },
        { ...mention, lock: '&cm_id_priv->lock' },
        { ...mention, lock: 'other' },
      ],
      [
        {
          id: 'baseline',
          title: 'B',
          thread: 't',
          anchor: 'm1',
          verdict: 'deadlock',
          locks: ['cm_id_priv->lock'],
        },
      ],
    );
    expect(index.map((e) => [e.slug, e.names, e.mentions.length, e.scenarios.map((s) => s.id)])).toEqual([
      ['cm_id_priv-lock', ['cm_id_priv->lock'], 1, ['baseline']],
      ['other', ['other'], 1, []],
    ]);
  });

  it("files two reports' numbered classes under their shared name, each kept as its report wrote it", () => {
    const index = buildLockIndex(
      [
        { thread: 'a', threadTitle: 'A', anchor: 'm1', subject: 'S', kind: 'circular', lock: 'lock#9' },
        { thread: 'b', threadTitle: 'B', anchor: 'm2', subject: 'S', kind: 'inconsistent', lock: 'lock#9' },
        { thread: 'b', threadTitle: 'B', anchor: 'm2', subject: 'S', kind: 'inconsistent', lock: 'lock#3' },
        {
          thread: 'c',
          threadTitle: 'C',
          anchor: 'm3',
          subject: 'S',
          kind: 'circular',
          lock: '&xa->xa_lock#15',
        },
      ],
      [],
    );
    expect(index.map((e) => [e.slug, e.names, e.mentions.map((m) => `${m.thread}:${m.as}`)])).toEqual([
      ['lock', ['lock'], ['a:lock#9', 'b:lock#9', 'b:lock#3']],
      ['xa-xa_lock', ['xa->xa_lock'], ['c:xa->xa_lock#15']],
    ]);
  });
});
