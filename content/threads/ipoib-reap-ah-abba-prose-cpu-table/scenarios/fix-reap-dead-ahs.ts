// Jason's patch (applied to for-next): __ipoib_ib_dev_flush() no longer flushes priv->wq; it calls
// ipoib_reap_dead_ahs(), which frees dead AHs under the tx lock and priv->lock. The AH reaper work may
// run on priv->wq at the same time: it takes the same two locks (modelled as one run; it requeues itself
// every second until IPOIB_STOP_REAPER is set). The same three CPUs as the report.
// Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const IB_C = 'drivers/infiniband/ulp/ipoib/ipoib_ib.c';
const MCAST_C = 'drivers/infiniband/ulp/ipoib/ipoib_multicast.c';
const VLAN_C = 'drivers/infiniband/ulp/ipoib/ipoib_vlan.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The applied fix: reap dead AHs directly under the locks, no flush_workqueue() under vlan_rwsem. */
const scenario: Scenario = {
  id: 'ipoib-reap-ah-fix-reap-dead-ahs',
  thread: 'ipoib-reap-ah-abba-prose-cpu-table',
  answers: '20200625174219.290842-1-kamalheib1@gmail.com',
  title: 'Fix: ipoib_reap_dead_ahs() instead of ipoib_flush_ah() in the device flush',
  summary:
    'The device flush keeps vlan_rwsem for read but, instead of flushing the interface workqueue, reaps the ' +
    'dead address handles itself in ipoib_reap_dead_ahs() (netif_tx_lock_bh() and priv->lock). It waits for ' +
    'no work, so CPU0 finishes and releases vlan_rwsem, the VLAN add gets it and drops the RTNL, and the ' +
    'carrier-on work retrying rtnl_trylock() gets through. The AH reaper work, left running, takes the same ' +
    'two locks in the same order and only delays the others.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  cpus: 3,
  locks: [
    { id: 'vlan', name: '&priv->vlan_rwsem', kind: 'rwsem', instance: 'ppriv->vlan_rwsem' },
    { id: 'rtnl', name: 'rtnl_mutex', kind: 'mutex' },
    { id: 'tx', name: '&dev->tx_global_lock', kind: 'spinlock', instance: 'dev->tx_global_lock' },
    { id: 'plock', name: '&priv->lock', kind: 'spinlock', instance: 'priv->lock' },
  ],
  vars: [{ id: 'oper_up', name: 'IPOIB_FLAG_OPER_UP', init: 1 }],
  workqueues: [
    { id: 'flushq', name: 'ipoib_flush', cpu: 0, ordered: true },
    { id: 'privwq', name: 'ipoib_wq', cpu: 2, ordered: true, memReclaim: true },
  ],
  works: [
    {
      id: 'ah_reap_task',
      name: '&priv->ah_reap_task',
      wq: 'privwq',
      pending: true,
      code: at('ipoib_reap_ah()', IB_C),
      fn: [
        {
          op: 'spin_lock_bh',
          target: 'tx',
          code: at('ipoib_reap_dead_ahs()', IB_C),
          note: 'netif_tx_lock_bh()',
        },
        { op: 'spin_lock_irqsave', target: 'plock', code: at('ipoib_reap_dead_ahs()', IB_C) },
        {
          op: 'do',
          target: 'free AHs whose last use has completed',
          code: at('ipoib_reap_dead_ahs()', IB_C),
        },
        { op: 'spin_unlock_irqrestore', target: 'plock', code: at('ipoib_reap_dead_ahs()', IB_C) },
        {
          op: 'spin_unlock_bh',
          target: 'tx',
          code: at('ipoib_reap_dead_ahs()', IB_C),
          note: 'netif_tx_unlock_bh()',
        },
      ],
    },
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
          op: 'spin_lock_bh',
          target: 'tx',
          code: at('ipoib_reap_dead_ahs()', IB_C),
          note: 'netif_tx_lock_bh()',
        },
        { op: 'spin_lock_irqsave', target: 'plock', code: at('ipoib_reap_dead_ahs()', IB_C) },
        {
          op: 'do',
          target: 'free AHs whose last use has completed',
          code: at('ipoib_reap_dead_ahs()', IB_C),
        },
        { op: 'spin_unlock_irqrestore', target: 'plock', code: at('ipoib_reap_dead_ahs()', IB_C) },
        {
          op: 'spin_unlock_bh',
          target: 'tx',
          code: at('ipoib_reap_dead_ahs()', IB_C),
          note: 'netif_tx_unlock_bh()',
        },
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
