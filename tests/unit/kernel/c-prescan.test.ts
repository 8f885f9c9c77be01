import { describe, expect, it } from 'vitest';
import { cParser } from '../../../src/kernel-providers/c-parser.ts';
import { prescan } from '../../../src/kernel-providers/c-prescan.ts';
import { extractSymbols } from '../../../src/kernel-providers/c-symbols.ts';

// Small C written for this test (not kernel code).
const SOURCE = [
  '/* a { brace in a comment */', // 1
  'struct widget { int id; struct gadget *g; };', // 2
  'static int spin(struct widget *w, int n) /* ) */', // 3
  '{', // 4
  '\tstruct gadget *g = w->g, *h;', // 5
  '\tconst char *s = "}{";', // 6
  "\tchar c = '}';", // 7
  '\tstruct widget copy; // { not a brace', // 8
  '#ifdef FAST', // 9
  '\tif (n) {', // 10
  '#else', // 11
  '\tif (n > 1) {', // 12
  '#endif', // 13
  '\t\tn = (int)sizeof(struct gadget *);', // 14
  '\t}', // 15
  '\treturn n;', // 16
  '}', // 17
  'static const int table[] = { 1, 2 };', // 18
  'int after(void) { return 0; }', // 19
].join('\n');

describe('lexical pre-pass before tree-sitter', () => {
  it('collapses function bodies, top-level initializers and comments to their newlines, keeps the rest', () => {
    const out = prescan(SOURCE);
    expect(out.bodies).toBe(2);
    const lines = out.text.split('\n');
    expect(lines).toHaveLength(19);
    expect(lines.slice(3, 17).join('')).toBe('{}');
    expect(lines[1]).toBe('struct widget { int id; struct gadget *g; };');
    expect(lines[0]).toBe(' ');
    expect(lines[17]).toBe('static const int table[] = {};');
    expect(lines[7]).toBe('');
    expect(lines[18]).toBe('int after(void) {}');
  });

  it('reads struct-typed locals from bodies, not casts, sizeof, comments or strings', () => {
    expect(prescan(SOURCE).localTypes).toEqual([
      ['g', 'gadget'],
      ['h', 'gadget'],
      ['copy', 'widget'],
    ]);
  });

  it('leaves a file whose braces do not balance as it is', () => {
    const broken = 'int f(void)\n{\n\treturn 0;\n';
    expect(prescan(broken)).toEqual({ text: broken, localTypes: [], macros: [], bodies: 0 });
  });

  it('reads #define lines (name, first and last line), also in bodies, and takes them out of the text', () => {
    const text = [
      '#define WIDGET_MAX 4',
      'struct w {',
      '#define W_FLAG 1',
      '\tint f;',
      '};',
      '#define twice(x) \\',
      '\t((x) * 2)',
      'int g(void)',
      '{',
      '#define LOCAL 1',
      '\treturn 0;',
      '}',
    ].join('\n');
    const out = prescan(text);
    expect(out.macros).toEqual([
      { name: 'WIDGET_MAX', line: 1, endLine: 1 },
      { name: 'W_FLAG', line: 3, endLine: 3 },
      { name: 'twice', line: 6, endLine: 7 },
      { name: 'LOCAL', line: 10, endLine: 10 },
    ]);
    expect(out.text.split('\n')).toEqual([
      '',
      'struct w {',
      '',
      '\tint f;',
      '};',
      '',
      '',
      'int g(void)',
      '{',
      '',
      '',
      '}',
    ]);
  });

  it('gives tree-sitter the same definitions and lines as the whole text', async () => {
    const parser = await cParser();
    const found = extractSymbols(parser, 'x.c', SOURCE);
    const fn = found.symbols.find((d) => d.name === 'spin');
    expect(fn).toMatchObject({ kind: 'function', line: 3, endLine: 17 });
    expect(found.symbols.find((d) => d.name === 'after')).toMatchObject({ line: 19, endLine: 19 });
    expect(found.symbols.find((d) => d.name === 'table')).toMatchObject({ kind: 'variable', line: 18 });
    expect(found.symbols.find((d) => d.name === 'g' && d.kind === 'field')).toMatchObject({
      container: 'widget',
      typeStruct: 'gadget',
    });
    expect(found.varTypes).toEqual(
      expect.arrayContaining([
        ['w', 'widget'],
        ['h', 'gadget'],
        ['copy', 'widget'],
      ]),
    );
  });

  it('reads annotated definitions and typedef-named anonymous records', async () => {
    const parser = await cParser();
    const text = [
      'typedef struct { int raw; } my_lock_t;',
      'static int __init setup_widget(void)',
      '{',
      '\treturn 0;',
      '}',
      'static struct widget *cache __read_mostly;',
    ].join('\n');
    const found = extractSymbols(parser, 'y.c', text).symbols;
    expect(found.find((d) => d.name === 'raw')).toMatchObject({
      kind: 'field',
      container: 'my_lock_t',
      line: 1,
    });
    expect(found.find((d) => d.name === 'setup_widget')).toMatchObject({
      kind: 'function',
      line: 2,
      endLine: 5,
    });
    expect(found.find((d) => d.name === 'cache')).toMatchObject({
      kind: 'variable',
      line: 6,
      typeStruct: 'widget',
    });
    expect(found.some((d) => d.name.startsWith('__'))).toBe(false);
  });
});
