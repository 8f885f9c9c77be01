// The report (5.16-rc3): three rdma_cm ids, one lockdep class. The ib_cm worker handling a connect request
// holds the listening id's handler_mutex and the new id's (subclass 1) while nvmet_rdma_queue_connect()
// flushes the system workqueue; a release_work there destroys an id whose disconnect was handled earlier.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const NVMET_RDMA_C = 'drivers/nvme/target/rdma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Sagi's reading: the destroyed id is an old, disconnected one, never one the connect path holds. */
const scenario: Scenario = {
  id: 'destroy-id-report',
  thread: 'rdma-cm-destroy-id-circular-bug-report',
  answers: 'CAHj4cs93BfTRgWF6PbuZcfq6AARHgYC2g=RQ-7Jgcf1-6h+2SQ@mail.gmail.com',
  title: '5.16-rc3: handler_mutex → handler_mutex/1 → (wq_completion)events → release_work → handler_mutex',
  summary:
    'One ib_cm worker (max_active 1) runs two events in either order. The disconnect of an old queue takes ' +
    "that id's handler_mutex and has nvmet-rdma queue the queue's release_work on the system workqueue. " +
    "The connect request holds the listening id's handler_mutex and the new id's (nested) and, in " +
    'nvmet_rdma_queue_connect(), flushes the system workqueue. The release_work calls rdma_destroy_id() on ' +
    'the old id and takes its handler_mutex. Lockdep merges the three mutexes into one class and reports a ' +
    'cycle; as three locks, no interleaving deadlocks, because the destroyed id is already disconnected and ' +
    'is neither of the two the connect path holds.',
  expect: 'no-deadlock',
  role: 'report',
  kernel: '5.16-rc3',
  cpus: 2,
  locks: [
    { id: 'listen', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'listen_id->handler_mutex' },
    { id: 'conn', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'conn_id->handler_mutex' },
    { id: 'old', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'old_id->handler_mutex' },
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
