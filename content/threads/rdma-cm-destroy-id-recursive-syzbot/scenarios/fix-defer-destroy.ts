// Jason's inline patch (applied to for-next): cma_listen_on_dev() hands the failed ID back through
// *to_destroy instead of destroying it; the callers destroy it after mutex_unlock(&lock).
// cma_listen_on_all() takes it off its device's list first so cma_process_remove() cannot also destroy
// it; cma_add_one() leaves it on the new device, whose cma_process_remove() destroys it. Two CPUs run
// both callers at once against the one global mutex. Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The applied fix: destroy the failed listen ID only after the global mutex is released. */
const scenario: Scenario = {
  id: 'rdma-cm-destroy-id-fix-defer',
  thread: 'rdma-cm-destroy-id-recursive-syzbot',
  answers: '20201118133756.GK244516@ziepe.ca',
  title: 'Fix: hand the failed ID back, destroy it after mutex_unlock(&lock)',
  summary:
    'cma_listen_on_dev() no longer calls rdma_destroy_id(); it returns the failed ID in *to_destroy. ' +
    'cma_listen_on_all() unlinks it from its device (so cma_process_remove() cannot destroy it twice), ' +
    'drops the mutex, then destroys it. cma_add_one() drops the mutex and lets cma_process_remove() of ' +
    'the half-added device destroy it, taking the mutex only around list edits. Both paths run at once ' +
    'here on two CPUs: the global mutex is never taken while already held.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  cpus: 2,
  locks: [{ id: 'lock', name: 'lock#6', kind: 'mutex', instance: 'lock' }],
  tasks: [
    {
      id: 'newlink',
      name: 'syz-executor (nldev_newlink, siw)',
      cpu: 0,
      steps: [
        { op: 'mutex_lock', target: 'lock', code: at('cma_add_one()', CMA_C) },
        { op: 'do', target: 'add cma_dev to dev_list', code: at('cma_add_one()', CMA_C) },
        {
          op: 'do',
          target: 'rdma_listen() fails: *to_destroy = dev_id_priv',
          code: at('cma_listen_on_dev()', CMA_C),
        },
        { op: 'do', target: 'remove cma_dev from dev_list', code: at('cma_add_one()', CMA_C) },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_add_one()', CMA_C) },
        {
          op: 'mutex_lock',
          target: 'lock',
          code: at('cma_process_remove()', CMA_C),
          note: 'the device is torn down; to_destroy is on its id_list',
        },
        { op: 'do', target: 'unlink the ID from the device', code: at('cma_process_remove()', CMA_C) },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_process_remove()', CMA_C) },
        { op: 'mutex_lock', target: 'lock', code: at('cma_release_dev()', CMA_C), note: 'via _destroy_id()' },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_release_dev()', CMA_C) },
      ],
    },
    {
      id: 'listen_any',
      name: 'rdma_listen() on a wildcard address',
      cpu: 1,
      steps: [
        { op: 'mutex_lock', target: 'lock', code: at('cma_listen_on_all()', CMA_C) },
        {
          op: 'do',
          target: 'rdma_listen() fails: *to_destroy = dev_id_priv',
          code: at('cma_listen_on_dev()', CMA_C),
        },
        {
          op: 'do',
          target: 'list_del_init(&to_destroy->list)',
          code: at('cma_listen_on_all()', CMA_C),
          note: 'hidden from cma_process_remove()',
        },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_listen_on_all()', CMA_C) },
        {
          op: 'mutex_lock',
          target: 'lock',
          code: at('cma_release_dev()', CMA_C),
          note: 'rdma_destroy_id(to_destroy) -> _destroy_id()',
        },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_release_dev()', CMA_C) },
      ],
    },
  ],
};

export default scenario;
