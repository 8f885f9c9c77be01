import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kernel-index.ts';
import { indexTree } from '../../../src/kernel-providers/index-tree.ts';
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

  it('batch-reads a file many pipe chunks long whole, and the files around it', async () => {
    // Generated text (about 3 MB, so git sends it in many chunks), with a multi-byte character near the end.
    const repo = join(scratch, 'big');
    const big = `${Array.from({ length: 60_000 }, (_, i) => `#define REG_${i}_MASK 0x${i.toString(16)}`).join('\n')}\n/* \u00e9 */\n`;
    execFileSync('sh', ['-c', `mkdir -p "${repo}" && cd "${repo}" && git init -q`]);
    writeFileSync(join(repo, 'a.h'), 'int a;\n');
    writeFileSync(join(repo, 'big.h'), big);
    writeFileSync(join(repo, 'z.h'), 'int z;\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args]);
    git('add', '.');
    git('commit', '-q', '-m', 'generated');
    git('tag', 'v1.0');
    const read = new Map<string, string>();
    for await (const { file, text } of createLocalGitProvider(repo).readMany('1.0', ['a.h', 'big.h', 'z.h']))
      read.set(file, text);
    expect([...read.keys()]).toEqual(['a.h', 'big.h', 'z.h']);
    expect(read.get('big.h')).toBe(big);
    expect(read.get('z.h')).toBe('int z;\n');
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
    const cache = join(dir, 'cache');
    process.env.KERNEL_INDEX_CACHE = cache;
    // `ghost` is not in the tree: the facts are written, and the exit code says one was not confirmed.
    const code = await main(['--tree', bare, '--version', '2.6.30', '--out', out, '--update-facts', facts]);
    expect(code).toBe(1);
    const index = JSON.parse(readFileSync(out, 'utf8'));
    expect(index.symbols.length).toBeGreaterThan(30);
    const updated = JSON.parse(readFileSync(facts, 'utf8'));
    expect(updated.symbols.map((s: { line: number | null }) => s.line)).toEqual([20, 5, null]);
    expect(updated.varTypes).toEqual({ cm_id_priv: 'cm_id_private' });
    expect(updated.verified.del_timer_sync).toMatch(/v2\.6\.30/);
    expect(updated.source).toMatch(/kernel:index/);

    // --add takes new facts from the index; a name the tree defines twice needs name@file.
    const fresh = join(dir, 'fresh.json');
    writeFileSync(fresh, JSON.stringify({ version: '2.6.30', source: 't', symbols: [], varTypes: {} }));
    expect(
      await main([
        '--tree',
        bare,
        '--version',
        '2.6.30',
        '--update-facts',
        fresh,
        '--add',
        'del_timer,ib_mad_agent_private.timed_work',
      ]),
    ).toBe(0);
    const added = JSON.parse(readFileSync(fresh, 'utf8'));
    expect(added.symbols).toEqual([
      { name: 'del_timer', kind: 'function', file: 'kernel/timer.c', line: 11, endLine: 17 },
      expect.objectContaining({
        name: 'timed_work',
        kind: 'field',
        line: 9,
        container: 'ib_mad_agent_private',
      }),
    ]);
    expect(
      await main(['--tree', bare, '--version', '2.6.30', '--update-facts', fresh, '--add', 'no_such_fn']),
    ).toBe(1);
    delete process.env.KERNEL_INDEX_CACHE;
  });

  it('reads the index of an unchanged tree from the cache, and parses again when the commit changes', async () => {
    const cacheDir = join(scratch, 'cache-2');
    const tag = (target: string) => execFileSync('git', ['-C', workTree, 'tag', '-f', 'v7.0', target]);
    tag('v2.6.30^{commit}');
    const first = await indexTree({ tree: workTree, version: '7.0', cacheDir });
    const second = await indexTree({ tree: workTree, version: '7.0', cacheDir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.commit).toBe(first.commit);
    expect(second.index).toEqual(first.index);
    const probe = await indexTree({ tree: workTree, version: '7.0', cacheDir, load: false });
    expect(probe).toMatchObject({
      cached: true,
      index: null,
      symbols: first.symbols,
      varTypes: first.varTypes,
    });
    // The tag moves to the later commit (every line one further down): a miss, and the new lines.
    tag('master');
    const third = await indexTree({ tree: workTree, version: '7.0', cacheDir });
    expect(third.cached).toBe(false);
    const line = (r: typeof first) =>
      r.index?.symbols.find((d) => d.name === 'del_timer_sync' && d.kind === 'function')?.line;
    expect(line(third)).toBe((line(first) ?? 0) + 1);
    await expect(indexTree({ tree: bare, version: '9.9', cacheDir })).rejects.toThrow(/no tag v9\.9/);
  });
});
