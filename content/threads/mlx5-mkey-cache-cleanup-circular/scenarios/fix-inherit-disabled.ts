// Jason Gunthorpe's question, read as an alternative: no early return in cache_ent_find_and_store(); an entry
// created there starts with ent->disabled copied from the cache's flag. Not taken: the patch was applied as
// posted after Leon answered that no entry can be created while cleanup runs.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const MR_C = 'drivers/infiniband/hw/mlx5/mr.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

const workFn = (flag: string, work: string) => [
  {
    op: 'if' as const,
    cond: { var: flag },
    code: at('delayed_cache_work_func()', MR_C),
    steps: [{ op: 'return' as const, code: at('delayed_cache_work_func()', MR_C) }],
  },
  { op: 'mutex_lock' as const, target: 'rb', code: at('delayed_cache_work_func()', MR_C) },
  { op: 'do' as const, target: 'adjust the entry', code: at('delayed_cache_work_func()', MR_C) },
  { op: 'mutex_unlock' as const, target: 'rb', code: at('delayed_cache_work_func()', MR_C) },
  {
    op: 'if' as const,
    cond: { var: flag, is: '==' as const, value: 0 },
    code: at('delayed_cache_work_func()', MR_C),
    steps: [{ op: 'queue_delayed_work' as const, target: work, code: at('delayed_cache_work_func()', MR_C) }],
  },
];

/** Jason's alternative: a new entry inherits cache.disable, so its work never re-arms after cleanup began. */
const scenario: Scenario = {
  id: 'mkey-cache-cleanup-fix-inherit-disabled',
  thread: 'mlx5-mkey-cache-cleanup-circular',
  answers: '20230920140112.GB13733@nvidia.com',
  title: 'Alternative: a new entry starts disabled when the cache is (not taken)',
  summary:
    'Same cleanup as the applied patch (disable under rb_lock, flush the queue unlocked), but the dereg path ' +
    'keeps storing: when it has to create an entry it copies cache.disable into the new entry, whose work ' +
    'then returns at once instead of re-arming. The lock order is the same as the applied fix, so it cannot ' +
    'deadlock either; the thread did not take it because, as Leon answered, no entry is created while ' +
    'cleanup runs.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'rejected',
  proposedIn: '20230920140112.GB13733@nvidia.com',
  kernel: '6.2-rc6',
  cpus: 3,
  locks: [{ id: 'rb', name: '&dev->cache.rb_lock', kind: 'mutex', instance: 'dev->cache.rb_lock' }],
  vars: [
    { id: 'cache_disable', name: 'dev->cache.disable' },
    { id: 'ent_disabled', name: 'ent->disabled' },
    { id: 'new_disabled', name: 'new_ent->disabled' },
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
      fn: workFn('ent_disabled', 'ent_dwork'),
    },
    {
      id: 'new_dwork',
      name: '&(&new_ent->dwork)->work',
      wq: 'cache_wq',
      delayed: true,
      code: at('delayed_cache_work_func()', MR_C),
      fn: workFn('new_disabled', 'new_dwork'),
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
        {
          op: 'set',
          target: 'new_disabled',
          value: 1,
          code: at('mlx5_mkey_cache_cleanup()', MR_C),
          note: 'the loop disables an entry created before cleanup too',
        },
        { op: 'mutex_unlock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'flush_workqueue', target: 'cache_wq', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'mutex_lock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'do', target: 'free every entry of the tree', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
        { op: 'mutex_unlock', target: 'rb', code: at('mlx5_mkey_cache_cleanup()', MR_C) },
      ],
    },
    {
      id: 'dereg',
      name: 'dereg MR (store mkey in a new entry)',
      cpu: 2,
      steps: [
        { op: 'mutex_lock', target: 'rb', code: at('cache_ent_find_and_store()', MR_C) },
        {
          op: 'if',
          cond: { var: 'cache_disable' },
          code: at('cache_ent_find_and_store()', MR_C),
          steps: [
            { op: 'set', target: 'new_disabled', value: 1, code: at('cache_ent_find_and_store()', MR_C) },
          ],
        },
        {
          op: 'do',
          target: 'insert the new entry, store the mkey',
          code: at('cache_ent_find_and_store()', MR_C),
        },
        { op: 'mutex_unlock', target: 'rb', code: at('cache_ent_find_and_store()', MR_C) },
        {
          op: 'if',
          cond: { var: 'new_disabled', is: '==', value: 0 },
          code: at('cache_ent_find_and_store()', MR_C),
          steps: [
            { op: 'queue_delayed_work', target: 'new_dwork', code: at('cache_ent_find_and_store()', MR_C) },
          ],
        },
      ],
    },
  ],
};

export default scenario;
