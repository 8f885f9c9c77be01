// The report (5.3-rc2): remove_client_context() downgrades device->client_data_rwsem to a read hold and
// calls cm_remove_one(), which flushes the ib_cm workqueue; a cm work item (cm_req_handler() →
// cma_ib_req_handler() → ib_get_net_dev_by_params()) takes the same rwsem for read.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const DEVICE_C = 'drivers/infiniband/core/device.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const CMA_C = 'drivers/infiniband/core/cma.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Three contexts: the remover holds the rwsem for read and flushes; a writer queues; the cm work reads. */
const scenario: Scenario = {
  id: 'ib-client-removal-report',
  thread: 'ib-core-client-removal-circular',
  answers: '20190731081841.32345-2-leon@kernel.org',
  title: '5.3-rc2: flush_workqueue(ib_cm) under client_data_rwsem (read)',
  summary:
    'Unloading mlx5_ib unregisters the device; disable_device() calls remove_client_context() for each ' +
    'client, which write-locks device->client_data_rwsem, downgrades it to a read hold and keeps it across ' +
    "the client's remove callback. For ib_cm that is cm_remove_one(), which flushes the ib_cm workqueue. A " +
    'queued cm work handling a connection request reaches ib_get_net_dev_by_params(), which takes the same ' +
    'rwsem for read. Two readers share, so the hang needs a third party: once a writer (add_client_context() ' +
    "for another client) queues on the rwsem, the work's down_read() waits behind it, the writer waits for " +
    "the remover's read hold, and the remover waits for the work.",
  expect: 'deadlock',
  role: 'report',
  kernel: '5.3-rc2',
  cpus: 3,
  locks: [
    { id: 'clients', name: 'clients_rwsem', kind: 'rwsem' },
    { id: 'cdata', name: '&device->client_data_rwsem', kind: 'rwsem', instance: 'device->client_data_rwsem' },
  ],
  workqueues: [{ id: 'ib_cm', name: 'ib_cm', cpu: 1, maxActive: 1 }],
  works: [
    {
      id: 'cm_work',
      name: '&(&work->work)->work',
      wq: 'ib_cm',
      delayed: true,
      pending: true,
      code: at('cm_req_handler()', CM_C),
      fn: [
        { op: 'do', target: 'rdma_cm handles the REQ', code: at('cma_ib_req_handler()', CMA_C) },
        {
          op: 'down_read',
          target: 'cdata',
          code: at('ib_get_net_dev_by_params()', DEVICE_C),
          note: 'from cma_ib_req_handler()',
        },
        {
          op: 'do',
          target: 'ask each client for the net_dev',
          code: at('ib_get_net_dev_by_params()', DEVICE_C),
        },
        { op: 'up_read', target: 'cdata', code: at('ib_get_net_dev_by_params()', DEVICE_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'modprobe',
      name: 'modprobe -r mlx5_ib (disable_device)',
      cpu: 0,
      steps: [
        { op: 'down_read', target: 'clients', code: at('disable_device()', DEVICE_C) },
        { op: 'down_write', target: 'cdata', code: at('remove_client_context()', DEVICE_C) },
        { op: 'do', target: 'clear CLIENT_DATA_REGISTERED', code: at('remove_client_context()', DEVICE_C) },
        { op: 'downgrade_write', target: 'cdata', code: at('remove_client_context()', DEVICE_C) },
        {
          op: 'flush_workqueue',
          target: 'ib_cm',
          code: at('cm_remove_one()', CM_C),
          note: 'client->remove() of ib_cm',
        },
        { op: 'up_read', target: 'cdata', code: at('remove_client_context()', DEVICE_C) },
        { op: 'up_read', target: 'clients', code: at('disable_device()', DEVICE_C) },
      ],
    },
    {
      id: 'writer',
      name: 'another client registering (add_client_context)',
      cpu: 2,
      steps: [
        { op: 'down_write', target: 'cdata', code: at('add_client_context()', DEVICE_C) },
        { op: 'do', target: 'install the client data', code: at('add_client_context()', DEVICE_C) },
        { op: 'up_write', target: 'cdata', code: at('add_client_context()', DEVICE_C) },
      ],
    },
  ],
};

export default scenario;
