// An edited model for the browser tests (our own, not a kernel thread): an RCU reader spins on a lock
// whose holder waits in synchronize_rcu() for that very reader, a deadlock lockdep cannot see.
// Self-contained (type-only import), as the editor needs.

import type { CodeRef, Scenario } from '../../../src/lib/locks/model.ts';

const at = (fn: string): CodeRef => ({ fn, file: 'tests/e2e/models/rcu-grace-period.ts' });

const scenario: Scenario = {
  id: 'rcu-grace-period',
  thread: 'lockstep-tests',
  answers: 'tests@lockstep.invalid',
  title: 'synchronize_rcu() under a lock an RCU reader takes',
  summary: 'Task A looks up under RCU and takes tbl_lock; task B holds tbl_lock across synchronize_rcu().',
  expect: 'deadlock',
  cpus: 2,
  locks: [{ id: 'tbl', name: 'tbl_lock', kind: 'spinlock' }],
  tasks: [
    {
      id: 'lookup',
      name: 'table lookup',
      cpu: 0,
      steps: [
        { op: 'rcu_read_lock', code: at('lookup_entry()') },
        { op: 'spin_lock', target: 'tbl', code: at('lookup_entry()') },
        { op: 'spin_unlock', target: 'tbl', code: at('lookup_entry()') },
        { op: 'rcu_read_unlock', code: at('lookup_entry()') },
      ],
    },
    {
      id: 'remove',
      name: 'table remove',
      cpu: 1,
      steps: [
        { op: 'spin_lock', target: 'tbl', code: at('remove_entry()') },
        { op: 'synchronize_rcu', code: at('remove_entry()') },
        { op: 'spin_unlock', target: 'tbl', code: at('remove_entry()') },
      ],
    },
  ],
};

export default scenario;
