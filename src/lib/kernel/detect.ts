// Finding kernel identifiers in mail prose, quotes and patches. Detection is lexical on purpose: mail text
// is not C, so a C parser would reject most of it. The C parser is used where C is whole (the index).

import { type AnchoredScan, anchoredMatches } from './anchored-matches.ts';

/** How an identifier was recognised in the text. */
export type MentionKind = 'call' | 'struct' | 'member' | 'path' | 'config' | 'macro' | 'name';

/** One identifier found in a text, by UTF-16 offsets into that text. */
export interface Mention {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** The matched text exactly (`del_timer_sync()`, `&mad_agent_priv->timed_work`). */
  text: string;
  /** How it was recognised. */
  kind: MentionKind;
  /** The symbol named: function, struct, macro or config name, the path, or the last field of a chain. */
  name: string;
  /** For a member chain: the variable at its head (`mad_agent_priv`). */
  base?: string;
  /** For a member chain: the fields in order (`['timed_work']`). */
  fields?: string[];
}

/** Options for detection. */
export interface DetectOptions {
  /** Says whether a bare name is a known symbol; bare snake_case names link only when this says yes. */
  isKnown?: (name: string) => boolean;
}

// Top-level directories of the kernel tree: a path must start with one so `ouster/threads.pdf` is not one.
const TOP_DIRS =
  'arch|block|certs|crypto|Documentation|drivers|fs|include|init|io_uring|ipc|kernel|lib|mm|net|rust|samples|scripts|security|sound|tools|usr|virt';
const PATH_RE = new RegExp(
  `(?<![\\w./:-])(?:[ab]/)?((?:${TOP_DIRS})/[A-Za-z0-9_.+-]+(?:/[A-Za-z0-9_.+-]+)*)`,
  'g',
);
const CONFIG_RE = /\bCONFIG_[A-Z0-9_]+\b/g;
const STRUCT_RE = /\b(struct|union)\s+([A-Za-z_][A-Za-z0-9_]*)\b/g;
// A chain needs at least one `->`: dots alone are too common in prose (`e.g.`, `mad.c`).
const CHAIN_RE =
  /(&\s*)?\b([A-Za-z_][A-Za-z0-9_]*)((?:(?:->|\.)[A-Za-z_][A-Za-z0-9_]*)*->[A-Za-z_][A-Za-z0-9_]*(?:(?:->|\.)[A-Za-z_][A-Za-z0-9_]*)*)/g;
// `foo()`, `foo(arg…`, or a stack-trace frame `foo+0x17/0x20`.
const CALL_RE = /\b([A-Za-z_][A-Za-z0-9_]*)(\(\)|\(|\+0x[0-9a-f]+\/0x[0-9a-f]+)/g;
const MACRO_RE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const SNAKE_RE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
// Stretches where nothing is linked: URLs, mail addresses and Message-IDs.
// An address starts where its run of address characters starts: tried from every character of a long
// word instead, the expression went over the word once per character (a tenth of a parse worker's time).
const EXCLUDED_RE =
  /\b(?:https?|ftp|git):\/\/\S+|<[^<>\s]+@[^<>\s]+>|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

// The lines each expression can match on (anchored-matches.ts): every match holds its anchor and no line
// break (but CHAIN's `&` and the whitespace after it). Over the 68 million characters of a 15,000-message
// archive's text: excluded stretches 513 → 74 ms, paths 286 → 100 ms, chains 461 → 150 ms, calls 235 →
// 190 ms. CONFIG_RE (a literal the engine looks for itself), MACRO_RE and SNAKE_RE (lines with an `_`
// are too many) were slower so, and STRUCT_RE's `\s+` crosses lines: they run over the whole text.
/** The expressions tried only on the lines that hold their anchors (exported for the tests). */
export const LINE_SCANS = {
  excluded: { re: EXCLUDED_RE, anchors: ['@', '://'] },
  path: { re: PATH_RE, anchors: ['/'] },
  chain: { re: CHAIN_RE, anchors: ['->'], lead: '&' },
  call: { re: CALL_RE, anchors: ['(', '+0x'] },
} as const satisfies Record<string, AnchoredScan>;

/** True when [start, end) overlaps one of `ranges` (sorted, apart from each other, as a scan finds them). */
function overlapsAny(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  // The first range ending after `start` is the only one that can overlap: those after it start later.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid] as readonly [number, number])[1] > start) hi = mid;
    else lo = mid + 1;
  }
  const range = ranges[lo];
  return range !== undefined && range[0] < end;
}

// Words that follow `struct` in English or in C keywords without naming a struct.
const NOT_STRUCT_NAMES = new Set([
  'a',
  'an',
  'the',
  'of',
  'is',
  'and',
  'or',
  'that',
  'this',
  'with',
  'to',
  'in',
]);

/** An identifier the text may hold, before overlaps are settled and before the names a lookup knows are asked. */
export interface Candidate extends Mention {
  priority: number;
  /** Set when the candidate counts only if this name is a known symbol (`union x`, `word(`, bare snake_case). */
  ifKnown?: string;
}

/** Finds identifiers in a text: calls, `struct x`, member chains, paths, CONFIG_ options, macros, known names. */
export function detectIdentifiers(text: string, options: DetectOptions = {}): Mention[] {
  return pickIdentifiers(findCandidates(text), options);
}

/**
 * Every candidate of a text, in the order `pickIdentifiers` settles them: the regular expressions run
 * once, so a text scanned against several kernel versions' names (the symbol pages) is matched once.
 */
export function findCandidates(text: string): Candidate[] {
  const excluded = [...anchoredMatches(text, LINE_SCANS.excluded)].map(
    (m) => [m.index, m.index + m[0].length] as const,
  );
  const candidates: Candidate[] = [];
  const add = (c: Candidate): void => {
    if (!overlapsAny(excluded, c.start, c.end)) candidates.push(c);
  };

  for (const m of anchoredMatches(text, LINE_SCANS.path)) {
    const path = (m[1] ?? '').replace(/[.,:;]+$/, '');
    if (!path.includes('/')) continue;
    const start = m.index + m[0].length - (m[1] ?? '').length;
    add({ start, end: start + path.length, text: path, kind: 'path', name: path, priority: 5 });
  }
  for (const m of text.matchAll(CONFIG_RE)) {
    add({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'config', name: m[0], priority: 4 });
  }
  for (const m of text.matchAll(STRUCT_RE)) {
    const keyword = m[1] ?? 'struct';
    const name = m[2] ?? '';
    if (NOT_STRUCT_NAMES.has(name)) continue;
    const c: Candidate = {
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      kind: 'struct',
      name,
      priority: 4,
    };
    // `union` is an English word: only trust it with a C-looking name.
    if (keyword === 'union' && !name.includes('_')) c.ifKnown = name;
    add(c);
  }
  for (const m of anchoredMatches(text, LINE_SCANS.chain)) {
    const base = m[2] ?? '';
    const fields = (m[3] ?? '').split(/->|\./).filter((f) => f !== '');
    // `V2->V3` is a changelog and `A->B->C` a lock order, not member access.
    if (/^v\d+$/i.test(base) || [base, ...fields].every((part) => /^[A-Z][A-Z0-9]*$/.test(part))) continue;
    const name = fields[fields.length - 1] ?? base;
    add({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      kind: 'member',
      name,
      base,
      fields,
      priority: 3,
    });
  }
  for (const m of anchoredMatches(text, LINE_SCANS.call)) {
    const name = m[1] ?? '';
    const tail = m[2] ?? '';
    if (/^\d/.test(name)) continue;
    const end = m.index + name.length + (tail === '()' ? 2 : 0);
    const c: Candidate = {
      start: m.index,
      end,
      text: text.slice(m.index, end),
      kind: 'call',
      name,
      priority: 2,
    };
    // `word(` is common in prose (`thread(s)`); with arguments only C-looking or known names count.
    if (tail === '(' && !name.includes('_')) c.ifKnown = name;
    add(c);
  }
  for (const m of text.matchAll(MACRO_RE)) {
    add({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'macro', name: m[0], priority: 1 });
  }
  for (const m of text.matchAll(SNAKE_RE)) {
    add({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      kind: 'name',
      name: m[0],
      priority: 0,
      ifKnown: m[0],
    });
  }
  // Sorted once; a stable sort, so the candidates a lookup keeps stay in the order they would sort to alone.
  return candidates.sort((a, b) => a.start - b.start || b.end - a.end || b.priority - a.priority);
}

/**
 * The identifiers among a text's candidates (`findCandidates`) for one lookup's known names. Earliest
 * start wins; at the same start the longer match, then the stronger kind (the candidates' order).
 */
export function pickIdentifiers(candidates: readonly Candidate[], options: DetectOptions = {}): Mention[] {
  const isKnown = options.isKnown ?? (() => false);
  const out: Mention[] = [];
  let reached = 0;
  for (const candidate of candidates) {
    // Tested before the copy: most candidates of a long text overlap a kept one or name nothing known.
    if (candidate.start < reached) continue;
    if (candidate.ifKnown !== undefined && !isKnown(candidate.ifKnown)) continue;
    const { priority: _priority, ifKnown: _ifKnown, ...mention } = candidate;
    out.push(mention);
    reached = mention.end;
  }
  return out;
}
