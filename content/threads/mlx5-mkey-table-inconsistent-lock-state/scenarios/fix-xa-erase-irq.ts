// Jason's patch: mlx5_ib_dealloc_mw() erases with xa_erase_irq(), so the lock is never held with hard
// irqs enabled. Self-contained on purpose (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const MR_C = 'drivers/infiniband/hw/mlx5/mr.c';
const CMD_C = 'drivers/net/ethernet/mellanox/mlx5/core/cmd.c';
// xa_erase_irq() is a static inline in the header (lib/xarray.c holds xa_erase()).
const XARRAY_H = 'include/linux/xarray.h';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The applied fix: xa_erase_irq() disables hard irqs while the mkey_table lock is held. */
const scenario: Scenario = {
  id: 'mkey-table-fix-xa-erase-irq',
  thread: 'mlx5-mkey-table-inconsistent-lock-state',
  answers: '20191024234910.GA9038@ziepe.ca',
  title: 'Fix: xa_erase_irq() in mlx5_ib_dealloc_mw()',
  summary:
    'The patch replaces xa_erase() with xa_erase_irq() in mlx5_ib_dealloc_mw(). The mkey_table lock is now ' +
    'taken with spin_lock_irq(), so the command-completion interrupt cannot arrive on this CPU while the lock ' +
    'is held; on another CPU it merely waits until the erase is done.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  cpus: 2,
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
          op: 'spin_lock_irq',
          target: 'xa',
          code: at('xa_erase_irq()', XARRAY_H),
          note: 'from mlx5_ib_dealloc_mw()',
        },
        { op: 'do', target: 'erase the MW from mkey_table', code: at('mlx5_ib_dealloc_mw()', MR_C) },
        { op: 'spin_unlock_irq', target: 'xa', code: at('xa_erase_irq()', XARRAY_H) },
      ],
    },
  ],
};

export default scenario;
