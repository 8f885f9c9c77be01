// Reading the committed per-version facts files (content/kernel/<version>.json).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KernelFacts } from '../lib/kernel/types.ts';

/** The facts folder of the repository, relative to where builds and tests run. */
export const DEFAULT_FACTS_DIR = 'content/kernel';

/** Versions that have a facts file, sorted. */
export async function listFactVersions(dir = DEFAULT_FACTS_DIR): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .sort();
}

/** The facts for a version, or null when there is no file for it. A malformed file throws with its path. */
export async function loadFacts(version: string, dir = DEFAULT_FACTS_DIR): Promise<KernelFacts | null> {
  const path = join(dir, `${version}.json`);
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  const data = JSON.parse(text) as KernelFacts;
  if (data.version !== version || !Array.isArray(data.symbols)) {
    throw new Error(`${path}: expected {"version": "${version}", "symbols": [...]}`);
  }
  return { ...data, varTypes: data.varTypes ?? {} };
}
