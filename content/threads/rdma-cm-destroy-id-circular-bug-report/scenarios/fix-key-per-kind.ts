// Jason Gunthorpe's counter-suggestion, in prose: if lockdep keys are used, key them by what an id is when
// it is created (a listening id vs a connecting id), not one per object. Modelled with two keys.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const NVMET_RDMA_C = 'drivers/nvme/target/rdma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Jason's idea: one class for listening ids, one for connection ids. */
const scenario: Scenario = {
  id: 'destroy-id-fix-key-per-kind',
  thread: 'rdma-cm-destroy-id-circular-bug-report',
  answers: '20220601124556.GI2960187@ziepe.ca',
  title: 'Suggestion: lockdep keys by kind of id (listening vs connecting)',
  summary:
    'Two classes instead of one: listening ids in one, connection ids in the other. The connect path takes ' +
    'a listening id, then a connection id nested, then flushes the system workqueue; the release work takes ' +
    'a connection id. Lockdep in the model finds no cycle: nothing in it takes a listening id after a ' +
    'connection id, or the nested connection class after the plain one. The thread never tries this, so ' +
    'whether other paths in the real kernel would close a cycle between the two classes is open.',
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
      key: 'listen_id_key',
    },
    {
      id: 'conn',
      name: '&id_priv->handler_mutex',
      kind: 'mutex',
      instance: 'conn_id->handler_mutex',
      key: 'conn_id_key',
    },
    {
      id: 'old',
      name: '&id_priv->handler_mutex',
      kind: 'mutex',
      instance: 'old_id->handler_mutex',
      key: 'conn_id_key',
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
