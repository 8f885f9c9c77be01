// The report (6.2-rc6 debug kernel): mlx5_mkey_cache_cleanup() holds cache.rb_lock and calls
// cancel_delayed_work_sync() on an entry whose work function, delayed_cache_work_func(), takes rb_lock.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const MR_C = 'drivers/infiniband/hw/mlx5/mr.c';
const MAIN_C = 'drivers/infiniband/hw/mlx5/main.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Two CPUs: devlink reload holds rb_lock and waits for ent->dwork; the running work waits for rb_lock. */
const scenario: Scenario = {
  id: 'mkey-cache-cleanup-report',
  thread: 'mlx5-mkey-cache-cleanup-circular',
  answers: '2c0452d944a865b060709af71940dafc4aad8b89.1695203715.git.leon@kernel.org',
  title: '6.2-rc6: cancel_delayed_work_sync(&ent->dwork) under cache.rb_lock',
  summary:
    'A devlink reload removes the mlx5_ib device; mlx5_mkey_cache_cleanup() takes dev->cache.rb_lock and, ' +
    "for each cache entry, waits in cancel_delayed_work_sync() for the entry's delayed work. That work, " +
    'delayed_cache_work_func() on the ordered "mkey_cache" queue, takes rb_lock itself. If the work has ' +
    'started when cleanup takes the lock, the work waits for the lock and cleanup waits for the work.',
  expect: 'deadlock',
  role: 'report',
  kernel: '6.2-rc6',
  cpus: 2,
  locks: [{ id: 'rb', name: '&dev->cache.rb_lock', kind: 'mutex', instance: 'dev->cache.rb_lock' }],
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
        { op: 'mutex_lock', target: 'rb', code: at('delayed_cache_work_func()', MR_C) },
        {
          op: 'do',
          target: 'adjust the entry against the cache tree',
          code: at('delayed_cache_work_func()', MR_C),
        },
        { op: 'mutex_unlock', target: 'rb', code: at('delayed_cache_work_func()', MR_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'devlink',
      name: 'devlink reload (mlx5r_remove)',
      cpu: 0,
      steps: [
        {
          op: 'mutex_lock',
          target: 'rb',
          code: at('mlx5_mkey_cache_cleanup()', MR_C),
          note: 'from mlx5_ib_stage_pre_ib_reg_umr_cleanup()',
        },
        { op: 'do', target: 'mark the entry disabled', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'cancel_delayed_work_sync', target: 'ent_dwork', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'mutex_unlock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'do', target: 'tear down the device', code: at('__mlx5_ib_remove()', MAIN_C) },
      ],
    },
  ],
};

export default scenario;
