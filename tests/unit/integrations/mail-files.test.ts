// The mail files beside the pages: the loader's per-page folders (src/loaders/mail-files.ts) and the
// build step placing them (src/integrations/mail-files.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { keptForm, mailFilesStep, placedForm, placeMailFiles } from '../../../src/integrations/mail-files.ts';
import { fullBuildChanges } from '../../../src/integrations/render-plan.ts';
import { MIN_GZIP_BYTES } from '../../../src/loaders/gzip-copy.ts';
import { mailFilesFolder, writeMailManifest, writePageMailFiles } from '../../../src/loaders/mail-files.ts';
import { pageMessages } from '../../../src/loaders/page-data.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'lockstep-mailfiles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Imports `source` into a fresh content folder; returns the one thread folder's path. */
function importOne(source: string, name: string): string {
  const content = join(work, name);
  execFileSync(resolve(repoRoot, 'node_modules/.bin/node'), ['src/cli/import.ts', '--out', content, source], {
    cwd: repoRoot,
  });
  const slug = execFileSync('ls', [content], { encoding: 'utf8' }).trim().split('\n')[0] as string;
  return join(content, slug);
}

describe('mail files', () => {
  const eml = resolve(repoRoot, 'tests/fixtures/mail/patch-attachment.eml');
  const bytes = readFileSync(eml);
  const id = /^Message-ID:\s*<([^>]+)>/im.exec(bytes.toString('latin1'))?.[1] as string;

  it('gives the exact bytes, a text view, a one-entry mboxrd and the thread mbox', async () => {
    const dir = importOne(eml, 'one');
    const page = { mailDirs: [dir], loreFiles: [] };
    const folder = join(work, 'cache-one');
    const messages = await pageMessages(page, { keepRaw: true });
    const subject = 'Re: <b>"bold"</b> & more';
    await writePageMailFiles(folder, page, messages, [{ href: '/threads/t/2/#mabc', subject }]);
    const out = join(work, 'dist-one');
    expect(await placeMailFiles(out, [{ slug: 't', folder }])).toMatchObject({ threads: 1, messages: 1 });
    const r = join(out, 'r', ...id.split('/'));
    expect(readFileSync(join(r, 'raw.eml')).equals(bytes)).toBe(true);
    const text = readFileSync(join(r, 'raw.txt'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`<${id}>`);
    const mbox = readFileSync(join(r, 'm.mbox'), 'utf8');
    expect(mbox).toMatch(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/);
    expect(mbox.endsWith('\n\n')).toBe(true);
    const thread = gunzipSync(readFileSync(join(out, 'threads', 't', 't.mbox.gz'))).toString('latin1');
    expect(thread).toContain(`Message-ID: <${id}>`);
    // The permalink's page sends the reader to the message on its thread page, naming it escaped.
    const html = readFileSync(join(r, 'index.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/threads/t/2/#mabc">');
    expect(html).toContain('<link rel="canonical" href="/threads/t/2/#mabc">');
    expect(html).toContain(
      '<a href="/threads/t/2/#mabc" data-permalink-target>Re: &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; more</a>',
    );
    expect(html).not.toContain('<b>');
    // Files under MIN_GZIP_BYTES get no gzip copy (this raw view, and the redirect page); the bigger
    // ones come with theirs.
    expect(text.length).toBeLessThan(MIN_GZIP_BYTES);
    expect(existsSync(join(r, 'raw.txt.gz'))).toBe(false);
    expect(html.length).toBeLessThan(MIN_GZIP_BYTES);
    expect(existsSync(join(r, 'index.html.gz'))).toBe(false);
  });

  it('gzips a permalink page or raw view over MIN_GZIP_BYTES when placing it, and keeps the copy in the cache', async () => {
    const dir = importOne(eml, 'gz');
    const page = { mailDirs: [dir], loreFiles: [] };
    const folder = join(work, 'cache-gz');
    const subject = 'A long subject '.repeat(60);
    await writePageMailFiles(folder, page, await pageMessages(page, { keepRaw: true }), [
      { href: '/threads/t/#m1', subject },
    ]);
    const out = join(work, 'dist-gz');
    await placeMailFiles(out, [{ slug: 't', folder }]);
    const r = join(out, 'r', ...id.split('/'));
    const html = readFileSync(join(r, 'index.html'), 'utf8');
    expect(html.length).toBeGreaterThan(MIN_GZIP_BYTES);
    expect(gunzipSync(readFileSync(join(r, 'index.html.gz'))).toString('utf8')).toBe(html);
    // Made in the cache folder (the next build places it as it is), and nothing else left there.
    const cached = join(folder, 'r', ...id.split('/'));
    expect(readFileSync(join(cached, 'index.html.gz')).equals(readFileSync(join(r, 'index.html.gz')))).toBe(
      true,
    );
    expect(existsSync(`${folder}.gz-partial`)).toBe(false);
    // A second site placed from the same folder gets the same copy, made once.
    const again = await placeMailFiles(join(work, 'dist-gz-2'), [{ slug: 't', folder }]);
    expect(again.placed[0]?.files.filter((f) => f.endsWith('.gz')).sort()).toEqual([
      `r/${id}/index.html.gz`,
      't.mbox.gz',
    ]);
  });

  it('leaves a permalink to the first page in order that has the message', async () => {
    const first = join(work, 'cache-a');
    const second = join(work, 'cache-b');
    const dir = importOne(eml, 'two');
    const page = { mailDirs: [dir], loreFiles: [] };
    const messages = await pageMessages(page, { keepRaw: true });
    const targets = messages.map(() => ({ href: '/threads/a/#m1', subject: 'A' }));
    await writePageMailFiles(first, page, messages, targets);
    await writePageMailFiles(second, page, messages, targets);
    // Mark the second copy so the test can tell which one was placed.
    const r = (folder: string) => join(folder, 'r', ...id.split('/'), 'raw.txt');
    writeFileSync(r(second), 'second copy');
    const out = join(work, 'dist-two');
    const placed = await placeMailFiles(out, [
      { slug: 'a', folder: first },
      { slug: 'b', folder: second },
    ]);
    expect(placed).toMatchObject({ threads: 2, messages: 1 });
    expect(readFileSync(r(out), 'utf8')).not.toBe('second copy');
    // A shard owning only the second thread places its mbox, but not the permalink files the first
    // thread (another shard's) owns.
    const shard = join(work, 'dist-shard');
    expect(
      await placeMailFiles(
        shard,
        [
          { slug: 'a', folder: first },
          { slug: 'b', folder: second },
        ],
        undefined,
        (slug) => slug === 'b',
      ),
    ).toMatchObject({ threads: 1, messages: 0 });
    expect(existsSync(join(shard, 'threads', 'b', 't.mbox.gz'))).toBe(true);
    expect(existsSync(join(shard, 'threads', 'a'))).toBe(false);
    expect(existsSync(r(shard))).toBe(false);
  });

  it('builds on the last placement: an unchanged page is left, a changed one replaced, a gone one removed', async () => {
    const dir = importOne(eml, 'again');
    const page = { mailDirs: [dir], loreFiles: [] };
    const messages = await pageMessages(page, { keepRaw: true });
    const targets = messages.map(() => ({ href: '/threads/a/#m1', subject: 'A' }));
    const folders = ['inc-a1', 'inc-a2', 'inc-b'].map((name) => join(work, name));
    for (const folder of folders) await writePageMailFiles(folder, page, messages, targets);
    const [a1, a2, b] = folders as [string, string, string];
    const raw = (root: string) => join(root, 'r', ...id.split('/'), 'raw.txt');
    const out = join(work, 'dist-inc');
    const first = await placeMailFiles(out, [
      { slug: 'a', folder: a1 },
      { slug: 'b', folder: b },
    ]);
    expect(first.placed.map((p) => p.slug)).toEqual(['a', 'b']);
    expect(first.placed[0]?.files).toContain('t.mbox.gz');
    // The next build keeps each page's files by folder, and reads back the same files.
    for (const page of first.placed) {
      const kept = keptForm(page);
      expect(Object.keys(kept.folders)).toEqual(['', `r/${id}`]);
      expect(placedForm(kept).files.sort()).toEqual([...page.files].sort());
      expect(JSON.stringify(kept).length).toBeLessThan(JSON.stringify(page).length);
    }
    // Unchanged: thread b's mbox is not placed again (a marker written into the output stays).
    writeFileSync(join(out, 'threads', 'b', 't.mbox.gz'), 'kept from the last build');
    // Changed: thread a's folder is a new one, whose raw view differs; it replaces the old file.
    writeFileSync(raw(a2), 'new copy');
    await placeMailFiles(
      out,
      [
        { slug: 'a', folder: a2 },
        { slug: 'b', folder: b },
      ],
      undefined,
      undefined,
      first.placed,
    );
    expect(readFileSync(join(out, 'threads', 'b', 't.mbox.gz'), 'utf8')).toBe('kept from the last build');
    expect(readFileSync(raw(out), 'utf8')).toBe('new copy');
    // Gone: thread a leaves and its mbox goes; the message's files stay, because b has the message too.
    // Once b is gone as well, nobody claims them and they go.
    const third = await placeMailFiles(out, [{ slug: 'b', folder: b }], undefined, undefined, first.placed);
    expect(existsSync(join(out, 'threads', 'a', 't.mbox.gz'))).toBe(false);
    expect(existsSync(raw(out))).toBe(true);
    await placeMailFiles(out, [], undefined, undefined, third.placed);
    expect(existsSync(join(out, 'threads', 'b'))).toBe(false);
    expect(existsSync(raw(out))).toBe(false);
    // The permalink's folder goes when it is empty.
    expect(existsSync(join(raw(out), '..'))).toBe(false);
  });

  it('in a full build, begins placing in a worker thread before the pages render; the step reports what it placed', async () => {
    const dir = importOne(eml, 'early');
    const page = { mailDirs: [dir], loreFiles: [] };
    const cacheDir = join(work, 'cache-early');
    const folder = mailFilesFolder(cacheDir, 'early-digest');
    await writePageMailFiles(folder, page, await pageMessages(page, { keepRaw: true }), [
      { href: '/threads/t/#mabc', subject: 'early' },
    ]);
    await writeMailManifest(cacheDir, [{ slug: 't', folder }]);
    const outDir = join(work, 'dist-early');
    const context = { shard: null, outDir, cacheDir };
    expect(mailFilesStep.start?.({ ...context, incremental: true })).toBeNull();
    const started = mailFilesStep.start?.({ ...context, incremental: false });
    const raw = join(outDir, 'r', ...id.split('/'), 'raw.eml');
    // Placed with no step run, as Astro would still be rendering.
    for (const until = Date.now() + 20_000; !existsSync(raw); ) {
      if (Date.now() > until) throw new Error('the worker placed nothing');
      await new Promise((wait) => setTimeout(wait, 50));
    }
    const changes = fullBuildChanges();
    const summary = await mailFilesStep.run(
      outDir,
      { info: () => {}, warn: () => {} },
      {
        cacheDir,
        shard: null,
        changes,
        started,
      },
    );
    expect(summary).toBe('placed 1 t.mbox.gz and raw.txt, raw.eml and m.mbox for 1 messages');
    expect(readFileSync(raw).equals(bytes)).toBe(true);
    expect(existsSync(join(outDir, 'threads', 't', 't.mbox.gz'))).toBe(true);
    expect(changes.next[mailFilesStep.name]).toEqual([
      { slug: 't', folder, folders: expect.objectContaining({ '': ['t.mbox.gz'] }) },
    ]);
  });
});
