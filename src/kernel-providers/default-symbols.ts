// The kernel-symbol service as builds use it, configured from the environment.
import { join } from 'node:path';
import { createKernelSymbols, type KernelSymbols } from './kernel-symbols.ts';
import { createLocalGitProvider } from './local-git.ts';
import { createRemoteMirrorProvider } from './remote-mirror.ts';
import type { KernelSourceProvider } from './types.ts';

/**
 * Providers from the environment, in the order they are tried:
 * `KERNEL_TREE` (a local kernel git tree), then `KERNEL_MIRROR` (URL template of a plain-file mirror,
 * cached under `KERNEL_CACHE` or node_modules/.cache/lockstep-kernel). With neither, views are link cards.
 */
export function providersFromEnv(
  env: Record<string, string | undefined> = process.env,
): KernelSourceProvider[] {
  const providers: KernelSourceProvider[] = [];
  if (env.KERNEL_TREE) providers.push(createLocalGitProvider(env.KERNEL_TREE));
  if (env.KERNEL_MIRROR) {
    providers.push(
      createRemoteMirrorProvider({
        baseUrl: env.KERNEL_MIRROR,
        cacheDir: env.KERNEL_CACHE ?? join('node_modules', '.cache', 'lockstep-kernel'),
      }),
    );
  }
  return providers;
}

let shared: KernelSymbols | undefined;

/** The process-wide service used by components and pages (created on first use, not at import). */
export function kernelSymbols(): KernelSymbols {
  shared ??= createKernelSymbols({ providers: providersFromEnv() });
  return shared;
}
