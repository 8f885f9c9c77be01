// Bart Van Assche's diff: each rdma_id_private registers its own lock_class_key and puts handler_mutex in
// that class (lockdep_register_key() + lockdep_set_class() in __rdma_create_id(), unregistered in
// _destroy_id()). Lockdep then tells the three ids apart. Not applied: Jason Gunthorpe objected to the cost.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const NVMET_RDMA_C = 'drivers/nvme/target/rdma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Bart's diff: one lockdep class per id, so the cycle through one class disappears. */
const scenario: Scenario = {
  id: 'destroy-id-fix-lockdep-register-key',
  thread: 'rdma-cm-destroy-id-circular-bug-report',
  answers: '355f1926-9a0d-f65e-d604-6b452fa987e9@acm.org',
  title: 'Proposal: a lockdep key per rdma_cm id (lockdep_register_key)',
  summary:
    'The same code as the report, but every id gets its own lockdep class at creation. Lockdep now sees ' +
    'the listening id, the new id and the destroyed id as three classes: the connect path orders the first ' +
    'two before the system workqueue, the release work orders the workqueue before the third, and no cycle ' +
    'closes. Nothing about the locking changes, so the explorer again finds no deadlock; the change is only ' +
    'in what lockdep can tell apart, at the cost of a class per id ever created.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'proposed',
  kernel: '5.16-rc3',
  cpus: 2,
  locks: [
    {
      id: 'listen',
      name: '&id_priv->handler_mutex',
      kind: 'mutex',
      instance: 'listen_id->handler_mutex',
      key: 'listen_id->handler_key',
    },
    {
      id: 'conn',
      name: '&id_priv->handler_mutex',
      kind: 'mutex',
      instance: 'conn_id->handler_mutex',
      key: 'conn_id->handler_key',
    },
    {
      id: 'old',
      name: '&id_priv->handler_mutex',
      kind: 'mutex',
      instance: 'old_id->handler_mutex',
      key: 'old_id->handler_key',
    },
  ],
  workqueues: [
    { id: 'ib_cm', name: 'ib_cm', cpu: 0, maxActive: 1 },
    { id: 'events', name: 'events', cpu: 1 },
  ],
  works: [
    {
      id: 'disc_work',
      name: '&(&disc->work)->work',
      wq: 'ib_cm',
      pending: true,
      code: at('cma_ib_handler()', CMA_C),
      fn: [
        { op: 'mutex_lock', target: 'old', code: at('cma_ib_handler()', CMA_C) },
        {
          op: 'queue_work',
          target: 'release_work',
          code: at('__nvmet_rdma_queue_disconnect()', NVMET_RDMA_C),
          note: 'DISCONNECTED event to nvmet_rdma_cm_handler()',
        },
        { op: 'mutex_unlock', target: 'old', code: at('cma_ib_handler()', CMA_C) },
      ],
    },
    {
      id: 'req_work',
      name: '&(&work->work)->work',
      wq: 'ib_cm',
      pending: true,
      code: at('cm_req_handler()', CM_C),
      fn: [
        { op: 'mutex_lock', target: 'listen', code: at('cma_ib_req_handler()', CMA_C) },
        { op: 'mutex_lock_nested', target: 'conn', subclass: 1, code: at('cma_ib_req_handler()', CMA_C) },
        {
          op: 'flush_workqueue',
          target: 'events',
          code: at('nvmet_rdma_queue_connect()', NVMET_RDMA_C),
          note: 'called through cma_cm_event_handler()',
        },
        { op: 'mutex_unlock', target: 'conn', code: at('cma_ib_req_handler()', CMA_C) },
        { op: 'mutex_unlock', target: 'listen', code: at('cma_ib_req_handler()', CMA_C) },
      ],
    },
    {
      id: 'release_work',
      name: '&queue->release_work',
      wq: 'events',
      code: at('nvmet_rdma_release_queue_work()', NVMET_RDMA_C),
      fn: [
        {
          op: 'mutex_lock',
          target: 'old',
          code: at('rdma_destroy_id()', CMA_C),
          note: 'from nvmet_rdma_free_queue()',
        },
        { op: 'do', target: 'destroy the disconnected id', code: at('_destroy_id()', CMA_C) },
        { op: 'mutex_unlock', target: 'old', code: at('rdma_destroy_id()', CMA_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'host',
      name: 'nvme host: logout and login (nvmeof-mp/002)',
      cpu: 1,
      steps: [
        { op: 'do', target: 'disconnect one queue, connect another', code: at('cm_req_handler()', CM_C) },
      ],
    },
  ],
};

export default scenario;
