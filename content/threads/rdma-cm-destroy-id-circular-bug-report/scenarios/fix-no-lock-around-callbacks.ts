// Bart Van Assche's prose proposal: the RDMA/CM should hold no lock while it calls a ULP's event handler;
// it would queue events on a list that the ULP drains in its own context. Jason Gunthorpe rejected it: the
// callbacks must run synchronously with the CM's state machine. Modelled with a completion as the list.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const NVMET_RDMA_C = 'drivers/nvme/target/rdma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Bart's idea: the connect event is handed to the ULP, which flushes with no CM lock held. */
const scenario: Scenario = {
  id: 'destroy-id-fix-no-lock-around-callbacks',
  thread: 'rdma-cm-destroy-id-circular-bug-report',
  answers: '4d65a168-c701-6ffa-45b9-858ddcabbbda@acm.org',
  title: 'Proposal: no lock held around event callbacks; events queued to the ULP (rejected)',
  summary:
    "The connect request still takes the listening and new ids' handler_mutexes, but instead of calling " +
    'nvmet-rdma with them held it queues the event and lets go. nvmet-rdma picks the event up in its own ' +
    'context and flushes the system workqueue with no CM lock held. The edge from handler_mutex to the ' +
    'workqueue is gone, so lockdep has no cycle and nothing deadlocks. What the model cannot show is ' +
    "Jason's objection: the event is no longer handled in step with the CM's state, and the id can be " +
    'destroyed while the queued event still refers to it.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'rejected',
  kernel: '5.16-rc3',
  cpus: 2,
  completions: [{ id: 'ev', name: 'ULP event list' }],
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
          op: 'complete',
          target: 'ev',
          code: at('cma_cm_event_handler()', CMA_C),
          note: 'queue CONNECT_REQUEST for the ULP instead of calling it',
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
      name: 'nvmet-rdma: drains its event list',
      cpu: 1,
      steps: [
        { op: 'wait_for_completion', target: 'ev', code: at('nvmet_rdma_queue_connect()', NVMET_RDMA_C) },
        {
          op: 'flush_workqueue',
          target: 'events',
          code: at('nvmet_rdma_queue_connect()', NVMET_RDMA_C),
          note: "in the ULP's own context, no CM lock held",
        },
      ],
    },
  ],
};

export default scenario;
