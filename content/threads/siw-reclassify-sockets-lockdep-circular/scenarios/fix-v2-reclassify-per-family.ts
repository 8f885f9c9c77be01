// v2 (applied): as v1, under CONFIG_DEBUG_LOCK_ALLOC, with one key per address family:
// sk_lock-AF_INET-RDMA-SIW and sk_lock-AF_INET6-RDMA-SIW. Here the IPv4 listen of the report runs
// beside an IPv6 siw_connect(), so both siw classes are in play with the user's socket and lock#9.
// Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const SIW_CM_C = 'drivers/infiniband/sw/siw/siw_cm.c';
const SOCK_C = 'net/core/sock.c';
const SOCKET_C = 'net/socket.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** v2: siw's IPv4 and IPv6 sockets each in a class of their own. */
const scenario: Scenario = {
  id: 'siw-sockets-fix-v2',
  thread: 'siw-reclassify-sockets-lockdep-circular',
  answers: '20251126150842.1837072-1-metze@samba.org',
  title: 'v2: a siw class per address family (sk_lock-AF_INET-RDMA-SIW, sk_lock-AF_INET6-RDMA-SIW)',
  summary:
    'siw_reclassify_socket() now switches on the socket family and uses one of two keys, and compiles to ' +
    'nothing without CONFIG_DEBUG_LOCK_ALLOC. The listen of the report takes lock#9 then the IPv4 siw ' +
    'socket (its own class); an IPv6 siw_connect() on a third CPU takes only its own socket. Lockdep sees ' +
    'no cycle and the explorer finds no deadlock.',
  expect: 'no-deadlock',
  role: 'fix',
  fate: 'applied',
  cpus: 3,
  locks: [
    { id: 'user_sk', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'user_sk->sk_lock' },
    {
      id: 'siw_sk4',
      name: 'sk_lock-AF_INET',
      kind: 'mutex',
      instance: 'siw_listen_sk->sk_lock',
      key: 'sk_lock-AF_INET-RDMA-SIW',
    },
    {
      id: 'siw_sk6',
      name: 'sk_lock-AF_INET6',
      kind: 'mutex',
      instance: 'siw_connect_sk6->sk_lock',
      key: 'sk_lock-AF_INET6-RDMA-SIW',
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
          target: 'sock_create(AF_INET), then siw_reclassify_socket()',
          code: at('siw_create_listen()', SIW_CM_C),
        },
        { op: 'mutex_lock', target: 'siw_sk4', code: at('sock_set_reuseaddr()', SOCK_C) },
        { op: 'mutex_unlock', target: 'siw_sk4', code: at('sock_set_reuseaddr()', SOCK_C) },
        { op: 'mutex_unlock', target: 'cm', code: at('rdma_listen()', CMA_C) },
      ],
    },
    {
      id: 'siw_connect6',
      name: 'iw_cm connect over IPv6',
      cpu: 2,
      steps: [
        {
          op: 'do',
          target: 'sock_create(AF_INET6), then siw_reclassify_socket()',
          code: at('siw_connect()', SIW_CM_C),
        },
        { op: 'mutex_lock', target: 'siw_sk6', code: at('sock_set_reuseaddr()', SOCK_C) },
        { op: 'mutex_unlock', target: 'siw_sk6', code: at('sock_set_reuseaddr()', SOCK_C) },
      ],
    },
  ],
};

export default scenario;
