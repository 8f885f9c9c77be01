import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/kernel-providers/build-index.ts';
import type { FileSymbols } from '../../../src/kernel-providers/c-symbols.ts';
import { packSymbols, unpackSymbols } from '../../../src/kernel-providers/symbol-pack.ts';
import { fixtureFiles } from './support/fixture-tree.ts';

// Made-up C (not kernel code): each file declares a record, a function and a global, padded with a
// comment so that the whole set spans several parser batches (about 512 KB each).
function syntheticFiles(count: number): Array<{ file: string; text: string }> {
  return Array.from({ length: count }, (_, i) => ({
    file: `gen/part${i}.c`,
    text: [
      `/* ${'padding '.repeat(2500)} */`,
      `struct node${i} {`,
      '\tint key;',
      `\tstruct node${i} *next;`,
      '};',
      `#define NODE${i}_MAX ${i}`,
      `int walk${i}(struct node${i} *head)`,
      '{',
      `\tstruct node${i} *at = head;`,
      '\treturn at->key;',
      '}',
      `static struct node${i} root${i};`,
      '',
    ].join('\n'),
  }));
}

describe('parser threads', () => {
  it('pack and unpack give back the same symbols, keys and all', () => {
    const results: FileSymbols[] = [
      {
        symbols: [
          { name: 'f', kind: 'function', file: 'a.c', line: 3, endLine: 9 },
          { name: 'next', kind: 'field', file: 'a.c', line: 12, container: 'node', typeStruct: 'node' },
          { name: 'g', kind: 'variable', file: 'a.c', line: 14, endLine: 14, typeStruct: 'node' },
        ],
        varTypes: [['head', 'node']],
      },
      { symbols: [], varTypes: [] },
      { symbols: [{ name: 'M', kind: 'macro', file: 'b.h', line: 1, endLine: 2 }], varTypes: [] },
    ];
    expect(unpackSymbols(packSymbols(results), ['a.c', 'empty.c', 'b.h'])).toStrictEqual(results);
  });

  it('gives the same index on two threads from bytes as on this thread from text, in file order', async () => {
    const files = [...fixtureFiles(), ...syntheticFiles(60)];
    const encoder = new TextEncoder();
    const one = await buildIndex('2.6.30', files, undefined, 1);
    const done: string[] = [];
    const two = await buildIndex(
      '2.6.30',
      files.map(({ file, text }) => ({ file, bytes: encoder.encode(text) })),
      (file) => done.push(file),
      2,
    );
    expect(done).toEqual(files.map((f) => f.file));
    expect(two).toStrictEqual(one);
    // The synthetic files were all parsed: a later batch's symbols are there with their lines.
    expect(two.symbols.find((d) => d.name === 'walk59')).toMatchObject({ file: 'gen/part59.c', line: 7 });
    expect(two.symbols.find((d) => d.name === 'next' && d.container === 'node42')).toMatchObject({
      typeStruct: 'node42',
      line: 4,
    });
  });

  it('decodes bytes that are not UTF-8 without moving lines', async () => {
    // A Latin-1 e-acute in a comment on line 1: replaced, and the function stays on line 2.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('/* caf'),
      0xe9,
      ...new TextEncoder().encode(' */\nint probe(void)\n{\n\treturn 0;\n}\n'),
    ]);
    const index = await buildIndex('2.6.30', [{ file: 'x.c', bytes }], undefined, 2);
    expect(index.symbols).toStrictEqual([
      { name: 'probe', kind: 'function', file: 'x.c', line: 2, endLine: 5 },
    ]);
  });
});
