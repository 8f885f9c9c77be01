// Kernel versions: from what a report prints (`uname -r`) to the version a thread links at, and which
// public trees hold that version.

/** Where a version's sources are published. */
export type VersionFamily = 'mainline' | 'stable' | 'next';

/**
 * The version to link for a kernel release string as reports print it, or null when there is none.
 * Local suffixes are dropped (`+`, `_for_upstream_…`, `rxe`, `-syzkaller`); `X.Y.0` is mainline `X.Y`
 * (its tag is vX.Y); `X.Y.0-rcN` is `X.Y-rcN`; `X.Y.Z` is the stable release; a linux-next build is its
 * `next-YYYYMMDD` tag (never the mainline rc it started from: the trees differ).
 *
 *   6.2.0-rc6_for_upstream_debug_2023_01_31 → 6.2-rc6     5.16.0-rc3+ → 5.16-rc3     6.3.0 → 6.3
 *   5.10.0-rc4-next-20201118-syzkaller → next-20201118   2.6.30.4 → 2.6.30.4     6.1.192 → 6.1.192
 */
export function linkedVersion(printed: string): string | null {
  const text = printed.trim().replace(/^v/, '');
  const next = /-next-(\d{8})\b/.exec(text) ?? /^next-(\d{8})\b/.exec(text);
  if (next) return `next-${next[1]}`;
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(-rc\d+)?/.exec(text);
  if (!m) return null;
  const [, major = '', minor = '', third, fourth, rc = ''] = m;
  if (major === '2') {
    // 2.6.x: three numbers name a release, a fourth a stable update.
    if (third === undefined) return null;
    return `${major}.${minor}.${third}${fourth && !rc ? `.${fourth}` : ''}${rc}`;
  }
  if (rc || third === undefined || third === '0') return `${major}.${minor}${rc}`;
  return `${major}.${minor}.${third}`;
}

/** Which public tree has the version's tag. */
export function versionFamily(version: string): VersionFamily {
  if (/^next-\d{8}$/.test(version)) return 'next';
  const parts = version
    .replace(/^v/, '')
    .replace(/-rc\d+$/, '')
    .split('.');
  // 2.6.30 is a mainline release, 2.6.30.4 a stable one; from 3.0 on, X.Y is mainline and X.Y.Z stable.
  const mainlineParts = parts[0] === '2' ? 3 : 2;
  return parts.length > mainlineParts ? 'stable' : 'mainline';
}

/** The git tag of a version (`2.6.30` → `v2.6.30`, `next-20201118` stays as it is). */
export function versionTag(version: string): string {
  if (version.startsWith('v') || versionFamily(version) === 'next') return version;
  return `v${version}`;
}

/** Whether Elixir (bootlin) indexes the version: mainline and stable tags yes, linux-next no. */
export function hasElixir(version: string): boolean {
  return versionFamily(version) !== 'next';
}

/** The git.kernel.org repository that carries the version's tag. */
export function gitKernelRepo(version: string): string {
  switch (versionFamily(version)) {
    case 'next':
      return 'next/linux-next.git';
    case 'stable':
      return 'stable/linux.git';
    default:
      return 'torvalds/linux.git';
  }
}

/** The kernel release of a report as a tag for source links: `5.16.0-rc3+` → `v5.16-rc3`, `2.6.30.4` → `v2.6.30`. */
export function releaseTag(release: string): string | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.\d+)?(-rc\d+)?/.exec(release.trim());
  if (!m) return null;
  const [, major, minor, patch, rc] = m;
  // 2.6.x kernels were tagged with three numbers; 3.0 onward with two (stable patches are not tags).
  const base = major === '2' ? `${major}.${minor}.${patch ?? '0'}` : `${major}.${minor}`;
  return `v${base}${rc ?? ''}`;
}
