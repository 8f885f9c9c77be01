// Patch v2 (Shin'ichiro Kawasaki; same diff as v1, longer commit message): cma_iw_handler() takes a
// reference on id_priv before handler_mutex and drops it on the way out. Applied to rdma-rc, then Leon
// said it must be reverted after Jason Gunthorpe's objection. Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const IWCM_C = 'drivers/infiniband/core/iwcm.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v2: cma_id_get()/cma_id_put() around cma_iw_handler(); destroy waits for the last reference. */
const scenario: Scenario = {
  id: 'iw-handler-destroy-fix-v2-refcount',
  thread: 'rdma-cma-iw-handler-destroy-circular',
  answers: '20230612054237.1855292-1-shinichiro.kawasaki@wdc.com',
  title: 'v2: cma_id_get()/cma_id_put() around cma_iw_handler() (applied, then to be reverted)',
  summary:
    'An iw_cm close event runs cma_iw_handler() on iw_cm_wq while the nvme host tears the queue down with ' +
    'rdma_destroy_id(). The handler now holds a reference on id_priv for its whole body, so _destroy_id(), ' +
    'which drops the owner reference and waits on id_priv->comp, cannot free the id under it. The model ' +
    'starts the handler holding its reference before destroy begins; with that ordering nothing deadlocks. ' +
    'What the checker cannot judge is the case Jason objected to: the handler starting after destroy has ' +
    'returned, when there is no reference left to take.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'rejected',
  kernel: '6.3',
  cpus: 2,
  locks: [{ id: 'hm', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'id_priv->handler_mutex' }],
  completions: [{ id: 'comp', name: 'id_priv->comp' }],
  refcounts: [
    {
      id: 'ref',
      name: 'id_priv->refcount',
      init: 2,
      code: at('cma_id_put()', CMA_C),
      release: [{ op: 'complete', target: 'comp', code: at('cma_id_put()', CMA_C) }],
    },
  ],
  workqueues: [{ id: 'iwcm_wq', name: 'iw_cm_wq', cpu: 1, ordered: true, memReclaim: true }],
  works: [
    {
      id: 'close_work',
      name: '&work->work',
      wq: 'iwcm_wq',
      pending: true,
      code: at('cm_close_handler()', IWCM_C),
      fn: [
        {
          op: 'do',
          target: 'cma_id_get(): reference already counted in init',
          code: at('cma_iw_handler()', CMA_C),
          note: 'taken before destroy starts in this model',
        },
        { op: 'mutex_lock', target: 'hm', code: at('cma_iw_handler()', CMA_C) },
        {
          op: 'do',
          target: 'state is no longer CONNECT: nothing to report',
          code: at('cma_iw_handler()', CMA_C),
        },
        { op: 'mutex_unlock', target: 'hm', code: at('cma_iw_handler()', CMA_C) },
        { op: 'kref_put', target: 'ref', code: at('cma_id_put()', CMA_C), note: 'added by the patch' },
      ],
    },
  ],
  tasks: [
    {
      id: 'teardown',
      name: 'nvme host teardown (rdma_destroy_id)',
      cpu: 0,
      steps: [
        { op: 'mutex_lock', target: 'hm', code: at('rdma_destroy_id()', CMA_C) },
        { op: 'do', target: 'mark the id destroying', code: at('destroy_id_handler_unlock()', CMA_C) },
        { op: 'mutex_unlock', target: 'hm', code: at('destroy_id_handler_unlock()', CMA_C) },
        {
          op: 'do',
          target: 'iw_destroy_cm_id(): does not wait for the iw_cm work',
          code: at('iw_destroy_cm_id()', IWCM_C),
        },
        { op: 'kref_put', target: 'ref', code: at('cma_id_put()', CMA_C), note: 'the owner reference' },
        { op: 'wait_for_completion', target: 'comp', code: at('rdma_destroy_id()', CMA_C) },
        { op: 'do', target: 'kfree(id_priv)', code: at('rdma_destroy_id()', CMA_C) },
      ],
    },
  ],
};

export default scenario;
