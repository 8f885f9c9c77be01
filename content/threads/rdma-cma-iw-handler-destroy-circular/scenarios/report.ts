// The circular report posted in this thread (6.5.0+, rxe): a cm work handling a connect request holds the
// listening id's handler_mutex and the new id's (subclass 1) while nvmet_rdma_queue_connect() flushes
// nvmet-wq; a release_work on nvmet-wq destroys an older, disconnected id and takes its handler_mutex.
// One lock class, three instances. Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const NVMET_RDMA_C = 'drivers/nvme/target/rdma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The splat as three instances of &id_priv->handler_mutex: lockdep's cycle, no deadlock. */
const scenario: Scenario = {
  id: 'iw-handler-destroy-report',
  thread: 'rdma-cma-iw-handler-destroy-circular',
  answers: 'CAHj4cs_mP7kmnKdm--tEkb_yE0saA7A_BBV21E1RQT8a+J7s0g@mail.gmail.com',
  title: '6.5: handler_mutex → nvmet-wq flush → release_work → handler_mutex (three ids, one class)',
  summary:
    "The ib_cm worker handles a connect request: cma_ib_req_handler() holds the listening id's handler_mutex " +
    "and the new connection id's (nested, subclass 1), and the nvmet callback nvmet_rdma_queue_connect() " +
    'flushes nvmet-wq. On nvmet-wq, the release_work of a queue that was disconnected earlier calls ' +
    "rdma_destroy_id() on that queue's id and takes its handler_mutex. Lockdep sees one class and a cycle. " +
    'With the ids as three separate mutexes, the explorer finds no deadlock: the destroyed id is neither of ' +
    'the two the connect path holds (the argument the thread points to, in the 2022 report).',
  expect: 'no-deadlock',
  role: 'report',
  kernel: '6.3',
  cpus: 2,
  locks: [
    { id: 'listen', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'listen_id->handler_mutex' },
    { id: 'conn', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'conn_id->handler_mutex' },
    { id: 'old', name: '&id_priv->handler_mutex', kind: 'mutex', instance: 'old_id->handler_mutex' },
  ],
  workqueues: [
    { id: 'ib_cm', name: 'ib_cm', cpu: 0, maxActive: 1 },
    { id: 'nvmet_wq', name: 'nvmet-wq', cpu: 1, memReclaim: true },
  ],
  works: [
    {
      id: 'req_work',
      name: '&(&work->work)->work',
      wq: 'ib_cm',
      pending: true,
      code: at('cm_req_handler()', CM_C),
      fn: [
        { op: 'mutex_lock', target: 'listen', code: at('cma_ib_req_handler()', CMA_C) },
        { op: 'do', target: 'create the connection id', code: at('cma_ib_req_handler()', CMA_C) },
        { op: 'mutex_lock_nested', target: 'conn', subclass: 1, code: at('cma_ib_req_handler()', CMA_C) },
        {
          op: 'flush_workqueue',
          target: 'nvmet_wq',
          code: at('nvmet_rdma_queue_connect()', NVMET_RDMA_C),
          note: 'event handler called by cma_cm_event_handler()',
        },
        { op: 'mutex_unlock', target: 'conn', code: at('cma_ib_req_handler()', CMA_C) },
        { op: 'mutex_unlock', target: 'listen', code: at('cma_ib_req_handler()', CMA_C) },
      ],
    },
    {
      id: 'release_work',
      name: '&queue->release_work',
      wq: 'nvmet_wq',
      pending: true,
      code: at('nvmet_rdma_release_queue_work()', NVMET_RDMA_C),
      fn: [
        {
          op: 'mutex_lock',
          target: 'old',
          code: at('rdma_destroy_id()', CMA_C),
          note: 'from nvmet_rdma_free_queue()',
        },
        { op: 'do', target: 'destroy the disconnected id', code: at('rdma_destroy_id()', CMA_C) },
        { op: 'mutex_unlock', target: 'old', code: at('rdma_destroy_id()', CMA_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'host',
      name: 'nvme host: disconnect, then connect again',
      cpu: 1,
      steps: [
        {
          op: 'do',
          target: 'the old queue was disconnected: its release_work is queued',
          code: at('nvmet_rdma_release_queue_work()', NVMET_RDMA_C),
        },
      ],
    },
  ],
};

export default scenario;
