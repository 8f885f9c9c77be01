// Shared by the integration that names the build's highlight worker (src/integrations/lockstep.ts) and
// the pool that starts it (src/components/c-highlight-pool.ts).

/** Environment variable naming the highlight worker's file (set by the build; unset, no worker). */
export const HIGHLIGHT_WORKER_ENV = 'LOCKSTEP_HIGHLIGHT_WORKER';
