// The report on 6.18-rc4: lockdep links rdma_cm's global mutex (lock#9) and sk_lock-AF_INET in both
// orders, but through two different sockets: a user socket whose connect() reaches cma_get_port(), and
// the private TCP socket siw_create_listen() has just created. Same class, different instances: the
// explorer proves the cycle cannot close. Self-contained (type-only import).

import type { CodeRef, Scenario } from '../../../../src/lib/locks/model.ts';

const CMA_C = 'drivers/infiniband/core/cma.c';
const SOCK_C = 'net/core/sock.c';
const SOCKET_C = 'net/socket.c';
const at = (fn: string, file: string): CodeRef => ({ fn, file });

/** Two sockets of one class: lockdep sees a cycle, no interleaving deadlocks. */
const scenario: Scenario = {
  id: 'siw-sockets-report',
  thread: 'siw-reclassify-sockets-lockdep-circular',
  answers: '20251126104254.1779732-1-metze@samba.org',
  title: '6.18-rc4: lock#9 and sk_lock-AF_INET, one class for two sockets',
  summary:
    'CPU0: a connect() on a socket of the in-development smbdirect code holds that socket lock ' +
    "(sk_lock-AF_INET) and reaches cma_get_port(), which takes rdma_cm's global mutex (lock#9). CPU1: ksmbd's " +
    'control work calls rdma_listen(), which holds lock#9 while siw_create_listen() sets SO_REUSEADDR on a ' +
    "TCP socket it created a moment ago, taking that socket's lock (also sk_lock-AF_INET). Lockdep merges " +
    "the two sockets into one class and reports a cycle; no one else can reach siw's new socket, so no " +
    'interleaving deadlocks.',
  expect: 'no-deadlock',
  role: 'report',
  cpus: 2,
  locks: [
    { id: 'user_sk', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'user_sk->sk_lock' },
    { id: 'siw_sk', name: 'sk_lock-AF_INET', kind: 'mutex', instance: 'siw_listen_sk->sk_lock' },
    { id: 'cm', name: 'lock#9', kind: 'mutex', instance: 'lock' },
  ],
  tasks: [
    {
      id: 'connect',
      name: 'connect() on an smbdirect socket',
      cpu: 0,
      steps: [
        {
          op: 'mutex_lock',
          target: 'user_sk',
          code: at('__sys_connect_file()', SOCKET_C),
          note: 'lock_sock() in the protocol connect',
        },
        { op: 'do', target: 'resolve the peer address', code: at('rdma_resolve_addr()', CMA_C) },
        { op: 'mutex_lock', target: 'cm', code: at('cma_get_port()', CMA_C), note: 'via cma_bind_addr()' },
        { op: 'do', target: 'pick a port', code: at('cma_get_port()', CMA_C) },
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
          target: 'sock_create(): a new kernel TCP socket',
          code: at('siw_create_listen()', 'drivers/infiniband/sw/siw/siw_cm.c'),
          note: 'via cma_iw_listen() and iw_cm_listen()',
        },
        {
          op: 'mutex_lock',
          target: 'siw_sk',
          code: at('sock_set_reuseaddr()', SOCK_C),
          note: 'lock_sock() on the socket just created',
        },
        { op: 'mutex_unlock', target: 'siw_sk', code: at('sock_set_reuseaddr()', SOCK_C) },
        { op: 'mutex_unlock', target: 'cm', code: at('rdma_listen()', CMA_C) },
      ],
    },
  ],
};

export default scenario;
