// Links to kernel source viewers and to our own symbol pages.

/** The git tag of a kernel version (`2.6.30` → `v2.6.30`); a leading `v` is kept as given. */
export function versionTag(version: string): string {
  return version.startsWith('v') ? version : `v${version}`;
}

/** Elixir (bootlin) URL of a file, optionally at a line. */
export function elixirUrl(version: string, file: string, line?: number | null): string {
  const anchor = line ? `#L${line}` : '';
  return `https://elixir.bootlin.com/linux/${versionTag(version)}/source/${file}${anchor}`;
}

/** Elixir's identifier search for a name (`A` = all families; `K` = Kconfig, given without `CONFIG_`). */
export function elixirIdentUrl(version: string, name: string): string {
  const config = name.startsWith('CONFIG_');
  const family = config ? 'K' : 'A';
  const ident = config ? name.slice('CONFIG_'.length) : name;
  return `https://elixir.bootlin.com/linux/${versionTag(version)}/${family}/ident/${encodeURIComponent(ident)}`;
}

/** git.kernel.org (torvalds/linux, cgit) URL of a file at a tag, optionally at a line. */
export function gitKernelUrl(version: string, file: string, line?: number | null): string {
  const anchor = line ? `#n${line}` : '';
  return `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/${file}?h=${versionTag(version)}${anchor}`;
}

/** Path of our symbol page (`/symbols/2.6.30/del_timer_sync/`). */
export function symbolPagePath(version: string, key: string): string {
  return `/symbols/${encodeURIComponent(version)}/${encodeURIComponent(key)}/`;
}
