// Comparing a kernel:index index with a Universal Ctags tags file, per kind: counts, agreements and a
// spread-out sample of disagreements with their source line. For bench/kernel-index.ts.
//
// The tags file is streamed (6.1's is over 1 GB: more than one JS string can hold) and only the keys of
// our own symbols are held, one map per kind.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { SymbolDef } from '../src/lib/kernel/types.ts';

// ctags' C kinds (the defaults plus p) and ours.
const CTAGS_KIND: Record<string, string> = {
  f: 'function',
  s: 'struct',
  u: 'union',
  m: 'field',
  d: 'macro',
  v: 'variable',
  t: 'typedef',
  p: 'prototype (not indexed: declarations only)',
  e: 'enumerator (not indexed)',
  g: 'enum (not indexed)',
};
const KINDS = ['function', 'struct', 'union', 'field', 'macro', 'variable', 'typedef'];

/** One tags-file line: name, file, kind letter, line. */
interface Tag {
  name: string;
  file: string;
  kind: string;
  line: number;
}

// Read with indexOf rather than split: 6.1's tags file has 7.3 million lines.
function parseTag(line: string): Tag | null {
  if (line === '' || line.startsWith('!_TAG_')) return null;
  // name, file, ex-command;" then fields: the kind letter first, `line:N` among the others.
  const tab1 = line.indexOf('\t');
  const tab2 = line.indexOf('\t', tab1 + 1);
  const fields = line.lastIndexOf(';"\t');
  if (tab1 < 0 || tab2 < 0 || fields < 0) return null;
  const kindEnd = line.indexOf('\t', fields + 3);
  const kind = line.slice(fields + 3, kindEnd < 0 ? line.length : kindEnd);
  const at = line.indexOf('\tline:', fields);
  return {
    name: line.slice(0, tab1),
    file: line.slice(tab1 + 1, tab2),
    kind: /^[a-z]$/.test(kind) ? kind : '?',
    line: at < 0 ? 0 : Number.parseInt(line.slice(at + 6), 10),
  };
}

// Files are numbered so that a key is short (millions of keys are held at once).
const fileIds = new Map<string, number>();
const key = (name: string, file: string, line: number | null): string => {
  let id = fileIds.get(file);
  if (id === undefined) {
    id = fileIds.size;
    fileIds.set(file, id);
  }
  return `${id}:${line}:${name}`;
};

/** The comparison table and the sample as printable lines, and the number of ctags tags. */
export async function compareWithCtags(
  dir: string,
  tagsFile: string,
  ours: SymbolDef[],
  typedVars: number,
  sampleSize: number,
): Promise<{ tags: number; report: string[] }> {
  const report: string[] = [];
  // Per kind: our keys → index in `ours` + 1, made negative once ctags has the same tag.
  const mine = new Map<string, Map<string, number>>(KINDS.map((k) => [k, new Map()]));
  const ourCount = new Map<string, number>();
  ours.forEach((d, i) => {
    ourCount.set(d.kind, (ourCount.get(d.kind) ?? 0) + 1);
    const m = mine.get(d.kind);
    const k = key(d.name, d.file, d.line);
    if (m && !m.has(k)) m.set(k, i + 1);
  });
  const perKind = new Map<string, number>();
  const both = new Map<string, number>();
  const onlyTheirs = new Map<string, Map<string, Tag>>(KINDS.map((k) => [k, new Map()]));
  let total = 0;
  const lines = createInterface({ input: createReadStream(tagsFile, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const t = parseTag(line);
    if (!t) continue;
    total++;
    const kind = CTAGS_KIND[t.kind] ?? `${t.kind} (other)`;
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    const m = mine.get(kind);
    if (!m) continue;
    const k = key(t.name, t.file, t.line);
    const at = m.get(k);
    if (at === undefined) onlyTheirs.get(kind)?.set(k, t);
    else if (at > 0) {
      m.set(k, -at);
      both.set(kind, (both.get(kind) ?? 0) + 1);
    }
  }
  report.push('   kind          ctags   kernel:index    both   ctags only   ours only');
  const samples: string[] = [];
  for (const kind of KINDS) {
    const theirs = [...(onlyTheirs.get(kind)?.values() ?? [])];
    const onlyOurs: SymbolDef[] = [];
    for (const at of mine.get(kind)?.values() ?? []) {
      const d = at > 0 ? ours[at - 1] : undefined;
      if (d) onlyOurs.push(d);
    }
    report.push(
      `   ${kind.padEnd(10)} ${String(perKind.get(kind) ?? 0).padStart(8)} ${String(ourCount.get(kind) ?? 0).padStart(14)} ` +
        `${String(both.get(kind) ?? 0).padStart(7)} ${String(theirs.length).padStart(12)} ${String(onlyOurs.length).padStart(11)}`,
    );
    for (const tag of spread(theirs, sampleSize))
      samples.push(describe(dir, 'ctags only', kind, tag.name, tag.file, tag.line));
    for (const def of spread(onlyOurs, sampleSize))
      samples.push(
        describe(
          dir,
          'ours only',
          kind,
          def.container ? `${def.container}.${def.name}` : def.name,
          def.file,
          def.line ?? 0,
        ),
      );
  }
  for (const [kind, n] of perKind) if (!KINDS.includes(kind)) report.push(`   ctags ${kind}: ${n}`);
  report.push(
    `   kernel:index also: ${typedVars} variable names with one struct type (member chains), field containers and types`,
  );
  report.push(`   sample of disagreements (${sampleSize} per kind and side, spread over the tree):`);
  for (const s of samples) report.push(`     ${s}`);
  return { tags: total, report };
}

// n entries spread evenly over the list (deterministic: the same run gives the same sample).
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)] as T);
}

// Keyed by the full path: both trees have files of the same name (2.6.30's text shown for a 6.1 sample was
// a line or more off).
const sourceCache = new Map<string, string[]>();
function describe(dir: string, side: string, kind: string, name: string, file: string, line: number): string {
  const full = path.join(dir, file);
  let lines = sourceCache.get(full);
  if (!lines) {
    lines = existsSync(full) ? readFileSync(full, 'latin1').split('\n') : [];
    sourceCache.set(full, lines);
  }
  const text = (lines[line - 1] ?? '').trim().slice(0, 70);
  return `${side.padEnd(10)} ${kind.padEnd(8)} ${name} ${file}:${line}  | ${text}`;
}
