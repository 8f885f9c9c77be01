import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadFacts } from '../../../src/kernel-providers/facts.ts';
import { citationProblems, citationsOf } from '../../../src/lib/kernel/citations.ts';
import type { KernelFacts } from '../../../src/lib/kernel/types.ts';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';
import { contentRoots } from '../../../src/loaders/threads.ts';

// Every scenario of every thread: each `code: { fn, file }` must be a function (or function-like macro)
// that the facts of the thread's kernel version place in that file.
describe('scenario citations exist at the thread kernel version', async () => {
  const scenarios = await loadScenarioCatalog(contentRoots());
  it('finds the scenario models', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });
  for (const { thread, file, scenario } of scenarios) {
    it(`${thread}/${file.split('/').pop()}`, async () => {
      const yaml = parse(readFileSync(join(dirname(dirname(file)), 'thread.yaml'), 'utf8')) as {
        kernel?: unknown;
      };
      const version = String(yaml.kernel ?? '');
      expect(version, 'thread.yaml has no kernel:').not.toBe('');
      expect(citationsOf(scenario).length).toBeGreaterThan(0);
      expect(citationProblems(scenario, version, await loadFacts(version))).toEqual([]);
    });
  }
});

describe('citation check', () => {
  const facts: KernelFacts = {
    version: '9.0',
    source: 'test',
    varTypes: {},
    symbols: [
      { name: 'take_lock', kind: 'function', file: 'a/one.c', line: 3 },
      { name: 'grab', kind: 'macro', file: 'a/one.h', line: null },
    ],
  };
  const model = (fn: string, file: string) => ({ tasks: [{ steps: [{ op: 'x', code: { fn, file } }] }] });

  it('accepts a function or function-like macro where the facts put it, and proposed code', () => {
    expect(citationProblems(model('take_lock()', 'a/one.c'), '9.0', facts)).toEqual([]);
    expect(citationProblems(model('grab()', 'a/one.h'), '9.0', facts)).toEqual([]);
    expect(citationProblems(model('new_helper()', 'a/one.c (proposed)'), '9.0', facts)).toEqual([]);
  });

  it('rejects a function in the wrong file, an unknown function, a malformed name and missing facts', () => {
    expect(citationProblems(model('take_lock()', 'a/two.c'), '9.0', facts)).toEqual([
      'take_lock() is not in a/two.c at 9.0; the facts place it in a/one.c',
    ]);
    expect(citationProblems(model('made_up()', 'a/one.c'), '9.0', facts)[0]).toMatch(
      /not in the facts for 9\.0/,
    );
    expect(citationProblems(model('take_lock', 'a/one.c'), '9.0', facts)[0]).toMatch(
      /write a function as name\(\)/,
    );
    expect(citationProblems(model('take_lock()', 'a/one.c'), '9.1', null)[0]).toMatch(/no facts for 9\.1/);
  });
});
