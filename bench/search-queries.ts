// The queries the search bench measures (bench/search.ts); the sharded-build test checks a merged
// site answers them as a whole build does (tests/e2e/shards.test.ts).

/** Identifiers, lock names, lockdep's titles, and two phrases from the prose of the threads. */
export const BENCH_QUERIES = [
  'del_timer_sync',
  'cm_id_priv->lock',
  'ib_post_send_mad',
  'circular locking dependency',
  'inconsistent lock state',
  'xa_lock_irq',
  'handler_mutex',
  'rdma_destroy_id',
  'Ousterhout',
  'spectacularly unlikely',
] as const;
