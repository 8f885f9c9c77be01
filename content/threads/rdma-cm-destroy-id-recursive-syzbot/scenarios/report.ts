// The report on next-20201118: cma_add_one() holds cma.c's global mutex (lockdep: lock#6) while an
// rdma_listen() of a wildcard listener fails; the error path destroys the new ID on the spot, and
// _destroy_id() -> cma_release_dev() takes the same mutex again. Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** One task: the failed listen is destroyed while the global mutex is still held. */
const scenario: Scenario = {
  id: 'rdma-cm-destroy-id-report',
  thread: 'rdma-cm-destroy-id-recursive-syzbot',
  answers: '0000000000004129c705b45fa8f2@google.com',
  title: 'next-20201118: rdma_destroy_id() under the global lock in cma_add_one()',
  summary:
    'A netlink request adds a siw device. cma_add_one() takes the file-global mutex of cma.c and, for each ' +
    'wildcard listener, creates a per-device listening ID with cma_listen_on_dev(). rdma_listen() fails ' +
    '(-98, address in use); the error path added by commit c80a0c52d85c calls rdma_destroy_id() right ' +
    'there, and _destroy_id() -> cma_release_dev() asks for the same mutex. A mutex is not recursive: ' +
    'the task sleeps forever waiting for itself.',
  expect: 'deadlock',
  role: 'report',
  cpus: 1,
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
          target: 'attach a listen ID to the new device',
          code: at('cma_listen_on_dev()', CMA_C),
          note: 'for each ID on listen_any_list',
        },
        { op: 'do', target: 'rdma_listen() fails: -EADDRINUSE', code: at('rdma_listen()', CMA_C) },
        {
          op: 'do',
          target: 'error path: rdma_destroy_id(dev_id_priv)',
          code: at('cma_listen_on_dev()', CMA_C),
          note: 'added by c80a0c52d85c',
        },
        {
          op: 'mutex_lock',
          target: 'lock',
          code: at('cma_release_dev()', CMA_C),
          note: 'via _destroy_id()',
        },
        { op: 'do', target: 'detach the ID from its device', code: at('cma_release_dev()', CMA_C) },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_release_dev()', CMA_C) },
        { op: 'mutex_unlock', target: 'lock', code: at('cma_add_one()', CMA_C) },
      ],
    },
  ],
};

export default scenario;
