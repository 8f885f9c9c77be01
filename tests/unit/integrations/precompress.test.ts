import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { gzipCopy, precompressPagesStep, RenderedPageGzips } from '../../../src/integrations/precompress.ts';
import { pageFile } from '../../../src/integrations/render-plan.ts';

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
/** A build's context: a full build, or an incremental one in which Astro wrote `written`. */
const context = (incremental: boolean, written: string[] = []) => ({
  cacheDir: '',
  shard: null,
  changes: { incremental, rendered: new Set<string>(), removed: [], written, kept: {}, next: {} },
});
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
    await gzipCopy(file, 'named');
    age(`${file}.gz`, -10);
    expect(await gzipCopy(file, 'named')).toBe(0);
    expect(unpacked(file)).toBe(text('code'));
  });

  it('in a full build, packs every page written since its copy, not the hashed assets', async () => {
    const out = scratch();
    mkdirSync(join(out, '_astro'));
    mkdirSync(join(out, 'threads'));
    const asset = join(out, '_astro', 'island.3f2a.js');
    const page = join(out, 'threads', 'index.html');
    writeFileSync(asset, text('asset'));
    writeFileSync(page, text('page'));
    await precompressPagesStep.run(out, logger, context(false));
    // Both files written again (same asset bytes, a changed page), after the copies.
    for (const path of [asset, page]) age(`${path}.gz`, -10);
    writeFileSync(asset, text('asset'));
    writeFileSync(page, text('page, changed'));
    expect(await precompressPagesStep.run(out, logger, context(false))).toMatch(/^gzipped 1 files/);
    expect(unpacked(page)).toBe(text('page, changed'));
    expect(unpacked(asset)).toBe(text('asset'));
  });

  it('in an incremental build, packs what Astro wrote and the new hashed assets, and lists nothing else', async () => {
    const out = scratch();
    mkdirSync(join(out, '_astro'));
    mkdirSync(join(out, 'threads', 'a'), { recursive: true });
    mkdirSync(join(out, 'threads', 'b'), { recursive: true });
    const kept = join(out, 'threads', 'a', 'index.html');
    const rendered = join(out, 'threads', 'b', 'index.html');
    const feed = join(out, 'atom.xml');
    for (const file of [kept, rendered, feed]) writeFileSync(file, text('before'));
    await precompressPagesStep.run(out, logger, context(false));
    // The kept page's file is newer than its copy, as a full build's walk would see: not listed, it
    // keeps its copy. The rendered page and the feed are listed by Astro; a new island is in _astro/.
    for (const file of [kept, rendered, feed]) age(`${file}.gz`, -10);
    writeFileSync(kept, text('kept'));
    writeFileSync(rendered, text('rendered'));
    writeFileSync(feed, text('feed'));
    const island = join(out, '_astro', 'island.9c1e.js');
    writeFileSync(island, text('island'));
    const summary = await precompressPagesStep.run(out, logger, context(true, [rendered, feed]));
    expect(summary).toMatch(/^gzipped 3 files/);
    expect(unpacked(rendered)).toBe(text('rendered'));
    expect(unpacked(feed)).toBe(text('feed'));
    expect(unpacked(island)).toBe(text('island'));
    expect(unpacked(kept)).toBe(text('before'));
  });

  it('takes the copies of pages made as they were rendered, and packs again a file that is not the page rendered', async () => {
    const out = scratch();
    const watcher = precompressPagesStep.watch?.({
      shard: null,
      incremental: false,
      outDir: out,
      cacheDir: out,
    });
    if (!(watcher instanceof RenderedPageGzips)) throw new Error('the pages step watches the rendering');
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(watcher.wants('/threads/a/')).toBe(true);
    expect(watcher.wants('/atom.xml')).toBe(false);
    // Shown before Astro writes the files, as the prerenderer shows them.
    watcher.page('/threads/a/', { bytes: bytes(text('a')), route: 'page' });
    watcher.page('/threads/b/', { bytes: bytes(text('b')), route: 'page' });
    // An endpoint asked for with a `/` is the file of its name: not a page, left to the step.
    watcher.page('/diagrams/x.svg/', { bytes: bytes(text('svg')), route: 'endpoint' });
    const a = join(out, 'threads', 'a', 'index.html');
    const b = join(out, 'threads', 'b', 'index.html');
    expect(await watcher.savedFor('threads/a/index.html', text('a').length)).toBeGreaterThan(0);
    expect(await watcher.savedFor('threads/a/index.html', 5)).toBe('stale');
    expect(await watcher.savedFor('atom.xml', 5)).toBeNull();
    expect(unpacked(a)).toBe(text('a'));
    await watcher.savedFor('threads/b/index.html', text('b').length);
    writeFileSync(a, text('a'));
    writeFileSync(b, text('b, written otherwise'));
    // Older than its file: the walk alone would pack page a again.
    age(`${a}.gz`, -10);
    const before = statSync(`${a}.gz`).mtimeMs;
    const step = precompressPagesStep.run(out, logger, { ...context(false), watcher });
    expect(await step).toMatch(/^gzipped 2 files/);
    expect(statSync(`${a}.gz`).mtimeMs).toBe(before);
    expect(unpacked(b)).toBe(text('b, written otherwise'));
    expect(pageFile('/threads/b/2/')).toBe('threads/b/2/index.html');
    expect(await watcher.savedFor('diagrams/x.svg/index.html', text('svg').length)).toBeNull();
    expect(existsSync(join(out, 'diagrams'))).toBe(false);
  });
});
