import { describe, expect, it } from 'vitest';
import { contextExcerpt, definitionExcerpt, sliceLines } from '../../../src/lib/kernel/excerpt.ts';
import { elixirIdentUrl, elixirUrl, gitKernelUrl, symbolPagePath } from '../../../src/lib/kernel/urls.ts';

const source = `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;

describe('excerpts', () => {
  it('slices inclusive 1-based ranges and clamps them', () => {
    expect(sliceLines(source, 3, 5)).toEqual({
      startLine: 3,
      lines: ['line 3', 'line 4', 'line 5'],
      highlight: [],
    });
    expect(sliceLines(source, -4, 2).lines).toEqual(['line 1', 'line 2']);
    expect(sliceLines(source, 19, 99).lines).toEqual(['line 19', 'line 20']);
  });

  it('gives context around a definition line and highlights it', () => {
    const e = contextExcerpt(source, 10, 2, 3);
    expect(e.startLine).toBe(8);
    expect(e.lines).toEqual(['line 8', 'line 9', 'line 10', 'line 11', 'line 12', 'line 13']);
    expect(e.highlight).toEqual([10]);
  });

  it('cuts a whole definition and maps relative highlights to file lines', () => {
    const e = definitionExcerpt(
      source,
      { name: 'f', kind: 'function', file: 'x.c', line: 11, endLine: 17 },
      [3, 4, 40],
    );
    expect(e.startLine).toBe(11);
    expect(e.lines).toHaveLength(7);
    expect(e.highlight).toEqual([13, 14]);
  });
});

describe('urls', () => {
  it('builds Elixir and git.kernel.org links at the version tag', () => {
    expect(elixirUrl('2.6.30', 'kernel/timer.c', 20)).toBe(
      'https://elixir.bootlin.com/linux/v2.6.30/source/kernel/timer.c#L20',
    );
    expect(elixirUrl('2.6.30', 'kernel/timer.c', null)).toBe(
      'https://elixir.bootlin.com/linux/v2.6.30/source/kernel/timer.c',
    );
    expect(gitKernelUrl('2.6.30', 'kernel/timer.c', 20)).toBe(
      'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/kernel/timer.c?h=v2.6.30#n20',
    );
    expect(elixirIdentUrl('5.3', 'CONFIG_SMP')).toBe('https://elixir.bootlin.com/linux/v5.3/K/ident/SMP');
    expect(elixirIdentUrl('5.3', 'rdma_destroy_id')).toBe(
      'https://elixir.bootlin.com/linux/v5.3/A/ident/rdma_destroy_id',
    );
  });

  it('builds symbol page paths', () => {
    expect(symbolPagePath('2.6.30', 'ib_mad_agent_private.lock')).toBe(
      '/symbols/2.6.30/ib_mad_agent_private.lock/',
    );
  });
});
