// The report on 6.6-rc3 (a static-analysis finding drawn as a CPU table): read_mod_write() takes
// dd->irq_src_lock with interrupts on; CPU1 holds dd->uctxt_lock and wants irq_src_lock; the receive
// interrupt on CPU0 wants uctxt_lock.
// Self-contained on purpose (type-only import): a Web Worker can strip the types and run it as is.

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CHIP_C = 'drivers/infiniband/hw/hfi1/chip.c';
const DRIVER_C = 'drivers/infiniband/hw/hfi1/driver.c';
const FILE_OPS_C = 'drivers/infiniband/hw/hfi1/file_ops.c';
const INIT_C = 'drivers/infiniband/hw/hfi1/init.c';
const NETDEV_RX_C = 'drivers/infiniband/hw/hfi1/netdev_rx.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Two CPUs and the receive interrupt on CPU0, as the table in the patch draws them. */
const scenario: Scenario = {
  id: 'hfi1-irq-src-report',
  thread: 'hfi1-irq-src-lock-prose-cpu-table',
  answers: '20230926101116.2797-1-dg573847474@gmail.com',
  title: '6.6-rc3: irq_src_lock hardirq-unsafe, taken under the hardirq-safe uctxt_lock',
  summary:
    'CPU0 opens the IPoIB device: enabling its receive queues reaches read_mod_write(), which holds ' +
    "dd->irq_src_lock with interrupts on. CPU1 is in the device file's poll method: it holds dd->uctxt_lock " +
    'with interrupts off and calls into read_mod_write(), so it spins on irq_src_lock. The receive ' +
    'interrupt then arrives on CPU0; its handler spins on uctxt_lock. Neither CPU can make progress.',
  expect: 'deadlock',
  role: 'report',
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
          op: 'spin_lock',
          target: 'irq_src',
          code: at('read_mod_write()', CHIP_C),
          note: 'via enable_queues(), hfi1_rcvctrl(), set_intr_bits()',
        },
        { op: 'do', target: 'read-modify-write CCE_INT_MASK', code: at('read_mod_write()', CHIP_C) },
        { op: 'spin_unlock', target: 'irq_src', code: at('read_mod_write()', CHIP_C) },
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
          op: 'spin_lock',
          target: 'irq_src',
          code: at('read_mod_write()', CHIP_C),
          note: 'via hfi1_rcvctrl(), set_intr_bits()',
        },
        { op: 'do', target: 'read-modify-write CCE_INT_MASK', code: at('read_mod_write()', CHIP_C) },
        { op: 'spin_unlock', target: 'irq_src', code: at('read_mod_write()', CHIP_C) },
        { op: 'spin_unlock_irq', target: 'uctxt', code: at('poll_next()', FILE_OPS_C) },
      ],
    },
  ],
};

export default scenario;
