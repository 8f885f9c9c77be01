// Patch 1/2 (Jason Gunthorpe, applied): remove_client_context() drops client_data_rwsem before calling
// client->remove(); the fence becomes reference counts (device->refcount, the new client->uses) and a
// completion, client->uses_zero, that ib_unregister_client() waits for.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const DEVICE_C = 'drivers/infiniband/core/device.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Patch 1/2: up_write() before the remove callback; refcount + completion as the fence. */
const scenario: Scenario = {
  id: 'ib-client-removal-fix-refcount-fence',
  thread: 'ib-core-client-removal-circular',
  answers: '20190731081841.32345-2-leon@kernel.org',
  title: 'Fix 1/2: release client_data_rwsem before client->remove(); fence with client->uses',
  summary:
    'remove_client_context() write-locks client_data_rwsem only to clear the registered mark, then releases ' +
    'it (up_write instead of downgrade_write) and calls cm_remove_one() with no hold on it. What the read ' +
    'hold used to guarantee, that ib_unregister_client() does not return while a removal is still running, ' +
    'now comes from client->uses: every client context holds a reference, the last ib_client_put() ' +
    'completes client->uses_zero, and ib_unregister_client() waits for it. disable_device() still holds ' +
    'clients_rwsem for read around the walk; patch 2/2 removes that.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  kernel: '5.3-rc2',
  cpus: 4,
  locks: [
    { id: 'clients', name: 'clients_rwsem', kind: 'rwsem' },
    { id: 'cdata', name: '&device->client_data_rwsem', kind: 'rwsem', instance: 'device->client_data_rwsem' },
  ],
  completions: [{ id: 'uses_zero', name: 'client->uses_zero' }],
  refcounts: [
    {
      id: 'uses',
      name: 'client->uses',
      init: 2,
      code: at('ib_client_put()', DEVICE_C),
      release: [{ op: 'complete', target: 'uses_zero', code: at('ib_client_put()', DEVICE_C) }],
    },
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
        { op: 'down_read', target: 'cdata', code: at('ib_get_net_dev_by_params()', DEVICE_C) },
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
        { op: 'up_write', target: 'cdata', code: at('remove_client_context()', DEVICE_C) },
        { op: 'flush_workqueue', target: 'ib_cm', code: at('cm_remove_one()', CM_C) },
        {
          op: 'kref_put',
          target: 'uses',
          code: at('ib_client_put()', DEVICE_C),
          note: 'end of remove_client_context()',
        },
        { op: 'up_read', target: 'clients', code: at('disable_device()', DEVICE_C) },
      ],
    },
    {
      id: 'writer',
      name: 'another client registering (add_client_context)',
      cpu: 2,
      steps: [
        { op: 'down_write', target: 'cdata', code: at('add_client_context()', DEVICE_C) },
        { op: 'up_write', target: 'cdata', code: at('add_client_context()', DEVICE_C) },
      ],
    },
    {
      id: 'unreg',
      name: 'rmmod ib_cm (ib_unregister_client)',
      cpu: 3,
      steps: [
        { op: 'down_write', target: 'clients', code: at('ib_unregister_client()', DEVICE_C) },
        {
          op: 'kref_put',
          target: 'uses',
          code: at('ib_client_put()', DEVICE_C),
          note: 'the registration reference',
        },
        { op: 'up_write', target: 'clients', code: at('ib_unregister_client()', DEVICE_C) },
        { op: 'wait_for_completion', target: 'uses_zero', code: at('ib_unregister_client()', DEVICE_C) },
        { op: 'down_write', target: 'clients', code: at('ib_unregister_client()', DEVICE_C) },
        { op: 'do', target: 'unlink the client, erase its id', code: at('ib_unregister_client()', DEVICE_C) },
        { op: 'up_write', target: 'clients', code: at('ib_unregister_client()', DEVICE_C) },
      ],
    },
  ],
};

export default scenario;
