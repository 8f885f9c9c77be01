import { describe, expect, it } from 'vitest';
import { loreEscape, loreMessageUrl, loreThreadMboxUrl } from '../../../src/lib/mail/lore-url.ts';
import { mailLocation } from '../../../src/site-data/mail-location.ts';
import { chainLine, lockdepFacts, unseenLine } from '../../../src/site-data/model-facts.ts';

describe('model facts', () => {
  it('names a finding’s classes as lockdep prints them, in chain order', () => {
    const facts = lockdepFacts({
      classes: [
        { id: 'a', name: '&(&xa->xa_lock)->rlock#3', kind: 'spinlock' },
        { id: 'b', name: '(wq_completion)ib_cm', kind: 'wq' },
      ],
      edges: [],
      findings: [{ kind: 'circular', title: 't', chain: ['b', 'a'], edges: [], lines: [], sites: [] }],
    });
    expect(facts).toEqual([
      { kind: 'circular', classes: ['(wq_completion)ib_cm', '&(&xa->xa_lock)->rlock#3'] },
    ]);
  });

  it('writes a cycle closed on its first class, one class alone, a chain as it is', () => {
    expect(chainLine({ kind: 'circular', classes: ['A', 'B'] })).toBe('A → B → A');
    expect(chainLine({ kind: 'recursive', classes: ['&id_priv->handler_mutex'] })).toBe(
      '&id_priv->handler_mutex → &id_priv->handler_mutex',
    );
    expect(chainLine({ kind: 'inconsistent', classes: ['X'] })).toBe('X');
    expect(chainLine({ kind: 'irq-inversion', classes: ['A', 'B', 'C'] })).toBe('A → B → C');
  });
});

describe('a hang lockdep cannot see', () => {
  it('gives the stuck contexts where the chain would be, and nothing otherwise', () => {
    const stuck = ['CPU1 sleeps in down_write(sem), read-held by CPU0', 'CPU0 sleeps in flush_workqueue()'];
    expect(unseenLine({ unseen: true, stuck })).toBe(
      'lockdep sees no chain; CPU1 sleeps in down_write(sem), read-held by CPU0; CPU0 sleeps in flush_workqueue()',
    );
    expect(unseenLine({ unseen: false, stuck })).toBeUndefined();
    expect(unseenLine({ unseen: true, stuck: [] })).toBeUndefined();
  });
});

describe('lore links', () => {
  it('escapes a Message-ID the way public-inbox does', () => {
    expect(loreEscape('CAHj4cs93=RQ-7+2SQ@mail.gmail.com')).toBe('CAHj4cs93=RQ-7+2SQ@mail.gmail.com');
    expect(loreEscape('a/b%c#d?e f@x')).toBe('a%2Fb%25c%23d%3Fe%20f@x');
    expect(loreMessageUrl('m@x')).toBe('https://lore.kernel.org/all/m@x/');
    expect(loreThreadMboxUrl('m@x')).toBe('https://lore.kernel.org/all/m@x/t.mbox.gz');
  });

  it('tells an annotation page without mail where the thread is and how to bring it in', () => {
    const meta = { root: 'r@x', subsystems: [], sources: [], joins: ['v2@x'] };
    const absent = mailLocation(meta, {
      state: 'absent',
      folders: [],
      loreFiles: [],
      missing: ['r@x', 'v2@x'],
    });
    expect(absent).toEqual({
      state: 'absent',
      lore: 'https://lore.kernel.org/all/r@x/',
      downloads: [
        {
          messageId: 'r@x',
          lore: 'https://lore.kernel.org/all/r@x/',
          mbox: 'https://lore.kernel.org/all/r@x/t.mbox.gz',
        },
        {
          messageId: 'v2@x',
          lore: 'https://lore.kernel.org/all/v2@x/',
          mbox: 'https://lore.kernel.org/all/v2@x/t.mbox.gz',
        },
      ],
      commands: [
        'npm run import -- --out imported t1.mbox.gz t2.mbox.gz',
        'LOCKSTEP_CONTENT=imported npm run build',
      ],
    });
    const noRoot = { subsystems: [], sources: [], joins: [] };
    expect(
      mailLocation(noRoot, { state: 'present', folders: ['/d'], loreFiles: [], missing: [] }),
    ).toBeUndefined();
  });
});
