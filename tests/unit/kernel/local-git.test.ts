import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kernel-index.ts';
import { createLocalGitProvider } from '../../../src/kernel-providers/local-git.ts';
import { makeFixtureRepo } from './support/fixture-tree.ts';

describe('local git provider', () => {
  const { root, workTree, bare } = makeFixtureRepo('v2.6.30');
  const scratch = mkdtempSync(join(tmpdir(), 'lockstep-index-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const [kind, dir] of [
    ['work tree', workTree],
    ['bare repo', bare],
  ] as const) {
    it(`reads a file at the version tag from a ${kind}, not from HEAD`, async () => {
      const text = await createLocalGitProvider(dir).readFile('2.6.30', 'kernel/timer.c');
      expect(text?.split('\n')[0]).toBe('/* Test fixture: made-up timer functions, not kernel code. */');
    });
  }

  it('answers null for missing files, unknown versions and unsafe paths', async () => {
    const provider = createLocalGitProvider(bare);
    expect(await provider.readFile('2.6.30', 'kernel/nope.c')).toBeNull();
    expect(await provider.readFile('9.9', 'kernel/timer.c')).toBeNull();
    expect(await provider.readFile('2.6.30', '../etc/passwd')).toBeNull();
  });

  it('lists and batch-reads files, skipping missing ones', async () => {
    const provider = createLocalGitProvider(bare);
    const files = await provider.listFiles('2.6.30');
    expect(files).toContain('drivers/infiniband/core/mad_priv.h');
    const read: string[] = [];
    for await (const { file, text } of provider.readMany('2.6.30', [
      'kernel/timer.c',
      'gone.c',
      'include/linux/workqueue.h',
    ])) {
      read.push(`${file}:${text.length > 0}`);
    }
    expect(read).toEqual(['kernel/timer.c:true', 'include/linux/workqueue.h:true']);
  });

  it('kernel:index writes an index and refreshes facts lines from the tree', async () => {
    const dir = scratch;
    const facts = join(dir, '2.6.30.json');
    writeFileSync(
      facts,
      JSON.stringify({
        version: '2.6.30',
        source: 'test',
        symbols: [
          { name: 'del_timer_sync', kind: 'function', file: 'kernel/timer.c', line: null },
          {
            name: 'lock',
            kind: 'field',
            file: 'drivers/infiniband/core/cm.c',
            line: null,
            container: 'cm_id_private',
          },
          { name: 'ghost', kind: 'function', file: 'kernel/timer.c', line: null },
        ],
        varTypes: { cm_id_priv: 'x' },
      }),
    );
    const out = join(dir, 'index.json');
    const code = await main(['--tree', bare, '--version', '2.6.30', '--out', out, '--update-facts', facts]);
    expect(code).toBe(0);
    const index = JSON.parse(readFileSync(out, 'utf8'));
    expect(index.symbols.length).toBeGreaterThan(30);
    const updated = JSON.parse(readFileSync(facts, 'utf8'));
    expect(updated.symbols.map((s: { line: number | null }) => s.line)).toEqual([20, 5, null]);
    expect(updated.varTypes).toEqual({ cm_id_priv: 'cm_id_private' });
    expect(updated.verified.del_timer_sync).toMatch(/v2\.6\.30/);
  });
});
