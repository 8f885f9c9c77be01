// v1: siw_reclassify_socket() gives every socket siw creates (siw_connect(), siw_create_listen()) the
// class "sk_lock-RDMA-SIW". The sockets and the order of operations are unchanged; only what lockdep
// calls the siw socket changes, so the class-level cycle of the report is gone. Superseded by v2.
// Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const SIW_CM_C = 'drivers/infiniband/sw/siw/siw_cm.c';
const SOCK_C = 'net/core/sock.c';
const SOCKET_C = 'net/socket.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v1: one lockdep class for all of siw's sockets, named sk_lock-RDMA-SIW. */
const scenario: Scenario = {
  id: 'siw-sockets-fix-v1',
  thread: 'siw-reclassify-sockets-lockdep-circular',
  answers: '20251126104254.1779732-1-metze@samba.org',
  title: "v1: siw's sockets in one class of their own (sk_lock-RDMA-SIW)",
  summary:
    'Right after sock_create(), siw_create_listen() and siw_connect() call siw_reclassify_socket(), which ' +
    'uses sock_lock_init_class_and_name() to move the socket lock into a siw-only class. Lockdep now records ' +
    'lock#9 -> sk_lock-RDMA-SIW and sk_lock-AF_INET -> lock#9: no cycle. Nothing the CPUs do changes, so ' +
    'there is still no deadlock. Superseded by v2 after review (build gating, a comment, one class per family).',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'superseded',
  cpus: 2,
  locks: [
    { id: 'user_sk', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'user_sk->sk_lock' },
    {
      id: 'siw_sk',
      name: 'sk_lock-AF_INET',
      kind: 'mutex',
      instance: 'siw_listen_sk->sk_lock',
      key: 'sk_lock-RDMA-SIW',
    },
    { id: 'cm', name: 'lock#9', kind: 'mutex', instance: 'lock' },
  ],
  tasks: [
    {
      id: 'connect',
      name: 'connect() on an smbdirect socket',
      cpu: 0,
      steps: [
        { op: 'mutex_lock', target: 'user_sk', code: at('__sys_connect_file()', SOCKET_C) },
        {
          op: 'mutex_lock',
          target: 'cm',
          code: at('cma_get_port()', CMA_C),
          note: 'via rdma_resolve_addr()',
        },
        { op: 'mutex_unlock', target: 'cm', code: at('cma_get_port()', CMA_C) },
        { op: 'mutex_unlock', target: 'user_sk', code: at('__sys_connect_file()', SOCKET_C) },
      ],
    },
    {
      id: 'ksmbd_ctrl',
      name: 'kworker (ksmbd server_ctrl_handle_work)',
      cpu: 1,
      steps: [
        { op: 'mutex_lock', target: 'cm', code: at('rdma_listen()', CMA_C) },
        {
          op: 'do',
          target: 'sock_create(), then siw_reclassify_socket()',
          code: at('siw_create_listen()', SIW_CM_C),
          note: 'the socket gets the sk_lock-RDMA-SIW key',
        },
        { op: 'mutex_lock', target: 'siw_sk', code: at('sock_set_reuseaddr()', SOCK_C) },
        { op: 'mutex_unlock', target: 'siw_sk', code: at('sock_set_reuseaddr()', SOCK_C) },
        { op: 'mutex_unlock', target: 'cm', code: at('rdma_listen()', CMA_C) },
      ],
    },
  ],
};

export default scenario;
