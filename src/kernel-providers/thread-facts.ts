// File-only facts for a kernel version with no tree at hand: which file defines each symbol a thread names,
// taken from the thread's own patches or, failing that, from the nearest exact tree when the thread itself
// names that file or a file in its directory. Never a line: a line from another version would point at
// the wrong code.
import { readAllMessages } from '../importers/read-messages.ts';
import { detectIdentifiers } from '../lib/kernel/detect.ts';
import type { KernelFacts, SymbolDef, SymbolIndex, SymbolKind } from '../lib/kernel/types.ts';
import { versionTag } from '../lib/kernel/versions.ts';
import { KIND_ORDER } from './build-index.ts';

/** A symbol placed in a file by a thread's patch: hunk headers name the function or struct they are in. */
export interface PatchPlacement {
  name: string;
  kind: SymbolKind;
  file: string;
}

/**
 * Symbols the thread's patches place in files, from diff headers and the `@@ … @@ context` of each hunk
 * (git writes the enclosing function or struct there). Quoted patches (`> `) count too.
 */
export function patchPlacements(text: string): { placements: PatchPlacement[]; files: string[] } {
  const placements: PatchPlacement[] = [];
  const files = new Set<string>();
  let file: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^(?:>\s?)+/, '');
    const diff = /^diff --git a\/(\S+) b\/(\S+)/.exec(line) ?? /^\+\+\+ b\/(\S+)/.exec(line);
    if (diff) {
      file = diff[2] ?? diff[1];
      if (file) files.add(file);
      continue;
    }
    const hunk = /^@@ [^@]* @@ ?(.*)$/.exec(line);
    if (!hunk || !file || !/\.[ch]$/.test(file)) continue;
    const context = hunk[1] ?? '';
    const record = /^(?:typedef\s+)?(?:static\s+)?(struct|union)\s+([A-Za-z_]\w*)\s*\{/.exec(context);
    if (record?.[2]) {
      placements.push({ name: record[2], kind: record[1] === 'union' ? 'union' : 'struct', file });
      continue;
    }
    // A function header: the identifier right before the first `(`, and no `=` before it (not a variable).
    const fn = /^[^=(]*?\b([A-Za-z_]\w*)\s*\(/.exec(context);
    if (fn?.[1] && !/^(?:if|for|while|switch|return|sizeof)$/.test(fn[1])) {
      placements.push({ name: fn[1], kind: /^#\s*define/.test(context) ? 'macro' : 'function', file });
    }
  }
  return { placements, files: [...files] };
}

const dirOf = (file: string): string => file.slice(0, file.lastIndexOf('/') + 1);

/** What `fileFacts` reads and writes. */
export interface FileFactsOptions {
  /** The version the facts are for (`6.2-rc6`), which has no tree here. */
  version: string;
  /** Mail of the threads that discuss it (any format the importer reads). */
  mail: string[];
  /** Index of the nearest exact tree, and its version. */
  nearest: SymbolIndex;
  /** Names to place from the nearest tree even when the thread names their file nowhere. */
  add?: string[];
}

/** Builds a file-only facts file for a version from the threads that discuss it (see the module comment). */
export async function fileFacts(
  options: FileFactsOptions,
): Promise<{ facts: KernelFacts; unplaced: string[] }> {
  const texts: string[] = [];
  for (const path of options.mail) {
    for (const r of await readAllMessages(path)) {
      if (!('rejected' in r)) texts.push(`${r.subject}\n${r.body}`);
    }
  }
  const named = new Set<string>();
  const mentionedFiles = new Set<string>();
  const placed = new Map<string, PatchPlacement>();
  for (const text of texts) {
    const { placements, files } = patchPlacements(text);
    for (const f of files) mentionedFiles.add(f);
    for (const p of placements) if (!placed.has(p.name)) placed.set(p.name, p);
    for (const m of detectIdentifiers(text)) {
      if (m.kind === 'path') mentionedFiles.add(m.name);
      else if (m.kind === 'call' || m.kind === 'struct' || m.kind === 'macro') named.add(m.name);
    }
  }
  const mentionedDirs = new Set([...mentionedFiles].map(dirOf));
  const nearestTag = versionTag(options.nearest.version);
  const tag = versionTag(options.version);
  const byName = new Map<string, SymbolDef[]>();
  for (const d of options.nearest.symbols) {
    if (d.kind === 'field') continue;
    const list = byName.get(d.name);
    if (list) list.push(d);
    else byName.set(d.name, [d]);
  }
  // The nearest tree's single file for a name, preferring functions; undefined when it has several.
  const nearestFile = (name: string): { file: string; kind: SymbolKind } | undefined => {
    const defs = byName.get(name) ?? [];
    const kind = KIND_ORDER.find((k) => defs.some((d) => d.kind === k));
    const files = new Set(defs.filter((d) => d.kind === kind).map((d) => d.file));
    const [file] = files;
    return kind && file && files.size === 1 ? { file, kind } : undefined;
  };
  const symbols: SymbolDef[] = [];
  const verified: Record<string, string> = {};
  const unplaced: string[] = [];
  const forced = new Set(options.add ?? []);
  for (const name of [...new Set([...named, ...placed.keys(), ...forced])].sort()) {
    const patch = placed.get(name);
    if (patch) {
      symbols.push({ name, kind: patch.kind, file: patch.file, line: null });
      verified[name] = "a hunk header of the thread's own patch";
      continue;
    }
    const near = nearestFile(name);
    const why = !near
      ? undefined
      : forced.has(name)
        ? 'placed on request'
        : mentionedFiles.has(near.file)
          ? 'the thread names that file'
          : mentionedDirs.has(dirOf(near.file))
            ? 'the thread names files in that directory'
            : undefined;
    if (near && why) {
      symbols.push({ name, kind: near.kind, file: near.file, line: null });
      verified[name] = `as in ${nearestTag}, the nearest exact tree here (${why}); not checked at ${tag}`;
      continue;
    }
    if (forced.has(name) || named.has(name)) unplaced.push(name);
  }
  const facts: KernelFacts = {
    version: options.version,
    source:
      `File-only facts for ${tag}: no tree of that version was at hand. Files come from the threads' own ` +
      `patches or from ${nearestTag} where the thread names that file (kernel:index --file-facts); lines ` +
      'are null on purpose.',
    symbols,
    varTypes: {},
    verified,
  };
  return { facts, unplaced };
}
