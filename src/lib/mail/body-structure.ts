// Reads the structure of a plain-text mail body: quote levels, attribution lines, paragraphs,
// code-like blocks and the signature. Pure; the result is a small tree the page renders as is.

/** A numbered leaf block; `n` (from 1, in reading order) is the paragraph anchor `p<n>`. */
export interface TextBlock {
  kind: 'paragraph' | 'code' | 'signature';
  n: number;
  lines: string[];
  /** For code blocks: what the lines look like, so they can be highlighted. */
  lang?: 'diff' | 'c' | 'text';
}

/** A quoted region (`>` at depth 1, `> >` at depth 2, …) with the line that introduced it. */
export interface QuoteBlock {
  kind: 'quote';
  depth: number;
  /** "On …, X wrote:" line(s) just above the quote, moved here from the text before it. */
  attribution: string | null;
  children: BodyNode[];
  /** Number of source lines inside, nested quotes included (for "show N quoted lines"). */
  lineCount: number;
  /** Set by capQuoteDepth when deeper quotes were shown flat inside this one: the deepest level. */
  flattenedFrom?: number;
}

export type BodyNode = TextBlock | QuoteBlock;

export interface BodyOptions {
  /**
   * Infer paragraph breaks inside runs without blank lines. Needed for pipermail text whose
   * `<pre>` layout was lost (the seed); off for real mail, where blank lines are kept.
   */
  inferParagraphs?: boolean;
}

interface Line {
  depth: number;
  text: string;
}

/** Counts a line's quote depth (`>`, `> >`, `>>`) and strips the markers. */
export function quoteDepth(line: string): Line {
  const m = /^((?:[ \t]?>)+)[ \t]?/.exec(line);
  if (!m) return { depth: 0, text: line };
  const depth = (m[1] as string).split('>').length - 1;
  return { depth, text: line.slice(m[0].length) };
}

/** Parses a body into its block tree; every paragraph-like block gets the next number. */
export function parseBody(body: string, options: BodyOptions = {}): BodyNode[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n').map(quoteDepth);
  const counter = { n: 0 };
  // Iterative descent over runs of equal depth keeps this linear and safe on very deep quotes.
  const root: QuoteBlock = { kind: 'quote', depth: 0, attribution: null, children: [], lineCount: 0 };
  const stack: QuoteBlock[] = [root];
  let run: string[] = [];
  const flush = () => {
    const top = stack[stack.length - 1] as QuoteBlock;
    if (run.length > 0) top.children.push(...splitBlocks(run, options, counter));
    run = [];
  };
  for (const line of lines) {
    const depth = line.depth;
    const top = stack[stack.length - 1] as QuoteBlock;
    if (depth !== top.depth) {
      flush();
      while ((stack[stack.length - 1] as QuoteBlock).depth > depth) stack.pop();
      while ((stack[stack.length - 1] as QuoteBlock).depth < depth) {
        const parent = stack[stack.length - 1] as QuoteBlock;
        const quote: QuoteBlock = {
          kind: 'quote',
          depth: parent.depth + 1,
          attribution: takeAttribution(parent.children),
          children: [],
          lineCount: 0,
        };
        parent.children.push(quote);
        stack.push(quote);
      }
    }
    for (const q of stack) if (q.depth > 0) q.lineCount++;
    run.push(line.text);
  }
  flush();
  return dropEmptyQuotes(root.children);
}

const ATTRIBUTION = /(\bwrote|\bwrites|\bsaid|\bschrieb|\ba écrit)\s*:\s*$|^Quoting\s.+:\s*$/i;

// Moves an "X wrote:" line (the tail of the last paragraph before a quote) onto the quote.
function takeAttribution(siblings: BodyNode[]): string | null {
  const last = siblings[siblings.length - 1];
  if (last?.kind !== 'paragraph') return null;
  const tail = last.lines[last.lines.length - 1] ?? '';
  if (!ATTRIBUTION.test(tail)) return null;
  // "On Mon, 10 Aug 2009, Someone" / "wrote:" wraps over two lines more often than not.
  let from = last.lines.length - 1;
  const prev = last.lines[from - 1];
  if (prev !== undefined && /^On\s/.test(prev) && !/^On\s/.test(tail)) from--;
  const attribution = last.lines.slice(from).join(' ').trim();
  last.lines = last.lines.slice(0, from);
  if (last.lines.length === 0) siblings.pop();
  return attribution;
}

// Removes quotes left without content (a `>` line holding only blanks). Iterative, children first,
// so a 50,000-deep quote cannot overflow the stack.
function dropEmptyQuotes(nodes: BodyNode[]): BodyNode[] {
  const root: QuoteBlock = { kind: 'quote', depth: 0, attribution: null, children: nodes, lineCount: 0 };
  const order: QuoteBlock[] = [];
  const stack: QuoteBlock[] = [root];
  while (stack.length > 0) {
    const quote = stack.pop() as QuoteBlock;
    order.push(quote);
    for (const child of quote.children) if (child.kind === 'quote') stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const quote = order[i] as QuoteBlock;
    quote.children = quote.children.filter(
      (child) => child.kind !== 'quote' || child.children.length > 0 || child.attribution !== null,
    );
  }
  return root.children;
}

// Splits a run of same-depth lines into paragraphs, code blocks and a signature.
function splitBlocks(run: string[], options: BodyOptions, counter: { n: number }): TextBlock[] {
  const groups: string[][] = [];
  let current: string[] = [];
  let inSignature = false;
  const width = Math.max(...run.map((l) => l.trimEnd().length));
  run.forEach((line, i) => {
    if (line === '-- ' || (line === '--' && i > 0)) {
      if (current.length) groups.push(current);
      current = [];
      inSignature = true;
    }
    if (line.trim() === '' && !inSignature) {
      if (current.length) groups.push(current);
      current = [];
      return;
    }
    const prev = current[current.length - 1];
    if (options.inferParagraphs && prev !== undefined && !inSignature && inferredBreak(prev, line, width)) {
      groups.push(current);
      current = [];
    }
    current.push(line);
  });
  if (current.length) groups.push(current);
  const blocks = groups
    .map((lines) => trimBlankEdges(lines))
    .filter((lines) => lines.length > 0)
    .map((lines) => classify(lines, counter));
  return continueDiffs(blocks);
}

// A blank line inside a hunk (a patch adding an empty line, or mail that dropped the space of an empty
// context line) splits a patch into blocks; the blocks after the first have no diff header and read as
// C. A code block right after a diff whose every line is a diff line (`+`, `-`, ` `) is still that diff.
const DIFF_BODY_LINE = /^([+\- ]|$)/;

/** Marks the continuation blocks of a diff as diffs (see above). */
function continueDiffs(blocks: TextBlock[]): TextBlock[] {
  for (let i = 1; i < blocks.length; i++) {
    const block = blocks[i] as TextBlock;
    const before = blocks[i - 1] as TextBlock;
    if (before.lang !== 'diff' || block.kind === 'signature') continue;
    if (block.lines.some((l) => /^[+-]/.test(l)) && block.lines.every((l) => DIFF_BODY_LINE.test(l)))
      blocks[i] = { kind: 'code', n: block.n, lines: block.lines, lang: 'diff' };
  }
  return blocks;
}

/**
 * Where text lost its blank lines, a paragraph ends after a line ending in `:`, after a sentence
 * end followed by a capitalised line, after a short line followed by a capitalised line, and
 * before a sign-off such as `- R.`.
 */
export function inferredBreak(prev: string, next: string, width: number): boolean {
  const a = prev.trimEnd();
  const b = next.trimStart();
  if (b === '') return false;
  if (isSignOff(b)) return true;
  if (/:$/.test(a)) return true;
  const capital = /^[A-Z]/.test(b);
  if (capital && /[.?!]["')\]]?$/.test(a)) return true;
  return capital && a.length < width * 0.6;
}

function isSignOff(line: string): boolean {
  return /^[-–]{1,2}\s?[A-Z][\w.]{0,14}$/.test(line.trim());
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === '') start++;
  while (end > start && (lines[end - 1] as string).trim() === '') end--;
  return lines.slice(start, end);
}

const DIFF_LINE = /^(diff --git |index [0-9a-f]+\.\.|--- |\+\+\+ |@@ -\d)/;
const C_LINE = /(;|\{|\})\s*$|^\s*(#include|#define|static |struct \w+ \{|if \(|for \(|while \(|return\b)/;

function classify(lines: string[], counter: { n: number }): TextBlock {
  counter.n++;
  const n = counter.n;
  if (lines.length <= 3 && isSignOff(lines[0] as string) && lines.length === 1)
    return { kind: 'signature', n, lines };
  if (lines[0] === '-- ' || lines[0] === '--') return { kind: 'signature', n, lines };
  if (lines.some((l) => DIFF_LINE.test(l))) return { kind: 'code', n, lines, lang: 'diff' };
  const indented = lines.filter((l) => /^(\t| {4,})\S/.test(l)).length;
  const cLike = lines.filter((l) => C_LINE.test(l)).length;
  if (cLike >= Math.max(2, lines.length * 0.5)) return { kind: 'code', n, lines, lang: 'c' };
  if (indented >= Math.max(2, lines.length * 0.6)) return { kind: 'code', n, lines, lang: 'text' };
  return { kind: 'paragraph', n, lines };
}

/** Lists the paragraph numbers of every text block in a tree, in reading order. */
export function blockNumbers(nodes: BodyNode[]): number[] {
  return textBlocks(nodes).map((block) => block.n);
}

/** True when some text block in the tree (quotes included) satisfies the predicate. */
export function someBlock(nodes: BodyNode[], test: (block: TextBlock) => boolean): boolean {
  return textBlocks(nodes).some(test);
}

/**
 * Caps quote nesting for display: a quote at `maxDepth` keeps every text block below it, in order,
 * but as direct children (and records how deep the original went). Rendering stays shallow and
 * linear however deep a hostile message nests its quotes; no text is dropped.
 */
export function capQuoteDepth(nodes: BodyNode[], maxDepth = 12): BodyNode[] {
  const stack: BodyNode[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as BodyNode;
    if (node.kind !== 'quote') continue;
    if (node.depth < maxDepth) {
      stack.push(...node.children);
      continue;
    }
    const flat: TextBlock[] = [];
    let deepest = node.depth;
    const walk: BodyNode[] = [...node.children].reverse();
    while (walk.length > 0) {
      const child = walk.pop() as BodyNode;
      if (child.kind === 'quote') {
        deepest = Math.max(deepest, child.depth);
        walk.push(...[...child.children].reverse());
      } else flat.push(child);
    }
    node.children = flat;
    if (deepest > node.depth) node.flattenedFrom = deepest;
  }
  return nodes;
}

/** Every text block of a tree (quotes included), in reading order. */
export function textBlocks(nodes: BodyNode[]): TextBlock[] {
  const out: TextBlock[] = [];
  const stack: BodyNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as BodyNode;
    if (node.kind === 'quote') stack.push(...[...node.children].reverse());
    else out.push(node);
  }
  return out;
}

/** The text of a body's code blocks (quoted ones too), joined by line ends. */
export function codeText(nodes: BodyNode[]): string {
  return textBlocks(nodes)
    .filter((b) => b.kind === 'code')
    .map((b) => b.lines.join('\n'))
    .join('\n');
}
