// The applied fix: read_mod_write() takes dd->irq_src_lock with spin_lock_irqsave().
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CHIP_C = 'drivers/infiniband/hw/hfi1/chip.c';
const DRIVER_C = 'drivers/infiniband/hw/hfi1/driver.c';
const FILE_OPS_C = 'drivers/infiniband/hw/hfi1/file_ops.c';
const INIT_C = 'drivers/infiniband/hw/hfi1/init.c';
const NETDEV_RX_C = 'drivers/infiniband/hw/hfi1/netdev_rx.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** The applied fix: no interrupt on the CPU that holds irq_src_lock. */
const scenario: Scenario = {
  id: 'hfi1-irq-src-fix-irqsave',
  thread: 'hfi1-irq-src-lock-prose-cpu-table',
  answers: '20230926101116.2797-1-dg573847474@gmail.com',
  title: 'Fix: spin_lock_irqsave() on irq_src_lock in read_mod_write() (applied)',
  summary:
    'The patch makes read_mod_write() disable interrupts while it holds dd->irq_src_lock. The receive ' +
    'interrupt can no longer arrive on the CPU that holds irq_src_lock, so the CPU holding uctxt_lock ' +
    'only waits until the register update is done, and the handler on any other CPU waits for uctxt_lock.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  cpus: 2,
  locks: [
    { id: 'irq_src', name: '&dd->irq_src_lock', kind: 'spinlock' },
    { id: 'uctxt', name: '&dd->uctxt_lock', kind: 'spinlock' },
  ],
  irqs: [
    {
      id: 'rcv',
      name: 'hfi1 receive interrupt (NAPI slow path)',
      cpus: [0],
      code: at('handle_receive_interrupt_napi_sp()', DRIVER_C),
      handler: [
        { op: 'do', target: 'switch contexts to the fast path', code: at('set_all_fastpath()', DRIVER_C) },
        { op: 'spin_lock_irqsave', target: 'uctxt', code: at('hfi1_rcd_get_by_index()', INIT_C) },
        { op: 'do', target: 'look up a receive context', code: at('hfi1_rcd_get_by_index()', INIT_C) },
        { op: 'spin_unlock_irqrestore', target: 'uctxt', code: at('hfi1_rcd_get_by_index()', INIT_C) },
      ],
    },
  ],
  tasks: [
    {
      id: 'open',
      name: 'ip link set up (hfi1_ipoib_dev_open)',
      cpu: 0,
      steps: [
        {
          op: 'do',
          target: 'enable the netdev receive queues',
          code: at('hfi1_netdev_enable_queues()', NETDEV_RX_C),
        },
        {
          op: 'spin_lock_irqsave',
          target: 'irq_src',
          code: at('read_mod_write()', CHIP_C),
          note: 'via enable_queues(), hfi1_rcvctrl(), set_intr_bits()',
        },
        { op: 'do', target: 'read-modify-write CCE_INT_MASK', code: at('read_mod_write()', CHIP_C) },
        { op: 'spin_unlock_irqrestore', target: 'irq_src', code: at('read_mod_write()', CHIP_C) },
      ],
    },
    {
      id: 'poll',
      name: 'poll() on the hfi1 device file',
      cpu: 1,
      steps: [
        {
          op: 'spin_lock_irq',
          target: 'uctxt',
          code: at('poll_next()', FILE_OPS_C),
          note: 'from hfi1_poll()',
        },
        {
          op: 'spin_lock_irqsave',
          target: 'irq_src',
          code: at('read_mod_write()', CHIP_C),
          note: 'via hfi1_rcvctrl(), set_intr_bits()',
        },
        { op: 'do', target: 'read-modify-write CCE_INT_MASK', code: at('read_mod_write()', CHIP_C) },
        { op: 'spin_unlock_irqrestore', target: 'irq_src', code: at('read_mod_write()', CHIP_C) },
        { op: 'spin_unlock_irq', target: 'uctxt', code: at('poll_next()', FILE_OPS_C) },
      ],
    },
  ],
};

export default scenario;
