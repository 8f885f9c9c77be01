// A lexical pass over a C file before tree-sitter sees it: function bodies are collapsed to their newlines.
//
// Why: tree-sitter's C parser runs at 3.5-5 MB/s on kernel code whether built as WebAssembly or natively
// (measured, bench/kernel-index.ts), and function bodies are over half of the bytes and most of its time
// (macro-heavy statements send it into error recovery). The index needs only what a body declares about
// local variables (`struct T *name`), so the body's text is taken out and those declarations are read
// lexically here instead. Every newline is kept, so lines are unchanged for everything tree-sitter reports.
// Braces are balanced like Universal Ctags does it: inside `#if ... #else ... #endif`, only the first
// branch counts. A file whose braces do not balance that way is handed to tree-sitter untouched.

/** A file prepared for parsing: the text with bodies collapsed, and `struct T name` pairs read from bodies. */
export interface Prescanned {
  /** The text to parse: the original with each function body's inside reduced to its newlines. */
  text: string;
  /** [name, struct] for locals declared `struct T *name` (or `struct T name`) inside function bodies. */
  localTypes: Array<[string, string]>;
  /** Number of bodies collapsed (0 when the file was left as it was). */
  bodies: number;
}

const NL = 10;
const SLASH = 47;
const STAR = 42;
const QUOTE = 34;
const APOS = 39;
const BACKSLASH = 92;
const HASH = 35;
const OPEN = 123;
const PAREN_CLOSE = 41;

/** Collapses top-level function bodies of a C file (see the module comment). */
export function prescan(source: string): Prescanned {
  const bodies = findBodies(source);
  if (!bodies || bodies.length === 0) return { text: source, localTypes: [], bodies: 0 };
  const parts: string[] = [];
  const localTypes: Array<[string, string]> = [];
  let at = 0;
  for (const [open, close, code] of bodies) {
    parts.push(source.slice(at, open + 1));
    parts.push('\n'.repeat(countNewlines(source, open + 1, close)));
    readLocalTypes(code, localTypes);
    at = close;
  }
  parts.push(source.slice(at));
  return { text: parts.join(''), localTypes, bodies: bodies.length };
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

// Conditional-compilation state: for each open #if, whether its braces are ignored (a later branch, or
// inside one).
type Cond = { skipping: boolean };

// Characters that can change the scanner's state; everything between them is skipped in one jump.
const SPECIAL = /[\n"'/{}]/g;

/**
 * Top-level `{ ... }` blocks that follow a `)` (function bodies): [index of `{`, index of `}`, body code
 * with comments, literals and directives removed]. Null when the braces do not balance.
 */
function findBodies(s: string): Array<[number, number, string]> | null {
  const out: Array<[number, number, string]> = [];
  const conds: Cond[] = [];
  let depth = 0;
  let lastSignificant = 0; // char code of the last code character seen at depth 0
  let bodyStart = -1;
  let code: string[] = []; // the body's code so far, as slices
  let segment = 0; // start of the body slice not yet copied to `code`
  const n = s.length;
  // Inside a body, text that is not code (comments, literals, directives) becomes one space.
  const cut = (from: number, to: number): void => {
    if (bodyStart < 0) return;
    code.push(s.slice(segment, from), ' ');
    segment = to;
  };
  let i = lineStartDirectives(s, 0, conds, cut);
  while (i < n) {
    SPECIAL.lastIndex = i;
    const found = SPECIAL.exec(s);
    const j = found ? found.index : n;
    if (depth === 0 && j > i) {
      // The last non-blank character of the plain run is the last significant one at top level.
      let k = j - 1;
      while (k >= i && s.charCodeAt(k) <= 32) k--;
      if (k >= i) lastSignificant = s.charCodeAt(k);
    }
    if (j >= n) break;
    const c = s.charCodeAt(j);
    if (c === NL) {
      i = lineStartDirectives(s, j + 1, conds, cut);
      continue;
    }
    if (c === SLASH) {
      const next = s.charCodeAt(j + 1);
      if (next === STAR || next === SLASH) {
        const close = next === STAR ? s.indexOf('*/', j + 2) : lineEnd(s, j);
        const end = next === SLASH ? close : close < 0 ? n : close + 2;
        cut(j, end);
        i = end;
        continue;
      }
      if (depth === 0) lastSignificant = c;
      i = j + 1;
      continue;
    }
    if (c === QUOTE || c === APOS) {
      const end = literalEnd(s, j, c);
      cut(j, end);
      if (depth === 0) lastSignificant = c;
      i = end;
      continue;
    }
    // A brace; inside a later #if branch braces are not counted (see the module comment).
    if (!(conds[conds.length - 1]?.skipping ?? false)) {
      if (c === OPEN) {
        if (depth === 0 && lastSignificant === PAREN_CLOSE) {
          bodyStart = j;
          code = [];
          segment = j + 1;
        }
        depth++;
      } else {
        depth--;
        if (depth < 0) return null;
        if (depth === 0 && bodyStart >= 0) {
          code.push(s.slice(segment, j));
          out.push([bodyStart, j, code.join('')]);
          bodyStart = -1;
        }
      }
      if (depth === 0) lastSignificant = c;
    }
    i = j + 1;
  }
  return depth === 0 && conds.length === 0 ? out : null;
}

// At the start of a line: skips blanks and any preprocessor directives there; returns where code resumes.
function lineStartDirectives(
  s: string,
  at: number,
  conds: Cond[],
  cut: (from: number, to: number) => void,
): number {
  let i = at;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 13) i++;
    else if (c === HASH) {
      const end = directive(s, i, conds);
      cut(i, end);
      return end;
    } else return i;
  }
  return i;
}

// A preprocessor line (with backslash continuations). Tracks #if/#else/#endif for brace counting.
function directive(s: string, at: number, conds: Cond[]): number {
  let end = at;
  for (;;) {
    end = lineEnd(s, end);
    if (end > 0 && s.charCodeAt(end - 1) === BACKSLASH && end < s.length) {
      end++;
      continue;
    }
    break;
  }
  const word = /^#\s*([a-z]+)/.exec(s.slice(at, Math.min(end, at + 40)))?.[1] ?? '';
  if (word === 'if' || word === 'ifdef' || word === 'ifndef')
    conds.push({ skipping: conds[conds.length - 1]?.skipping ?? false });
  else if (word === 'else' || word === 'elif' || word === 'elifdef' || word === 'elifndef') {
    const top = conds[conds.length - 1];
    if (top) top.skipping = true;
  } else if (word === 'endif') conds.pop();
  return end;
}

// Index of the newline ending the line that contains `at` (or the end of the text).
function lineEnd(s: string, at: number): number {
  const nl = s.indexOf('\n', at);
  return nl < 0 ? s.length : nl;
}

// End of a string or character literal; an unterminated one ends at the end of its line.
function literalEnd(s: string, at: number, quote: number): number {
  let i = at + 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote) return i + 1;
    else if (c === NL) return i;
    else i++;
  }
  return i;
}

// `struct T *a, *b;` / `struct T x = ...;` inside a body: the names declared and their struct type.
// Casts (`(struct T *)p`), sizeof and prototypes do not match: a name must follow and `;`, `,`, `=`
// or `[` must come after it.
const DECL = /\bstruct\s+([A-Za-z_]\w*)\s*((?:\*\s*|const\s+)*)([A-Za-z_]\w*)\s*([;,=[])/g;
const MORE = /\s*(?:\*\s*|const\s+)*([A-Za-z_]\w*)\s*([;,=[])/y;

function readLocalTypes(code: string, out: Array<[string, string]>): void {
  for (const m of code.matchAll(DECL)) {
    const type = m[1] ?? '';
    if (type === '' || KEYWORDS.has(m[3] ?? '')) continue;
    out.push([m[3] ?? '', type]);
    let next = m[4];
    let at = (m.index ?? 0) + m[0].length;
    // Further declarators of the same declaration: `, *b`, also after an initializer `= f(x, y)`.
    for (;;) {
      if (next === '=' || next === '[') at = skipInitializer(code, at);
      if (code[at - 1] !== ',' && next !== ',') break;
      MORE.lastIndex = at;
      const more = MORE.exec(code);
      if (!more) break;
      out.push([more[1] ?? '', type]);
      next = more[2];
      at = MORE.lastIndex;
    }
  }
}

// From inside an initializer (or array size) to just after the `,` or `;` that ends it (at bracket depth 0).
function skipInitializer(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) return i + 1;
  }
  return code.length;
}

const KEYWORDS = new Set(['const', 'volatile', 'restrict', '__restrict', 'static', 'register']);
