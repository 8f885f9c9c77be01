import { describe, expect, it } from 'vitest';
import { identifierBreaks } from '../../../src/lib/kernel/identifier-breaks.ts';

describe('identifierBreaks', () => {
  it('cuts a name after the underscores between its words, and nowhere else', () => {
    expect(identifierBreaks('cancel_delayed_work()')).toEqual(['cancel_', 'delayed_', 'work()']);
    expect(identifierBreaks('cm_id_private.lock')).toEqual(['cm_', 'id_', 'private.lock']);
    expect(identifierBreaks('__do_softirq')).toEqual(['__do_', 'softirq']);
    expect(identifierBreaks('spin_lock__nested')).toEqual(['spin_', 'lock__nested']);
    expect(identifierBreaks('del_timer_')).toEqual(['del_', 'timer_']);
    expect(identifierBreaks('schedule')).toEqual(['schedule']);
  });

  it('gives back the name when joined', () => {
    for (const name of ['ib_post_send_mad()', 'a_b_c', '_x_', 'x'])
      expect(identifierBreaks(name).join('')).toBe(name);
  });
});
