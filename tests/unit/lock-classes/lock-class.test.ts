import { describe, expect, it } from 'vitest';
import {
  canonicalLockName,
  lockClassNames,
  lockClassSlug,
  lockIndexName,
  splitRunNumber,
} from '../../../src/lib/lock-classes/lock-class.ts';

describe('lock class names', () => {
  it('gives a report class and a model class the same slug', () => {
    expect(lockClassSlug('&cm_id_priv->lock')).toBe('cm_id_priv-lock');
    expect(lockClassSlug('cm_id_priv->lock')).toBe('cm_id_priv-lock');
    expect(canonicalLockName(' &mad_agent_priv->lock ')).toBe('mad_agent_priv->lock');
  });

  it('keeps workqueue completions and numbered classes readable', () => {
    expect(lockClassSlug('(wq_completion)ib_cm')).toBe('wq_completion-ib_cm');
    expect(lockClassSlug('lock#9')).toBe('lock');
    expect(lockClassSlug('&xa->xa_lock#15')).toBe('xa-xa_lock');
    expect(lockClassSlug('&dev->cache.rb_lock')).toBe('dev-cache-rb_lock');
    expect(lockClassSlug('<>')).toBe('unnamed');
  });

  it('files a reclassified lock under its class key as well as its name', () => {
    expect(lockClassNames({ name: 'sk_lock-AF_INET' })).toEqual(['sk_lock-AF_INET']);
    expect(lockClassNames({ name: 'sk_lock-AF_INET', key: 'sk_lock-AF_INET-RDMA-SIW' })).toEqual([
      'sk_lock-AF_INET',
      'sk_lock-AF_INET-RDMA-SIW',
    ]);
    expect(lockClassNames({ name: 'lock#9', key: 'lock#9' })).toEqual(['lock#9']);
  });

  it("splits off lockdep's run-local #N, keeping a subclass", () => {
    expect(splitRunNumber('&xa->xa_lock#15')).toEqual({ base: '&xa->xa_lock', run: 15 });
    expect(splitRunNumber('lock#9/1')).toEqual({ base: 'lock/1', run: 9 });
    expect(splitRunNumber('(wq_completion)events')).toEqual({ base: '(wq_completion)events', run: null });
    expect(lockIndexName('&xa->xa_lock#15')).toBe('xa->xa_lock');
  });
});
