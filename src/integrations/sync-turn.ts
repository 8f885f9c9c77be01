// Builds in one checkout take turns through Astro's content sync. At its end the sync writes
// .astro/content-assets.mjs and .astro/content-modules.mjs through one fixed temporary name each
// (`<file>.tmp`, then a rename), in the project's .astro/ whatever the cache folder; two builds syncing
// at once can rename each other's temporary file away and one fails with ENOENT (withastro/astro#16782,
// #15671). Shard builds side by side and the tests' parallel builds hit it. The turn is a lock file
// holding its owner's process id: on one machine "is that process alive?" is the exact staleness test,
// where a lock refreshed from a timer (proper-lockfile) would be called stale while a build's busy
// thread starves the timer.

import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until no live process holds the lock file at `path`, takes it, and returns its release. */
export async function takeSyncTurn(path: string, pollMs = 100): Promise<() => void> {
  mkdirSync(dirname(path), { recursive: true });
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = lockOwner(path);
    // Held by this process already (asked twice): its first release frees it, waiting would never end.
    if (owner === process.pid) return () => {};
    // A holder that died (a build killed mid-sync) leaves its file behind: it no longer counts.
    if (owner !== null && !isAlive(owner)) removeIfOwnedBy(path, owner);
    else await sleep(pollMs);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    removeIfOwnedBy(path, process.pid);
  };
  // A build that fails during the sync exits without reaching the release.
  process.on('exit', release);
  return release;
}

/** The process id written in the lock file, or null when there is none (or it is being written). */
function lockOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfOwnedBy(path: string, pid: number): void {
  if (lockOwner(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone: another waiter cleared the same dead holder.
  }
}
