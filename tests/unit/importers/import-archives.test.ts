import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importSources } from '../../../src/importers/import-archives.ts';
import { SpillStore } from '../../../src/importers/spill-store.ts';
import { fileTree } from '../support/file-tree.ts';

const corpus = resolve(import.meta.dirname, '../../..', '../shared/corpus');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('SpillStore', () => {
  it('keeps bytes in memory up to the budget and returns spilled bytes unchanged', () => {
    const store = new SpillStore(4);
    const a = store.put(new Uint8Array([1, 2, 3]));
    const b = store.put(new Uint8Array([4, 5, 6]));
    const c = store.put(new Uint8Array([7, 8]));
    expect('bytes' in a).toBe(true);
    expect(store.spilledBytes).toBe(5);
    expect([...store.get(b)]).toEqual([4, 5, 6]);
    expect([...store.get(c)]).toEqual([7, 8]);
    expect([...store.get(a)]).toEqual([1, 2, 3]);
    store.close();
  });
});

describe('importSources', () => {
  it('writes the same folders whether raw bytes stay in memory or go through the spill file', async () => {
    if (!existsSync(join(corpus, 'edge-cases'))) throw new Error(`corpus missing: ${corpus}/edge-cases`);
    const base = mkdtempSync(join(tmpdir(), 'lockstep-spill-test-'));
    made.push(base);
    const inMemory = await importSources([join(corpus, 'edge-cases')], { out: join(base, 'a') });
    const spilled = await importSources([join(corpus, 'edge-cases')], {
      out: join(base, 'b'),
      memoryBudget: 0,
    });
    expect(inMemory.spilled_bytes).toBe(0);
    expect(spilled.spilled_bytes).toBe(2_734_483);
    expect(fileTree(join(base, 'b'))).toEqual(fileTree(join(base, 'a')));
    expect(spilled).toMatchObject({ messages_read: 64, imported: 64, rejected: 0, duplicates: 2 });
  });
});
