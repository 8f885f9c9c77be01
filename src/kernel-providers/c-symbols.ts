// Walking a tree-sitter C syntax tree into symbol definitions and variable-type observations.
import type { Node, Parser } from 'web-tree-sitter';
import type { SymbolDef } from '../lib/kernel/types.ts';
import { prescan } from './c-prescan.ts';

/** What one file contributes to an index. */
export interface FileSymbols {
  /** Definitions found in the file. */
  symbols: SymbolDef[];
  /** Declarations `struct T *name` seen in parameters and locals: [name, T] pairs. */
  varTypes: Array<[string, string]>;
}

// Conditional-compilation blocks hold definitions like the top level does.
const CONTAINERS = new Set([
  'translation_unit',
  'preproc_if',
  'preproc_ifdef',
  'preproc_else',
  'preproc_elif',
  'preproc_elifdef',
  'linkage_specification',
  'declaration_list',
]);

/**
 * Parses one C file and lists its functions, structs and fields, macros, globals and typedefs. Function
 * bodies are collapsed before parsing (c-prescan.ts: lines are unchanged; locals are read lexically).
 */
export function extractSymbols(parser: Parser, file: string, source: string): FileSymbols {
  const prepared = prescan(source);
  const tree = parser.parse(prepared.text);
  const out: FileSymbols = { symbols: [], varTypes: prepared.localTypes };
  for (const m of prepared.macros)
    out.symbols.push({ name: m.name, kind: 'macro', file, line: m.line, endLine: m.endLine });
  if (!tree) return out;
  try {
    visitTop(tree.rootNode, file, out);
  } finally {
    tree.delete();
  }
  return out;
}

const lineOf = (n: Node): number => n.startPosition.row + 1;
// A node that ends at column 0 ended with the previous line's newline.
const endLineOf = (n: Node): number =>
  n.endPosition.column === 0 ? n.endPosition.row : n.endPosition.row + 1;

function visitTop(node: Node, file: string, out: FileSymbols): void {
  for (const child of node.namedChildren) {
    // A macro the grammar cannot read (`DECLARE_X(y)` with no `;`) can leave later definitions inside an
    // ERROR node, some read as struct fields: look inside and keep the records found there.
    if (CONTAINERS.has(child.type) || child.type === 'ERROR') visitTop(child, file, out);
    else if (child.type === 'field_declaration' && node.type === 'ERROR') {
      const type = child.childForFieldName('type');
      if (type && (type.type === 'struct_specifier' || type.type === 'union_specifier'))
        addRecord(type, file, out);
    } else if (child.type === 'function_definition') addFunction(child, file, out);
    else if (child.type === 'preproc_def' || child.type === 'preproc_function_def')
      addMacro(child, file, out);
    else if (child.type === 'declaration') addDeclaration(child, file, out);
    else if (child.type === 'type_definition') addTypedef(child, file, out);
    else if (child.type === 'struct_specifier' || child.type === 'union_specifier')
      addRecord(child, file, out);
  }
}

function addMacro(node: Node, file: string, out: FileSymbols): void {
  const name = node.childForFieldName('name');
  if (!name) return;
  out.symbols.push({ name: name.text, kind: 'macro', file, line: lineOf(name), endLine: endLineOf(node) });
}

function addFunction(node: Node, file: string, out: FileSymbols): void {
  const fn = findDeclarator(node.childForFieldName('declarator'), 'function_declarator');
  const name = innermostName(fn?.childForFieldName('declarator') ?? null);
  if (!fn || !name) return;
  out.symbols.push({ name: name.text, kind: 'function', file, line: lineOf(name), endLine: endLineOf(node) });
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (param.type === 'parameter_declaration') observeTypes(param, out);
  }
  const body = node.childForFieldName('body');
  // A collapsed body (c-prescan.ts) is empty; its locals were read by the pre-pass.
  if (body && body.namedChildCount > 0)
    for (const decl of body.descendantsOfType('declaration')) if (decl) observeTypes(decl, out);
}

// Top-level declarations: global variables and struct definitions; prototypes and externs are skipped.
function addDeclaration(node: Node, file: string, out: FileSymbols): void {
  const type = node.childForFieldName('type');
  if (type && (type.type === 'struct_specifier' || type.type === 'union_specifier'))
    addRecord(type, file, out);
  const isExtern = node.namedChildren.some(
    (c) => c.type === 'storage_class_specifier' && c.text === 'extern',
  );
  if (isExtern) return;
  for (const declarator of node.childrenForFieldName('declarator')) {
    if (!declarator || findDeclarator(declarator, 'function_declarator')) continue;
    const name = innermostName(declarator);
    if (!name) continue;
    const typeStruct = structName(type);
    out.symbols.push({
      name: name.text,
      kind: 'variable',
      file,
      line: lineOf(name),
      endLine: endLineOf(node),
      ...(typeStruct ? { typeStruct } : {}),
    });
  }
}

function addTypedef(node: Node, file: string, out: FileSymbols): void {
  const type = node.childForFieldName('type');
  if (type && (type.type === 'struct_specifier' || type.type === 'union_specifier')) {
    // `typedef struct { … } spinlock_t;`: an anonymous record's fields belong to the typedef's name.
    const first = innermostName(node.childrenForFieldName('declarator')[0] ?? null);
    addRecord(type, file, out, type.childForFieldName('name') ? undefined : first?.text);
  }
  for (const declarator of node.childrenForFieldName('declarator')) {
    const name = innermostName(declarator);
    if (name)
      out.symbols.push({
        name: name.text,
        kind: 'typedef',
        file,
        line: lineOf(name),
        endLine: endLineOf(node),
      });
  }
}

// A struct or union with a body: the record itself and each of its fields.
function addRecord(node: Node, file: string, out: FileSymbols, container?: string): void {
  const body = node.childForFieldName('body');
  if (!body) return;
  const nameNode = node.childForFieldName('name');
  const kind = node.type === 'union_specifier' ? 'union' : 'struct';
  const owner = nameNode?.text ?? container;
  if (nameNode) {
    out.symbols.push({ name: nameNode.text, kind, file, line: lineOf(nameNode), endLine: endLineOf(node) });
  }
  if (!owner) return;
  for (const field of fieldDeclarations(body)) {
    const type = field.childForFieldName('type');
    const declarators = field.childrenForFieldName('declarator');
    if (type && (type.type === 'struct_specifier' || type.type === 'union_specifier')) {
      // An anonymous inner struct/union without a member name lends its fields to the outer one (C11).
      addRecord(type, file, out, declarators.length === 0 ? owner : undefined);
    }
    const typeStruct = structName(type);
    for (const declarator of declarators) {
      const name = innermostName(declarator);
      if (!name) continue;
      out.symbols.push({
        name: name.text,
        kind: 'field',
        file,
        line: lineOf(name),
        container: owner,
        ...(typeStruct ? { typeStruct } : {}),
      });
    }
  }
}

// Field declarations of a body, including those inside `#ifdef` blocks.
function fieldDeclarations(body: Node): Node[] {
  const out: Node[] = [];
  for (const child of body.namedChildren) {
    if (child.type === 'field_declaration') out.push(child);
    else if (CONTAINERS.has(child.type)) out.push(...fieldDeclarations(child));
  }
  return out;
}

// `struct T *a, b;` in a parameter list or a body: remember that a and b point at T.
function observeTypes(node: Node, out: FileSymbols): void {
  const type = structName(node.childForFieldName('type'));
  if (!type) return;
  for (const declarator of node.childrenForFieldName('declarator')) {
    const name = innermostName(declarator);
    if (name) out.varTypes.push([name.text, type]);
  }
}

function structName(type: Node | null): string | undefined {
  if (!type || (type.type !== 'struct_specifier' && type.type !== 'union_specifier')) return undefined;
  return type.childForFieldName('name')?.text;
}

// Follows `declarator` fields (pointer, array, init, parenthesized) to the first node of a given type.
function findDeclarator(node: Node | null, type: string): Node | undefined {
  let at: Node | null = node;
  while (at) {
    if (at.type === type) return at;
    at =
      at.childForFieldName('declarator') ??
      (at.type === 'parenthesized_declarator' ? at.namedChild(0) : null);
  }
  return undefined;
}

// The identifier a declarator finally names (`*(*handler)(int)` → handler).
function innermostName(node: Node | null): Node | undefined {
  let at: Node | null = node;
  while (at) {
    if (at.type === 'identifier' || at.type === 'field_identifier' || at.type === 'type_identifier')
      return at.text === '' ? undefined : at;
    at =
      at.childForFieldName('declarator') ??
      (at.type === 'parenthesized_declarator' ? at.namedChild(0) : null);
  }
  return undefined;
}
