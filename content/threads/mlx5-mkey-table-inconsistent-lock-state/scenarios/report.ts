// The report on 5.4-rc1: mlx5_ib_dealloc_mw() erases from mkey_table with a plain spin_lock while the
// command-completion interrupt's reg_mr_callback() takes the same xarray lock in hard irq context.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const MR_C = 'drivers/infiniband/hw/mlx5/mr.c';
const CMD_C = 'drivers/net/ethernet/mellanox/mlx5/core/cmd.c';
const XARRAY_C = 'lib/xarray.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** One CPU: xa_erase() holds the mkey_table lock with irqs on; the completion irq wants it. */
const scenario: Scenario = {
  id: 'mkey-table-report',
  thread: 'mlx5-mkey-table-inconsistent-lock-state',
  answers: '20191024234910.GA9038@ziepe.ca',
  title: '5.4-rc1: xa_erase() on mkey_table with hard irqs enabled',
  summary:
    'A process destroying a memory window calls mlx5_ib_dealloc_mw(), whose xa_erase() takes the mkey_table ' +
    'xarray lock with a plain spin_lock, hard interrupts still enabled. The mlx5 command-completion interrupt ' +
    'runs reg_mr_callback(), which takes the same lock. When that interrupt lands on the CPU holding the lock, ' +
    'the handler spins on a lock its own CPU can never release.',
  expect: 'deadlock',
  role: 'report',
  cpus: 1,
  locks: [{ id: 'xa', name: '&(&xa->xa_lock)->rlock#3', kind: 'spinlock' }],
  irqs: [
    {
      id: 'cmd_comp',
      name: 'mlx5 command completion',
      code: at('mlx5_cmd_comp_handler()', CMD_C),
      handler: [
        { op: 'spin_lock_irqsave', target: 'xa', code: at('reg_mr_callback()', MR_C) },
        { op: 'do', target: 'store the new mkey in mkey_table', code: at('reg_mr_callback()', MR_C) },
        { op: 'spin_unlock_irqrestore', target: 'xa', code: at('reg_mr_callback()', MR_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'dealloc_mw',
      name: 'python3 (ib_uverbs destroy MW)',
      cpu: 0,
      steps: [
        {
          op: 'spin_lock',
          target: 'xa',
          code: at('xa_erase()', XARRAY_C),
          note: 'from mlx5_ib_dealloc_mw()',
        },
        { op: 'do', target: 'erase the MW from mkey_table', code: at('mlx5_ib_dealloc_mw()', MR_C) },
        { op: 'spin_unlock', target: 'xa', code: at('xa_erase()', XARRAY_C) },
      ],
    },
  ],
};

export default scenario;
