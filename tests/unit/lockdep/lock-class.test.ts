import { describe, expect, it } from 'vitest';
import { parseLockSite, readLockClass } from '../../../src/lib/lockdep/lock-class.ts';

describe('readLockClass', () => {
  it('reads nested parentheses, usage bits and wait type', () => {
    const read = readLockClass('((work_completion)(&(&w->dwork)->work)){+.+.}-{0:0}: rest');
    expect(read?.lock).toEqual({
      name: '(work_completion)(&(&w->dwork)->work)',
      usage: '{+.+.}',
      waitType: '{0:0}',
    });
    expect(read?.rest).toBe(': rest');
  });

  it('accepts 2.6-era six-character usage bits', () => {
    expect(readLockClass('(&hub->list_sem){++++..}')?.lock).toEqual({
      name: '&hub->list_sem',
      usage: '{++++..}',
    });
  });

  it('requires usage bits unless told otherwise', () => {
    expect(readLockClass('(not a lock) and prose')).toBeUndefined();
    expect(readLockClass('(lock#6)', true)?.lock.name).toBe('lock#6');
  });
});

describe('parseLockSite', () => {
  it('reads held-lock lines with index, address and acquisition frame', () => {
    const site = parseLockSite(
      ' #1: ffff8880aa10 (&wdev->cfg_sem){++++}-{3:3}, at: widget_release+0x22/0x90 [widget]',
    );
    expect(site).toMatchObject({
      index: 1,
      address: 'ffff8880aa10',
      lock: { name: '&wdev->cfg_sem', usage: '{++++}', waitType: '{3:3}' },
      at: { function: 'widget_release', offset: '0x22', size: '0x90', module: 'widget' },
    });
  });

  it('reads legacy lines with a bracketed address before the frame', () => {
    const site = parseLockSite(
      ' (&a->b){+.+...}, at: [<ffffffffa0031a42>] widget_set_mode+0x32/0x140 [widget]',
    );
    expect(site?.at?.function).toBe('widget_set_mode');
    expect(site?.address).toBeUndefined();
  });
});
