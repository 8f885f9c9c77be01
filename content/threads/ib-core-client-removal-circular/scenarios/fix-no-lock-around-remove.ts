// Patch 2/2 (Jason Gunthorpe, applied) on top of 1/2: disable_device() no longer holds clients_rwsem while
// it walks the clients; it reads highest_client_id under the lock and calls remove_client_context() for each
// id below it, from the highest down, with no lock held. remove_client_id() lowers highest_client_id.
// Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const DEVICE_C = 'drivers/infiniband/core/device.c';
const CM_C = 'drivers/infiniband/core/cm.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Patches 1/2 + 2/2: no lock at all is held while a client's remove() runs. */
const scenario: Scenario = {
  id: 'ib-client-removal-fix-no-lock-around-remove',
  thread: 'ib-core-client-removal-circular',
  answers: '20190731081841.32345-3-leon@kernel.org',
  title: 'Fix 2/2: walk client ids down from highest_client_id, clients_rwsem not held across remove()',
  summary:
    'With patch 1/2 applied, disable_device() still held clients_rwsem for read while it walked the client ' +
    'list and called each remove callback. Patch 2/2 replaces the list with highest_client_id: the walk reads ' +
    'that number under clients_rwsem, releases it, and calls remove_client_context() for each id from the ' +
    'highest down. ib_unregister_client() ends in remove_client_id(), which write-locks clients_rwsem to erase ' +
    'the id. No lock is held while cm_remove_one() flushes the ib_cm queue.',
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
        { op: 'do', target: 'cid = highest_client_id', code: at('disable_device()', DEVICE_C) },
        { op: 'up_read', target: 'clients', code: at('disable_device()', DEVICE_C) },
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
        { op: 'down_write', target: 'clients', code: at('remove_client_id()', DEVICE_C) },
        {
          op: 'do',
          target: 'erase the id, lower highest_client_id',
          code: at('remove_client_id()', DEVICE_C),
        },
        { op: 'up_write', target: 'clients', code: at('remove_client_id()', DEVICE_C) },
      ],
    },
  ],
};

export default scenario;
