// Shin'ichiro Kawasaki's second idea: revert 59c68ac31e15 so iw_destroy_cm_id() blocks until the iw_cm
// work has dropped its references again. Jason Gunthorpe: that would bring back the bug the commit fixed.
// The model shows the case the thread names: an id destroyed from inside its own handler's work.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const IWCM_C = 'drivers/infiniband/core/iwcm.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** A blocking iw_destroy_cm_id() reached from the iw_cm work that still holds an event reference. */
const scenario: Scenario = {
  id: 'iw-handler-destroy-fix-revert-59c68ac31e15',
  thread: 'rdma-cma-iw-handler-destroy-circular',
  answers: 'iclshorg6eyrorloix2bkfsezzbnkwdepschcn5vhk3m2ionxc@oti3l4kvv4ds',
  title: 'Revert 59c68ac31e15: iw_destroy_cm_id() waits for the last reference again (rejected)',
  summary:
    'With the revert, destroying an iw_cm id waits until every reference to it is gone. cm_event_handler() ' +
    'takes a reference for each queued event and cm_work_handler() drops it only after the handler returns. ' +
    'cma_iw_handler() can ask for its id to be destroyed by returning non-zero, and the destroy then runs in ' +
    'that same work: it waits for a reference that the waiting work itself holds. Lockdep does not see the ' +
    'wait; the explorer finds the hang.',
  expect: 'deadlock',
  role: 'fix',
  fate: 'rejected',
  kernel: '6.3',
  cpus: 1,
  locks: [],
  completions: [{ id: 'destroy_comp', name: 'cm_id_priv->destroy_comp' }],
  refcounts: [
    {
      id: 'iwref',
      name: 'cm_id_priv->refcount',
      init: 2,
      code: at('iw_destroy_cm_id()', IWCM_C),
      release: [{ op: 'complete', target: 'destroy_comp', code: at('iw_destroy_cm_id()', IWCM_C) }],
    },
  ],
  workqueues: [{ id: 'iwcm_wq', name: 'iw_cm_wq', cpu: 0, ordered: true, memReclaim: true }],
  works: [
    {
      id: 'close_work',
      name: '&work->work',
      wq: 'iwcm_wq',
      pending: true,
      code: at('process_event()', IWCM_C),
      fn: [
        {
          op: 'do',
          target: 'cma_iw_handler() returns non-zero: destroy this id',
          code: at('cma_iw_handler()', CMA_C),
        },
        { op: 'kref_put', target: 'iwref', code: at('destroy_cm_id()', IWCM_C), note: 'the owner reference' },
        {
          op: 'wait_for_completion',
          target: 'destroy_comp',
          code: at('iw_destroy_cm_id()', IWCM_C),
          note: 'the wait the revert brings back',
        },
        {
          op: 'kref_put',
          target: 'iwref',
          code: at('iwcm_deref_id()', IWCM_C),
          note: 'the event reference, dropped after the handler',
        },
      ],
    },
  ],
  tasks: [
    {
      id: 'siw',
      name: 'siw: connection closed (event queued)',
      cpu: 0,
      steps: [
        { op: 'do', target: 'IW_CM_EVENT_CLOSE already queued', code: at('cm_event_handler()', IWCM_C) },
      ],
    },
  ],
};

export default scenario;
