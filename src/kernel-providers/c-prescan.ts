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
  /** Every `#define` (name, line, last line), read here; outside bodies also taken out of the text. */
  macros: Array<{ name: string; line: number; endLine: number }>;
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
const EQUALS = 61;

// Kernel annotation macros that expand to attributes (or to nothing) and that the C grammar cannot know:
// left in, `static int __init foo(void)` reads as a variable named `__init`. Like Universal Ctags' -I list,
// they are blanked (same length, so columns and lines stay). Only argument-less ones: `__acquires(x)` and
// `__attribute__((…))` parse as they are.
const ANNOTATIONS = new RegExp(
  `\\b(?:${[
    '__init',
    '__exit',
    '__devinit',
    '__devexit',
    '__cpuinit',
    '__cpuexit',
    '__meminit',
    '__memexit',
    '__initdata',
    '__exitdata',
    '__devinitdata',
    '__devexitdata',
    '__cpuinitdata',
    '__meminitdata',
    '__initconst',
    '__devinitconst',
    '__cpuinitconst',
    '__init_or_module',
    '__read_mostly',
    '__ro_after_init',
    '__maybe_unused',
    '__always_unused',
    '__used',
    '__always_inline',
    '__must_check',
    '__cold',
    '__hot',
    '__weak',
    '__ref',
    '__refdata',
    '__sched',
    '__kprobes',
    'notrace',
    'noinline',
    '__noinline',
    '__visible',
    'asmlinkage',
    '__pure',
    '__attribute_const__',
    '__deprecated',
    '__noreturn',
    '__latent_entropy',
    '__user',
    '__kernel',
    '__iomem',
    '__percpu',
    '__rcu',
    '__force',
    '__nocast',
    '__safe',
    '__bitwise',
    '__cacheline_aligned',
    '__cacheline_aligned_in_smp',
    '____cacheline_aligned',
    '____cacheline_aligned_in_smp',
    '____cacheline_internodealigned_in_smp',
    '__packed',
    '__randomize_layout',
    '__no_randomize_layout',
    '__page_aligned_data',
    '__page_aligned_bss',
    '__initdata_or_module',
  ].join('|')})\\b`,
  'g',
);

/** Collapses function bodies, top-level initializers and comments of a C file (see the module comment). */
export function prescan(source: string): Prescanned {
  const spans = findSpans(source);
  if (!spans || spans.length === 0) return { text: source, localTypes: [], macros: [], bodies: 0 };
  const parts: string[] = [];
  const localTypes: Array<[string, string]> = [];
  const macros: Array<{ name: string; line: number; endLine: number }> = [];
  let at = 0;
  let bodies = 0;
  let line = 1;
  let lineAt = 0;
  for (const span of spans) {
    if (span.kind === 'define' || span.kind === 'inner-define') {
      line += countNewlines(source, lineAt, span.from);
      lineAt = span.from;
      const lines = countNewlines(source, span.from, span.to);
      macros.push({ name: span.code, line, endLine: line + lines });
      if (span.kind === 'inner-define') continue;
      parts.push(source.slice(at, span.from), '\n'.repeat(lines));
      at = span.to;
      continue;
    }
    if (span.kind === 'comment') {
      // A comment becomes one space (it separates tokens) and its newlines.
      parts.push(source.slice(at, span.from), ' ', '\n'.repeat(countNewlines(source, span.from, span.to)));
      at = span.to;
      continue;
    }
    // A body or initializer keeps its braces; its inside becomes its newlines.
    parts.push(source.slice(at, span.from + 1), '\n'.repeat(countNewlines(source, span.from + 1, span.to)));
    if (span.kind === 'body') {
      bodies++;
      readLocalTypes(span.code, localTypes);
    }
    at = span.to;
  }
  parts.push(source.slice(at));
  const text = parts.join('').replace(ANNOTATIONS, (word) => ' '.repeat(word.length));
  return { text, localTypes, macros, bodies };
}

// What the pre-pass takes out: a function body or top-level initializer (`from` = its `{`, `to` = its `}`,
// `code` = the body without comments, literals and directives), or a comment outside them ([from, to)).
// A #define is a span too (`code` = the macro's name).
type Span = {
  kind: 'body' | 'init' | 'comment' | 'define' | 'inner-define';
  from: number;
  to: number;
  code: string;
};

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
 * Top-level `{ ... }` blocks that follow a `)` (function bodies) or a `=` (initializers), and the comments
 * outside them, in order. Null when the braces do not balance.
 */
function findSpans(s: string): Span[] | null {
  const out: Span[] = [];
  let blockKind: 'body' | 'init' = 'body';
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
  // A #define is read here (name, lines); outside bodies and initializers it is also taken out of the text
  // (inside, the whole body goes anyway).
  const onDirective = (from: number, to: number, define?: string): void => {
    if (define) out.push({ kind: bodyStart < 0 ? 'define' : 'inner-define', from, to, code: define });
    cut(from, to);
  };
  let i = lineStartDirectives(s, 0, conds, onDirective);
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
      i = lineStartDirectives(s, j + 1, conds, onDirective);
      continue;
    }
    if (c === SLASH) {
      const next = s.charCodeAt(j + 1);
      if (next === STAR || next === SLASH) {
        const close = next === STAR ? s.indexOf('*/', j + 2) : lineEnd(s, j);
        const end = next === SLASH ? close : close < 0 ? n : close + 2;
        if (bodyStart < 0) out.push({ kind: 'comment', from: j, to: end, code: '' });
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
        if (depth === 0 && (lastSignificant === PAREN_CLOSE || lastSignificant === EQUALS)) {
          blockKind = lastSignificant === EQUALS ? 'init' : 'body';
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
          out.push({
            kind: blockKind,
            from: bodyStart,
            to: j,
            code: blockKind === 'body' ? code.join('') : '',
          });
          bodyStart = -1;
        }
      }
      if (depth === 0) lastSignificant = c;
    }
    i = j + 1;
  }
  // Bodies are pushed when they close, after the defines inside them: put everything in text order.
  return depth === 0 && conds.length === 0 ? out.sort((a, b) => a.from - b.from) : null;
}

// At the start of a line: skips blanks and a preprocessor directive there; returns where code resumes.
function lineStartDirectives(
  s: string,
  at: number,
  conds: Cond[],
  onDirective: (from: number, to: number, define?: string) => void,
): number {
  let i = at;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 13) i++;
    else if (c === HASH) {
      const { end, define } = directive(s, i, conds);
      onDirective(i, end, define);
      return end;
    } else return i;
  }
  return i;
}

// A preprocessor line (with backslash continuations). Tracks #if/#else/#endif for brace counting.
// Returns where it ends and, for `#define`, the macro's name.
function directive(s: string, at: number, conds: Cond[]): { end: number; define?: string } {
  let end = at;
  for (;;) {
    end = lineEnd(s, end);
    if (end > 0 && s.charCodeAt(end - 1) === BACKSLASH && end < s.length) {
      end++;
      continue;
    }
    // A comment opened on the directive's last line and closed further down belongs to the directive.
    // Searched in the directive's own text: `s.lastIndexOf('/*', end)` would walk back to the file's last
    // comment, once per directive (quadratic on headers of 100,000 #defines, e.g. amdgpu's asic_reg/).
    const rel = s.slice(at, end).lastIndexOf('/*');
    const open = rel < 0 ? -1 : at + rel;
    if (open >= at && s.indexOf('*/', open + 2) > end) {
      end = s.indexOf('*/', open + 2) + 2;
      continue;
    }
    break;
  }
  const head = /^#\s*([a-z]+)\s*([A-Za-z_]\w*)?/.exec(s.slice(at, Math.min(end, at + 200)));
  const word = head?.[1] ?? '';
  if (word === 'if' || word === 'ifdef' || word === 'ifndef')
    conds.push({ skipping: conds[conds.length - 1]?.skipping ?? false });
  else if (word === 'else' || word === 'elif' || word === 'elifdef' || word === 'elifndef') {
    const top = conds[conds.length - 1];
    if (top) top.skipping = true;
  } else if (word === 'endif') conds.pop();
  else if (word === 'define' && head?.[2]) return { end, define: head[2] };
  return { end };
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
