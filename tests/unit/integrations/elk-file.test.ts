import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ELK_SCRIPT, elkAsFile, elkModuleText } from '../../../src/integrations/elk-file.ts';

const folder = mkdtempSync(join(tmpdir(), 'lockstep-elk-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes `text` as an ES module file and imports it. */
async function importText(name: string, text: string): Promise<{ default: unknown }> {
  const file = join(folder, name);
  writeFileSync(file, text);
  return import(pathToFileURL(file).href);
}

describe('ELK as a file of its own', () => {
  it('wraps a UMD script so its module.exports is the default export', async () => {
    const umd =
      '(function (f) { if (typeof exports === "object" && typeof module !== "undefined") module.exports = f(); else globalThis.LEAK = f(); })(function () { return { answer: 42 }; });';
    const loaded = await importText('small.mjs', elkModuleText(umd));
    expect(loaded.default).toEqual({ answer: 42 });
    expect('LEAK' in globalThis).toBe(false);
  });

  it('the wrapped elkjs script loads as a module and lays out a graph', async () => {
    const script = readFileSync(createRequire(import.meta.url).resolve(ELK_SCRIPT), 'utf8');
    const loaded = await importText('elk.mjs', elkModuleText(script));
    const ELK = loaded.default as new () => {
      layout(graph: object): Promise<{ children: { id: string; x: number; y: number }[] }>;
    };
    const graph = {
      id: 'root',
      layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' },
      children: [
        { id: 'a', width: 40, height: 20 },
        { id: 'b', width: 40, height: 20 },
      ],
      edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
    };
    const laid = await new ELK().layout(graph);
    const [a, b] = ['a', 'b'].map((id) => laid.children.find((c) => c.id === id));
    // Left to right: the edge's target is placed after its source.
    expect(b?.x).toBeGreaterThan((a?.x ?? 0) + 40);
  });

  it('replaces the import only in the browser build', () => {
    const plugin = elkAsFile();
    const applies = plugin.applyToEnvironment as (environment: { name: string }) => boolean;
    expect(applies({ name: 'client' })).toBe(true);
    expect(applies({ name: 'ssr' })).toBe(false);
    expect(plugin.apply).toBe('build');
    const resolve = plugin.resolveId as (source: string) => string | null;
    expect(resolve(ELK_SCRIPT)).toMatch(/elk/);
    expect(resolve('elkjs/lib/elk-api.js')).toBeNull();
  });
});
