import { describe, expect, it } from 'vitest';
import { isFrame, parseFrame } from '../../../src/lib/lockdep/frames.ts';

describe('parseFrame', () => {
  it('reads modern frames with and without a module', () => {
    expect(parseFrame('       frob_dev_reset+0x8e/0x1f0 [frob]')).toEqual({
      function: 'frob_dev_reset',
      offset: '0x8e',
      size: '0x1f0',
      module: 'frob',
    });
    expect(parseFrame('lock_acquire.part.0+0xb3/0x240')?.function).toBe('lock_acquire.part.0');
  });

  it('reads legacy frames with an address and uncertain frames', () => {
    expect(parseFrame(' [<ffffffff8106ed19>] ? lock_acquire+0x99/0xc0')).toEqual({
      function: 'lock_acquire',
      offset: '0x99',
      size: '0xc0',
      uncertain: true,
    });
    expect(parseFrame(' <IRQ>  [<ffffffff8106c111>] print_bug+0x111/0x130')?.function).toBe('print_bug');
  });

  it('reads symbolised frames, inline ones included', () => {
    expect(parseFrame(' hub_release_port drivers/misc/hub/core.c:311 [inline]')).toEqual({
      function: 'hub_release_port',
      file: 'drivers/misc/hub/core.c',
      line: 311,
      inline: true,
    });
    expect(parseFrame('hub_detach+0x1b2/0x6a0 drivers/misc/hub/core.c:1422')).toMatchObject({
      offset: '0x1b2',
      file: 'drivers/misc/hub/core.c',
      line: 1422,
    });
  });

  it('rejects prose and bare identifiers', () => {
    expect(isFrame('cancel_work_sync')).toBe(false);
    expect(isFrame('the worker takes the lock')).toBe(false);
  });
});
