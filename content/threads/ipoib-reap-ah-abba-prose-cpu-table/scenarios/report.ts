// The hang on 5.8-rc2 as the patch draws it: three CPUs, a read-held rw_semaphore, an RTNL taken
// with rtnl_trylock(), a flush_workqueue() and a work that retries rtnl_trylock() until it gets it or
// sees IPOIB_FLAG_OPER_UP cleared. Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const IB_C = 'drivers/infiniband/ulp/ipoib/ipoib_ib.c';
const MCAST_C = 'drivers/infiniband/ulp/ipoib/ipoib_multicast.c';
const VLAN_C = 'drivers/infiniband/ulp/ipoib/ipoib_vlan.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The three-CPU table of the patch: flush under vlan_rwsem, VLAN add, carrier-on retry loop. */
const scenario: Scenario = {
  id: 'ipoib-reap-ah-report',
  thread: 'ipoib-reap-ah-abba-prose-cpu-table',
  answers: '20200625174219.290842-1-kamalheib1@gmail.com',
  title: '5.8-rc2: ipoib_flush_ah() flushes priv->wq under vlan_rwsem',
  summary:
    'CPU0, a device flush on the ipoib_flush queue, holds vlan_rwsem for read and, in ipoib_flush_ah(), ' +
    'flushes the interface workqueue. CPU1 adds a VLAN: rtnl_trylock() succeeds, then down_write(vlan_rwsem) ' +
    'waits for CPU0. CPU2 runs ipoib_mcast_carrier_on_task() on that workqueue: rtnl_trylock() fails, ' +
    'IPOIB_FLAG_OPER_UP is set (the flush set it back before flushing), so it sleeps 20 ms and tries again, ' +
    'for ever. The flush waits for CPU2, CPU2 for the RTNL, CPU1 for CPU0. Lockdep records no edge from the ' +
    'work to rtnl_mutex because a trylock never waits, so it reports nothing.',
  expect: 'livelock',
  role: 'report',
  cpus: 3,
  locks: [
    { id: 'vlan', name: '&priv->vlan_rwsem', kind: 'rwsem', instance: 'ppriv->vlan_rwsem' },
    { id: 'rtnl', name: 'rtnl_mutex', kind: 'mutex' },
  ],
  vars: [{ id: 'oper_up', name: 'IPOIB_FLAG_OPER_UP', init: 1 }],
  workqueues: [
    { id: 'flushq', name: 'ipoib_flush', cpu: 0, ordered: true },
    { id: 'privwq', name: 'ipoib_wq', cpu: 2, ordered: true, memReclaim: true },
  ],
  works: [
    {
      id: 'flush_light',
      name: '&priv->flush_light',
      wq: 'flushq',
      pending: true,
      code: at('ipoib_ib_dev_flush_light()', IB_C),
      fn: [
        { op: 'down_read', target: 'vlan', code: at('__ipoib_ib_dev_flush()', IB_C) },
        {
          op: 'set',
          target: 'oper_up',
          value: 0,
          code: at('__ipoib_ib_dev_flush()', IB_C),
          note: 'test_and_clear_bit(IPOIB_FLAG_OPER_UP)',
        },
        {
          op: 'do',
          target: 'leave and rejoin multicast groups',
          code: at('ipoib_mcast_dev_flush()', MCAST_C),
        },
        {
          op: 'set',
          target: 'oper_up',
          value: 1,
          code: at('__ipoib_ib_dev_flush()', IB_C),
          note: 'it was up',
        },
        {
          op: 'flush_workqueue',
          target: 'privwq',
          code: at('ipoib_flush_ah()', IB_C),
          note: 'after cancel_delayed_work(&priv->ah_reap_task)',
        },
        { op: 'do', target: 'reap dead AHs', code: at('__ipoib_reap_ah()', IB_C) },
        { op: 'up_read', target: 'vlan', code: at('__ipoib_ib_dev_flush()', IB_C) },
      ],
    },
    {
      id: 'carrier_on_task',
      name: '&priv->carrier_on_task',
      wq: 'privwq',
      pending: true,
      code: at('ipoib_mcast_carrier_on_task()', MCAST_C),
      fn: [
        {
          op: 'rtnl_trylock',
          target: 'rtnl',
          into: 'got_rtnl',
          code: at('ipoib_mcast_carrier_on_task()', MCAST_C),
        },
        {
          op: 'while',
          cond: { var: 'got_rtnl', is: '==', value: 0 },
          code: at('ipoib_mcast_carrier_on_task()', MCAST_C),
          steps: [
            {
              op: 'if',
              cond: { var: 'oper_up', is: '==', value: 0 },
              code: at('ipoib_mcast_carrier_on_task()', MCAST_C),
              steps: [{ op: 'return', code: at('ipoib_mcast_carrier_on_task()', MCAST_C) }],
            },
            { op: 'msleep', target: '20 ms', code: at('ipoib_mcast_carrier_on_task()', MCAST_C) },
            {
              op: 'rtnl_trylock',
              target: 'rtnl',
              into: 'got_rtnl',
              code: at('ipoib_mcast_carrier_on_task()', MCAST_C),
            },
          ],
        },
        { op: 'do', target: 'netif_carrier_on()', code: at('ipoib_mcast_carrier_on_task()', MCAST_C) },
        { op: 'rtnl_unlock', target: 'rtnl', code: at('ipoib_mcast_carrier_on_task()', MCAST_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'vlan_add',
      name: 'create_child (sysfs): ipoib_vlan_add()',
      cpu: 1,
      steps: [
        { op: 'rtnl_trylock', target: 'rtnl', into: 'vlan_rtnl', code: at('ipoib_vlan_add()', VLAN_C) },
        {
          op: 'if',
          cond: { var: 'vlan_rtnl', is: '==', value: 0 },
          code: at('ipoib_vlan_add()', VLAN_C),
          steps: [{ op: 'return', code: at('ipoib_vlan_add()', VLAN_C), note: 'restart_syscall()' }],
        },
        { op: 'down_write', target: 'vlan', code: at('ipoib_vlan_add()', VLAN_C) },
        { op: 'do', target: 'add the child to child_intfs', code: at('ipoib_vlan_add()', VLAN_C) },
        { op: 'up_write', target: 'vlan', code: at('ipoib_vlan_add()', VLAN_C) },
        { op: 'rtnl_unlock', target: 'rtnl', code: at('ipoib_vlan_add()', VLAN_C) },
      ],
    },
  ],
};

export default scenario;
