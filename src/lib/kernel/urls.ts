// Links to kernel source viewers and to our own symbol pages.
import { gitKernelRepo, hasElixir, versionTag } from './versions.ts';

export { versionTag } from './versions.ts';

/**
 * A viewer URL of a file at a version, optionally at a line: Elixir (bootlin) where it indexes the
 * version, else git.kernel.org (linux-next builds).
 */
export function elixirUrl(version: string, file: string, line?: number | null): string {
  if (!hasElixir(version)) return gitKernelUrl(version, file, line);
  const anchor = line ? `#L${line}` : '';
  return `https://elixir.bootlin.com/linux/${versionTag(version)}/source/${file}${anchor}`;
}

/**
 * Elixir's identifier search for a name (`A` = all families; `K` = Kconfig, given without `CONFIG_`), or
 * null for a version Elixir does not index (no search at another version: its answers would be wrong).
 */
export function elixirIdentUrl(version: string, name: string): string | null {
  if (!hasElixir(version)) return null;
  const config = name.startsWith('CONFIG_');
  const family = config ? 'K' : 'A';
  const ident = config ? name.slice('CONFIG_'.length) : name;
  return `https://elixir.bootlin.com/linux/${versionTag(version)}/${family}/ident/${encodeURIComponent(ident)}`;
}

/** git.kernel.org (cgit) URL of a file at a tag, in the repository that has the tag, optionally at a line. */
export function gitKernelUrl(version: string, file: string, line?: number | null): string {
  const anchor = line ? `#n${line}` : '';
  return `https://git.kernel.org/pub/scm/linux/kernel/git/${gitKernelRepo(version)}/tree/${file}?h=${versionTag(version)}${anchor}`;
}

/** Path of our symbol page (`/symbols/2.6.30/del_timer_sync/`). */
export function symbolPagePath(version: string, key: string): string {
  return `/symbols/${encodeURIComponent(version)}/${encodeURIComponent(key)}/`;
}
