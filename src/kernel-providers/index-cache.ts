// The symbol index of a whole tree, kept on disk and keyed by the commit it was built from.
// Re-indexing a tree that did not change reads this file instead of parsing again.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SymbolDef, SymbolIndex, SymbolKind } from '../lib/kernel/types.ts';

/** Where cached indexes go unless `KERNEL_INDEX_CACHE` says otherwise. */
export const DEFAULT_INDEX_CACHE = join('node_modules', '.cache', 'lockstep-kernel-index');

const KINDS: SymbolKind[] = ['function', 'struct', 'union', 'field', 'macro', 'variable', 'typedef'];
// Each symbol is 7 int32s: name, kind, file, line, end line, container, type struct (-1 when absent).
const STRIDE = 7;
const MAGIC = 'lockstep-kernel-index';

/**
 * The cache file name for a tree state: the commit, which files were indexed and the indexer's own code
 * (`indexer`: a digest of the parser sources), so a change to any of them is a miss.
 */
export function cacheKey(commit: string, paths: string[], indexer: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify({ paths: [...paths].sort(), indexer }))
    .digest('hex')
    .slice(0, 16);
  return `${commit}-${digest}.idx`;
}

/** Writes an index (atomically: a reader never sees half a file). */
export async function writeCachedIndex(dir: string, key: string, index: SymbolIndex): Promise<void> {
  const strings = new Map<string, number>();
  const id = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let n = strings.get(s);
    if (n === undefined) {
      n = strings.size;
      strings.set(s, n);
    }
    return n;
  };
  const rows = new Int32Array(index.symbols.length * STRIDE);
  index.symbols.forEach((d, i) => {
    const o = i * STRIDE;
    rows[o] = id(d.name);
    rows[o + 1] = KINDS.indexOf(d.kind);
    rows[o + 2] = id(d.file);
    rows[o + 3] = d.line ?? 0;
    rows[o + 4] = d.endLine ?? 0;
    rows[o + 5] = id(d.container);
    rows[o + 6] = id(d.typeStruct);
  });
  const header = Buffer.from(
    JSON.stringify({
      magic: MAGIC,
      version: index.version,
      strings: [...strings.keys()],
      varTypes: index.varTypes,
    }),
  );
  const length = Buffer.alloc(PREFIX);
  length.writeUInt32LE(header.length, 0);
  length.writeUInt32LE(index.symbols.length, 4);
  length.writeUInt32LE(Object.keys(index.varTypes).length, 8);
  // Rows start on a 4-byte boundary so they can be read as an Int32Array view without copying.
  const pad = Buffer.alloc(padding(header.length));
  await mkdir(dir, { recursive: true });
  const path = join(dir, key);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, Buffer.concat([length, header, pad, Buffer.from(rows.buffer)]));
  await rename(temporary, path);
}

// File layout: 12-byte prefix (header length, symbol count, typed-variable count), JSON header, padding,
// then the rows.
const PREFIX = 12;
const padding = (headerLength: number): number => (4 - ((PREFIX + headerLength) % 4)) % 4;

/**
 * What a cached index holds, read from its first bytes only (no parse), or null when there is no valid
 * cache file: enough to say that an unchanged tree needs no re-index.
 */
export async function probeCachedIndex(
  dir: string,
  key: string,
): Promise<{ symbols: number; varTypes: number } | null> {
  const file = await open(join(dir, key)).catch(() => null);
  if (!file) return null;
  try {
    const prefix = Buffer.alloc(PREFIX);
    const { bytesRead } = await file.read(prefix, 0, PREFIX, 0);
    if (bytesRead < PREFIX) return null;
    const headerLength = prefix.readUInt32LE(0);
    const symbols = prefix.readUInt32LE(4);
    const size = (await file.stat()).size;
    if (size !== PREFIX + headerLength + padding(headerLength) + symbols * STRIDE * 4) return null;
    return { symbols, varTypes: prefix.readUInt32LE(8) };
  } finally {
    await file.close();
  }
}

/** Reads a cached index, or null when there is none (or it is not one of ours). */
export async function readCachedIndex(dir: string, key: string): Promise<SymbolIndex | null> {
  const data = await readFile(join(dir, key)).catch(() => null);
  if (!data || data.length < PREFIX) return null;
  const headerLength = data.readUInt32LE(0);
  const count = data.readUInt32LE(4);
  let header: { magic?: string; version: string; strings: string[]; varTypes: Record<string, string> };
  try {
    header = JSON.parse(data.subarray(PREFIX, PREFIX + headerLength).toString('utf8'));
  } catch {
    return null;
  }
  const start = PREFIX + headerLength + padding(headerLength);
  if (header.magic !== MAGIC || data.length !== start + count * STRIDE * 4) return null;
  const aligned = Buffer.from(data.subarray(start)); // a fresh buffer starts on an aligned offset
  const rows = new Int32Array(aligned.buffer, aligned.byteOffset, count * STRIDE);
  const { strings } = header;
  const symbols: SymbolDef[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * STRIDE;
    const def: SymbolDef = {
      name: strings[rows[o] ?? 0] ?? '',
      kind: KINDS[rows[o + 1] ?? 0] ?? 'function',
      file: strings[rows[o + 2] ?? 0] ?? '',
      line: rows[o + 3] || null,
    };
    if (rows[o + 4]) def.endLine = rows[o + 4];
    if ((rows[o + 5] ?? -1) >= 0) def.container = strings[rows[o + 5] ?? 0];
    if ((rows[o + 6] ?? -1) >= 0) def.typeStruct = strings[rows[o + 6] ?? 0];
    symbols[i] = def;
  }
  return { version: header.version, symbols, varTypes: header.varTypes };
}

/** A digest of the indexer's own sources and grammar, so that changing the parser invalidates the cache. */
export async function indexerDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of ['c-symbols.ts', 'c-prescan.ts', 'build-index.ts', 'symbol-pack.ts']) {
    hash.update(await readFile(new URL(`./${name}`, import.meta.url)).catch(() => Buffer.from(name)));
  }
  const grammar = createRequire(import.meta.url).resolve('tree-sitter-c/package.json');
  hash.update(await readFile(grammar));
  return hash.digest('hex').slice(0, 16);
}
