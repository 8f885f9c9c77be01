import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { elixirIdentUrl, elixirUrl, gitKernelUrl } from '../../../src/lib/kernel/urls.ts';
import {
  hasElixir,
  linkedVersion,
  releaseTag,
  versionFamily,
  versionTag,
} from '../../../src/lib/kernel/versions.ts';

describe('kernel versions', () => {
  it('reads the version to link from release strings as the showcase reports print them', () => {
    const cases: Array<[string, string | null]> = [
      ['6.2.0-rc6_for_upstream_debug_2023_01_31_14_02', '6.2-rc6'],
      ['6.18.0-rc4-metze-kasan-lockdep.01+', '6.18-rc4'],
      ['5.16.0-rc3+', '5.16-rc3'],
      ['6.3.0', '6.3'],
      ['5.4.0-rc1', '5.4-rc1'],
      ['5.7.0_for_upstream_min_debug_2020_06_14_11_31_46_41', '5.7'],
      ['5.18.0-rc1', '5.18-rc1'],
      ['5.18.0-rc2rxe', '5.18-rc2'],
      ['5.10.0-rc4-next-20201118-syzkaller', 'next-20201118'],
      ['6.5.0+', '6.5'],
      ['2.6.30.4', '2.6.30.4'],
      ['2.6.30', '2.6.30'],
      ['6.1.192', '6.1.192'],
      ['v5.17-rc2', '5.17-rc2'],
      ['not a version', null],
    ];
    for (const [printed, linked] of cases) expect(linkedVersion(printed), printed).toBe(linked);
  });

  it('knows which tree holds a version and what its tag is', () => {
    expect(versionFamily('2.6.30')).toBe('mainline');
    expect(versionFamily('2.6.30.4')).toBe('stable');
    expect(versionFamily('6.2-rc6')).toBe('mainline');
    expect(versionFamily('6.1.192')).toBe('stable');
    expect(versionFamily('next-20201118')).toBe('next');
    expect(versionTag('6.2-rc6')).toBe('v6.2-rc6');
    expect(versionTag('next-20201118')).toBe('next-20201118');
    expect(hasElixir('next-20201118')).toBe(false);
  });

  it('links each family to a viewer that has the tag, and never searches another version', () => {
    expect(elixirUrl('6.2-rc6', 'drivers/infiniband/hw/mlx5/mr.c')).toBe(
      'https://elixir.bootlin.com/linux/v6.2-rc6/source/drivers/infiniband/hw/mlx5/mr.c',
    );
    expect(gitKernelUrl('6.1.192', 'kernel/workqueue.c', 7)).toBe(
      'https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git/tree/kernel/workqueue.c?h=v6.1.192#n7',
    );
    expect(elixirUrl('next-20201118', 'drivers/infiniband/core/cma.c')).toBe(
      'https://git.kernel.org/pub/scm/linux/kernel/git/next/linux-next.git/tree/drivers/infiniband/core/cma.c?h=next-20201118',
    );
    expect(elixirIdentUrl('next-20201118', 'rdma_destroy_id')).toBeNull();
  });
});

// The table in docs/kernel-linking.md is what the thread annotations follow: check it against the code
// and against every thread folder of those slugs that exists.
describe('the showcase version table', () => {
  const rows = readFileSync('docs/kernel-linking.md', 'utf8')
    .split('\n')
    .map((line) => /^\| `([a-z0-9-]+)`[^|]*\| (.*?)\s*\| `([^`]+)`\s*\|/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ slug: m[1] ?? '', printed: m[2] ?? '', linked: m[3] ?? '' }));

  it('lists the seed and the 12 showcase threads', () => {
    expect(rows).toHaveLength(13);
  });

  it('links each printed release at the version linkedVersion gives', () => {
    for (const row of rows) {
      const release = /^([0-9][^\s(,]*)/.exec(row.printed)?.[1];
      // The seed is linked at 2.6.30 by decision (its mail names stable updates of it); the table says so.
      if (row.printed.includes('fixes the seed at')) continue;
      if (release) expect(linkedVersion(release), row.slug).toBe(row.linked);
      else expect(row.printed, row.slug).toMatch(/^none/);
    }
  });

  it('agrees with the kernel: of every thread folder of those slugs', () => {
    for (const row of rows) {
      const yamlPath = `content/threads/${row.slug}/thread.yaml`;
      if (!existsSync(yamlPath)) continue;
      const meta = parse(readFileSync(yamlPath, 'utf8')) as { kernel?: unknown };
      expect(String(meta.kernel), row.slug).toBe(row.linked);
    }
  });
});

describe('releaseTag', () => {
  it('turns kernel release strings into source tags', () => {
    expect(releaseTag('5.16.0-rc3+')).toBe('v5.16-rc3');
    expect(releaseTag('2.6.30.4')).toBe('v2.6.30');
    expect(releaseTag('6.1.0')).toBe('v6.1');
    expect(releaseTag('unknown')).toBeNull();
  });
});
