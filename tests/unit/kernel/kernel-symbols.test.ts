import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { provenanceText } from '../../../src/components/kernel/provenance.ts';
import { providersFromEnv } from '../../../src/kernel-providers/default-symbols.ts';
import { createKernelSymbols } from '../../../src/kernel-providers/kernel-symbols.ts';
import type { KernelSourceProvider } from '../../../src/kernel-providers/types.ts';
import { makeFixtureRepo } from './support/fixture-tree.ts';

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

// Facts as committed without a tree: files known, lines not.
function factsDir(lines: Record<string, number | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-facts-'));
  temp.push(dir);
  const sym = (name: string, kind: string, file: string, container?: string) => ({
    name,
    kind,
    file,
    line: lines[container ? `${container}.${name}` : name] ?? null,
    ...(container ? { container } : {}),
  });
  writeFileSync(
    join(dir, '2.6.30.json'),
    JSON.stringify({
      version: '2.6.30',
      source: 'test',
      symbols: [
        sym('del_timer_sync', 'function', 'kernel/timer.c'),
        sym('lock', 'field', 'drivers/infiniband/core/mad_priv.h', 'ib_mad_agent_private'),
        sym('not_in_tree', 'function', 'kernel/timer.c'),
      ],
      varTypes: { mad_agent_priv: 'ib_mad_agent_private' },
    }),
  );
  return dir;
}

describe('kernel symbol service', () => {
  it('falls back to a link card when no provider has the source', async () => {
    const service = createKernelSymbols({ factsDir: factsDir({ del_timer_sync: 1234 }), providers: [] });
    const view = await service.view('2.6.30', 'del_timer_sync');
    expect(view).toMatchObject({
      excerpt: null,
      provider: null,
      page: '/symbols/2.6.30/del_timer_sync/',
      elixir: 'https://elixir.bootlin.com/linux/v2.6.30/source/kernel/timer.c#L1234',
    });
    expect(await service.view('2.6.30', 'nope')).toBeNull();
    expect(await service.version('9.9')).toBeNull();
  });

  it('tries providers in order and takes lines and excerpts from the tree', async () => {
    const { root, bare } = makeFixtureRepo();
    temp.push(root);
    const calls: string[] = [];
    const empty: KernelSourceProvider = {
      name: 'empty',
      readFile: async (_v, file) => {
        calls.push(file);
        return null;
      },
    };
    const service = createKernelSymbols({
      factsDir: factsDir(),
      providers: [empty, ...providersFromEnv({ KERNEL_TREE: bare })],
    });
    const view = await service.view('2.6.30', 'del_timer_sync');
    expect(calls).toContain('kernel/timer.c');
    expect(view?.provider).toBe('local-git');
    expect(view?.def.line).toBe(20);
    expect(view?.elixir).toBe('https://elixir.bootlin.com/linux/v2.6.30/source/kernel/timer.c#L20');
    expect(view?.excerpt?.highlight).toEqual([20]);
    expect(view?.excerpt?.lines).toContain('int del_timer_sync(struct timer_list *timer)');

    const field = await service.view('2.6.30', 'ib_mad_agent_private.lock');
    expect(field?.def.line).toBe(8);
    expect(field?.excerpt?.highlight).toEqual([8]);
    expect(field?.excerpt?.lines[8 - (field?.excerpt?.startLine ?? 0)]).toBe('\tspinlock_t lock;');

    const struct = await service.view('2.6.30', 'ib_mad_agent_private.lock', 'definition');
    expect(struct?.excerpt).toMatchObject({ startLine: 6, highlight: [8] });
    expect(struct?.excerpt?.lines).toHaveLength(13);

    const whole = await service.view('2.6.30', 'del_timer_sync', 'definition', [4]);
    expect(whole?.excerpt).toMatchObject({ startLine: 20, highlight: [23] });
    expect(whole?.excerpt?.lines).toHaveLength(9);

    // A fact the tree does not confirm keeps its (unknown) line and becomes a card.
    expect((await service.view('2.6.30', 'not_in_tree'))?.excerpt).toBeNull();
  });

  it('configures providers from the environment', () => {
    expect(providersFromEnv({}).map((p) => p.name)).toEqual([]);
    expect(
      providersFromEnv({ KERNEL_TREE: '/x', KERNEL_MIRROR: 'http://127.0.0.1:1/' }).map((p) => p.name),
    ).toEqual(['local-git', 'remote-mirror']);
  });

  it('links every committed 2.6.30 fact at its real line with no tree, and says where the line comes from', async () => {
    const service = createKernelSymbols({ providers: [] });
    const kv = await service.version('2.6.30');
    expect(kv?.facts.symbols.length).toBeGreaterThan(10);
    for (const def of kv?.facts.symbols ?? []) {
      const key = def.container ? `${def.container}.${def.name}` : def.name;
      const view = await service.view('2.6.30', key);
      expect(def.line, key).toBeGreaterThan(0);
      expect(view?.elixir).toBe(`https://elixir.bootlin.com/linux/v2.6.30/source/${def.file}#L${def.line}`);
      expect(view && provenanceText(view)).toMatch(
        /^Line from the v2\.6\.30 tree itself: line from the tree-sitter index of v2\.6\.30 \(commit [0-9a-f]{12}\), kernel:index\.$/,
      );
    }
  });

  it('says "file only" for a fact without a line, and links the file without one', async () => {
    const service = createKernelSymbols({ factsDir: factsDir(), providers: [] });
    const view = await service.view('2.6.30', 'del_timer_sync');
    expect(view?.elixir).toBe('https://elixir.bootlin.com/linux/v2.6.30/source/kernel/timer.c');
    expect(view && provenanceText(view)).toMatch(
      /^File only: there is no v2\.6\.30 tree here, and a line number from another version could point at the wrong code, so none is given\.$/,
    );
  });
});
