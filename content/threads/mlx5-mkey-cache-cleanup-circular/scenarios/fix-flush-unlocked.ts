// Shay Drory's patch (posted by Leon, applied): disable every entry under rb_lock, drop the lock, then
// flush_workqueue(dev->cache.wq); cache_ent_find_and_store() refuses to store once the cache is disabled.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const MR_C = 'drivers/infiniband/hw/mlx5/mr.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The applied fix: no wait for the cache's work while rb_lock is held. */
const scenario: Scenario = {
  id: 'mkey-cache-cleanup-fix-flush-unlocked',
  thread: 'mlx5-mkey-cache-cleanup-circular',
  answers: '2c0452d944a865b060709af71940dafc4aad8b89.1695203715.git.leon@kernel.org',
  title: 'Fix: disable entries under rb_lock, flush the cache workqueue after unlocking',
  summary:
    'Cleanup takes rb_lock only to set cache.disable and mark each entry disabled, releases it, and then ' +
    'flushes the "mkey_cache" workqueue, so nothing waits for the work while the lock is held. A work that ' +
    'runs after the entry is disabled returns without re-arming itself; a dereg path that reaches ' +
    'cache_ent_find_and_store() after cache.disable is set gives up instead of storing the mkey.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  kernel: '6.2-rc6',
  cpus: 3,
  locks: [{ id: 'rb', name: '&dev->cache.rb_lock', kind: 'mutex', instance: 'dev->cache.rb_lock' }],
  vars: [
    { id: 'cache_disable', name: 'dev->cache.disable' },
    { id: 'ent_disabled', name: 'ent->disabled' },
  ],
  workqueues: [{ id: 'cache_wq', name: 'mkey_cache', cpu: 1, ordered: true, memReclaim: true }],
  works: [
    {
      id: 'ent_dwork',
      name: '&(&ent->dwork)->work',
      wq: 'cache_wq',
      delayed: true,
      pending: true,
      code: at('delayed_cache_work_func()', MR_C),
      fn: [
        {
          op: 'if',
          cond: { var: 'ent_disabled' },
          code: at('delayed_cache_work_func()', MR_C),
          steps: [{ op: 'return', code: at('delayed_cache_work_func()', MR_C) }],
        },
        { op: 'mutex_lock', target: 'rb', code: at('delayed_cache_work_func()', MR_C) },
        {
          op: 'do',
          target: 'adjust the entry against the cache tree',
          code: at('delayed_cache_work_func()', MR_C),
        },
        { op: 'mutex_unlock', target: 'rb', code: at('delayed_cache_work_func()', MR_C) },
        {
          op: 'if',
          cond: { var: 'ent_disabled', is: '==', value: 0 },
          code: at('delayed_cache_work_func()', MR_C),
          steps: [
            { op: 'queue_delayed_work', target: 'ent_dwork', code: at('delayed_cache_work_func()', MR_C) },
          ],
        },
      ],
    },
  ],
  tasks: [
    {
      id: 'devlink',
      name: 'devlink reload (mlx5r_remove)',
      cpu: 0,
      steps: [
        { op: 'mutex_lock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'set', target: 'cache_disable', value: 1, code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'set', target: 'ent_disabled', value: 1, code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'mutex_unlock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'flush_workqueue', target: 'cache_wq', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'mutex_lock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'do', target: 'free every entry of the tree', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'mutex_unlock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
      ],
    },
    {
      id: 'dereg',
      name: 'dereg MR (store mkey in cache)',
      cpu: 2,
      steps: [
        { op: 'mutex_lock', target: 'rb', code: at('cache_ent_find_and_store()', MR_C) },
        {
          op: 'if',
          cond: { var: 'cache_disable' },
          code: at('cache_ent_find_and_store()', MR_C),
          steps: [
            { op: 'mutex_unlock', target: 'rb', code: at('cache_ent_find_and_store()', MR_C) },
            { op: 'return', code: at('cache_ent_find_and_store()', MR_C) },
          ],
        },
        { op: 'do', target: 'store the mkey in its entry', code: at('mkey_cache_ent_from_rb_key()', MR_C) },
        { op: 'mutex_unlock', target: 'rb', code: at('cache_ent_find_and_store()', MR_C) },
      ],
    },
  ],
};

export default scenario;
