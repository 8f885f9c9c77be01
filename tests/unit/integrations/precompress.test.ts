import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { gzipCopy, precompressPagesStep } from '../../../src/integrations/precompress.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-gzip-'));
  dirs.push(dir);
  return dir;
};
const logger = { info: () => {}, warn: () => {} };
// An incremental build's context; the step reads none of it (it goes by the files' times).
const context = {
  cacheDir: '',
  shard: null,
  changes: { incremental: true, rendered: new Set<string>(), removed: [], kept: {}, next: {} },
};
const text = (word: string) => `${word} `.repeat(2000);
const unpacked = (path: string) => gunzipSync(readFileSync(`${path}.gz`)).toString();
/** Sets a file's modification time `seconds` from now. */
const age = (path: string, seconds: number) => {
  const t = new Date(Date.now() + seconds * 1000);
  utimesSync(path, t, t);
};

describe('gzip copies', () => {
  it('writes a copy, keeps one newer than its file, and makes it again when the file is newer', async () => {
    const file = join(scratch(), 'page.html');
    writeFileSync(file, text('one'));
    expect(await gzipCopy(file)).toBeGreaterThan(0);
    expect(unpacked(file)).toBe(text('one'));
    age(`${file}.gz`, 10);
    writeFileSync(file, text('two'));
    expect(await gzipCopy(file)).toBe(0);
    age(`${file}.gz`, -10);
    expect(await gzipCopy(file)).toBeGreaterThan(0);
    expect(unpacked(file)).toBe(text('two'));
  });

  it('keeps the copy of a file named by its bytes however new the file is', async () => {
    const file = join(scratch(), 'app.3f2a.js');
    writeFileSync(file, text('code'));
    await gzipCopy(file, true);
    age(`${file}.gz`, -10);
    expect(await gzipCopy(file, true)).toBe(0);
    expect(unpacked(file)).toBe(text('code'));
  });

  it('in a rebuilt site, packs again the pages written since their copies, not the hashed assets', async () => {
    const out = scratch();
    mkdirSync(join(out, '_astro'));
    mkdirSync(join(out, 'threads'));
    const asset = join(out, '_astro', 'island.3f2a.js');
    const page = join(out, 'threads', 'index.html');
    writeFileSync(asset, text('asset'));
    writeFileSync(page, text('page'));
    await precompressPagesStep.run(out, logger, context);
    // The next build writes both files again (same asset bytes, a changed page), after the copies.
    for (const path of [asset, page]) age(`${path}.gz`, -10);
    writeFileSync(asset, text('asset'));
    writeFileSync(page, text('page, changed'));
    expect(await precompressPagesStep.run(out, logger, context)).toMatch(/^gzipped 1 files/);
    expect(unpacked(page)).toBe(text('page, changed'));
    expect(unpacked(asset)).toBe(text('asset'));
  });
});
