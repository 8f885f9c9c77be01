// Reading kernel files over HTTP from a plain-file mirror, keeping every answer in an on-disk cache.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { versionTag } from '../lib/kernel/urls.ts';
import { isSafeTreePath, type KernelSourceProvider } from './types.ts';

/** Where and how to fetch. */
export interface RemoteMirrorOptions {
  /**
   * URL template with `{tag}` and `{path}`, e.g. `https://raw.githubusercontent.com/torvalds/linux/{tag}/{path}`;
   * without placeholders the URL is `<base>/<tag>/<path>`.
   */
  baseUrl: string;
  /** Cache folder; files land at `<cacheDir>/<tag>/<path>`, absences as `<path>.missing`. */
  cacheDir: string;
  /** fetch to use (tests may pass their own); defaults to the global one. */
  fetch?: typeof fetch;
  /** Give up on a request after this many milliseconds (default 15 s). */
  timeoutMs?: number;
}

/** Builds the mirror URL of a file at a tag. */
export function mirrorUrl(baseUrl: string, tag: string, file: string): string {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  if (baseUrl.includes('{path}'))
    return baseUrl.replace('{tag}', encodeURIComponent(tag)).replace('{path}', encoded);
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(tag)}/${encoded}`;
}

/** A provider that fetches from a mirror once and afterwards answers from the cache, also offline. */
export function createRemoteMirrorProvider(options: RemoteMirrorOptions): KernelSourceProvider {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'remote-mirror',
    async readFile(version, file) {
      if (!isSafeTreePath(file)) return null;
      const tag = versionTag(version);
      const cached = join(options.cacheDir, tag, file);
      const hit = await readFile(cached, 'utf8').catch(() => null);
      if (hit !== null) return hit;
      if (
        await readFile(`${cached}.missing`).then(
          () => true,
          () => false,
        )
      )
        return null;
      let response: Response;
      try {
        response = await doFetch(mirrorUrl(options.baseUrl, tag, file), {
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch {
        return null; // offline or unreachable: not cached, so a later online build tries again
      }
      if (response.status === 404) {
        await writeAtomically(`${cached}.missing`, '');
        return null;
      }
      if (!response.ok) return null;
      const text = await response.text();
      await writeAtomically(cached, text);
      return text;
    },
  };
}

// Write beside, then rename: a reader never sees half a file, even with parallel builds.
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
