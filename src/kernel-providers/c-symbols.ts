// Walking a tree-sitter C syntax tree into symbol definitions and variable-type observations.
import type { Language, Node, Parser } from 'web-tree-sitter';
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

// Field ids of the grammar, looked up once per language: `childForFieldName` searches the field-name list on
// every call, and `node.type` asks the parser again on every read (so the walk reads each node's type once).
type Fields = { type: number; declarator: number; name: number; body: number; parameters: number };
const fieldIds = new WeakMap<Language, Fields>();
function fieldsOf(language: Language): Fields {
  let f = fieldIds.get(language);
  if (!f) {
    const id = (name: string): number => language.fieldIdForName(name) ?? -1;
    f = {
      type: id('type'),
      declarator: id('declarator'),
      name: id('name'),
      body: id('body'),
      parameters: id('parameters'),
    };
    fieldIds.set(language, f);
  }
  return f;
}
let F: Fields = { type: -1, declarator: -1, name: -1, body: -1, parameters: -1 };

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
  F = fieldsOf(tree.language);
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
  const inError = node.type === 'ERROR';
  for (const child of node.namedChildren) {
    const type = child.type;
    // A macro the grammar cannot read (`DECLARE_X(y)` with no `;`) can leave later definitions inside an
    // ERROR node, some read as struct fields: look inside and keep the records found there.
    if (CONTAINERS.has(type) || type === 'ERROR') visitTop(child, file, out);
    else if (type === 'field_declaration' && inError) {
      const fieldType = child.childForFieldId(F.type);
      if (fieldType && isRecord(fieldType.type)) addRecord(fieldType, file, out);
    } else if (type === 'function_definition') addFunction(child, file, out);
    else if (type === 'preproc_def' || type === 'preproc_function_def') addMacro(child, file, out);
    else if (type === 'declaration') addDeclaration(child, file, out);
    else if (type === 'type_definition') addTypedef(child, file, out);
    else if (isRecord(type)) addRecord(child, file, out, undefined, type);
  }
}

const isRecord = (type: string): boolean => type === 'struct_specifier' || type === 'union_specifier';

function addMacro(node: Node, file: string, out: FileSymbols): void {
  const name = node.childForFieldId(F.name);
  if (!name) return;
  out.symbols.push({ name: name.text, kind: 'macro', file, line: lineOf(name), endLine: endLineOf(node) });
}

function addFunction(node: Node, file: string, out: FileSymbols): void {
  const fn = findDeclarator(node.childForFieldId(F.declarator), 'function_declarator');
  const name = innermostName(fn?.childForFieldId(F.declarator) ?? null);
  if (!fn || !name) return;
  out.symbols.push({ name: name.text, kind: 'function', file, line: lineOf(name), endLine: endLineOf(node) });
  for (const param of fn.childForFieldId(F.parameters)?.namedChildren ?? []) {
    if (param.type === 'parameter_declaration') observeTypes(param, out);
  }
  const body = node.childForFieldId(F.body);
  // A collapsed body (c-prescan.ts) is empty; its locals were read by the pre-pass.
  if (body && body.namedChildCount > 0)
    for (const decl of body.descendantsOfType('declaration')) if (decl) observeTypes(decl, out);
}

// Top-level declarations: global variables and struct definitions; prototypes and externs are skipped.
function addDeclaration(node: Node, file: string, out: FileSymbols): void {
  const type = node.childForFieldId(F.type);
  const typeType = type?.type;
  if (type && typeType && isRecord(typeType)) addRecord(type, file, out, undefined, typeType);
  const isExtern = node.namedChildren.some(
    (c) => c.type === 'storage_class_specifier' && c.text === 'extern',
  );
  if (isExtern) return;
  let typeStruct: string | undefined | null = null; // read once, when a variable needs it
  for (const declarator of node.childrenForFieldId(F.declarator)) {
    if (!declarator || findDeclarator(declarator, 'function_declarator')) continue;
    const name = innermostName(declarator);
    if (!name) continue;
    if (typeStruct === null) typeStruct = structName(type, typeType);
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
  const type = node.childForFieldId(F.type);
  const typeType = type?.type;
  const declarators = node.childrenForFieldId(F.declarator);
  if (type && typeType && isRecord(typeType)) {
    // `typedef struct { … } spinlock_t;`: an anonymous record's fields belong to the typedef's name.
    const first = innermostName(declarators[0] ?? null);
    addRecord(type, file, out, type.childForFieldId(F.name) ? undefined : first?.text, typeType);
  }
  for (const declarator of declarators) {
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

// A struct or union with a body: the record itself and each of its fields. `nodeType` is the node's type
// when the caller has read it already.
function addRecord(
  node: Node,
  file: string,
  out: FileSymbols,
  container?: string,
  nodeType: string = node.type,
): void {
  const body = node.childForFieldId(F.body);
  if (!body) return;
  const nameNode = node.childForFieldId(F.name);
  const kind = nodeType === 'union_specifier' ? 'union' : 'struct';
  const owner = nameNode?.text ?? container;
  if (nameNode) {
    out.symbols.push({ name: nameNode.text, kind, file, line: lineOf(nameNode), endLine: endLineOf(node) });
  }
  if (!owner) return;
  for (const field of fieldDeclarations(body)) {
    const type = field.childForFieldId(F.type);
    const typeType = type?.type;
    const declarators = field.childrenForFieldId(F.declarator);
    if (type && typeType && isRecord(typeType)) {
      // An anonymous inner struct/union without a member name lends its fields to the outer one (C11).
      addRecord(type, file, out, declarators.length === 0 ? owner : undefined, typeType);
    }
    let typeStruct: string | undefined | null = null;
    for (const declarator of declarators) {
      const name = innermostName(declarator);
      if (!name) continue;
      if (typeStruct === null) typeStruct = structName(type, typeType);
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
function fieldDeclarations(body: Node, out: Node[] = []): Node[] {
  for (const child of body.namedChildren) {
    const type = child.type;
    if (type === 'field_declaration') out.push(child);
    else if (CONTAINERS.has(type)) fieldDeclarations(child, out);
  }
  return out;
}

// `struct T *a, b;` in a parameter list or a body: remember that a and b point at T.
function observeTypes(node: Node, out: FileSymbols): void {
  const type = structName(node.childForFieldId(F.type));
  if (!type) return;
  for (const declarator of node.childrenForFieldId(F.declarator)) {
    const name = innermostName(declarator);
    if (name) out.varTypes.push([name.text, type]);
  }
}

function structName(type: Node | null | undefined, typeType = type?.type): string | undefined {
  if (!type || !typeType || !isRecord(typeType)) return undefined;
  return type.childForFieldId(F.name)?.text;
}

// Follows `declarator` fields (pointer, array, init, parenthesized) to the first node of a given type.
function findDeclarator(node: Node | null, type: string): Node | undefined {
  let at: Node | null = node;
  while (at) {
    const atType = at.type;
    if (atType === type) return at;
    at =
      at.childForFieldId(F.declarator) ?? (atType === 'parenthesized_declarator' ? at.namedChild(0) : null);
  }
  return undefined;
}

// The identifier a declarator finally names (`*(*handler)(int)` → handler).
function innermostName(node: Node | null): Node | undefined {
  let at: Node | null = node;
  while (at) {
    const atType = at.type;
    if (atType === 'identifier' || atType === 'field_identifier' || atType === 'type_identifier')
      return at.text === '' ? undefined : at;
    at =
      at.childForFieldId(F.declarator) ?? (atType === 'parenthesized_declarator' ? at.namedChild(0) : null);
  }
  return undefined;
}
