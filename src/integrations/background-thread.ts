// Worker threads whose work is not on the build's path (done long before the last page) take only
// what the page rendering leaves of the CPU. On Linux a thread's nice value is its own, so a worker can
// lower itself without lowering the build; elsewhere `setPriority` would lower the whole process, so
// nothing is done there.

import { setPriority } from 'node:os';

/** The nice value of a background worker (the build's is 0; 19 is the lowest priority). */
const BACKGROUND_NICE = 10;

/** Lowers the calling worker thread's CPU priority, on Linux only. */
export function runInBackground(): void {
  if (process.platform === 'linux') setPriority(BACKGROUND_NICE);
}
