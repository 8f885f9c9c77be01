import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageMessages } from '../../../src/loaders/page-data.ts';
import { messageIdCache } from '../../../src/loaders/stamped-cache.ts';
import { folderCache, planThreadPages } from '../../../src/loaders/thread-pages.ts';

// Mail of our own: one thread of two messages, one unrelated message, written as mboxrd.
function message(id: string, subject: string, parent?: string): string {
  return [
    'From sender@example.org Mon Jan  6 10:00:00 2020',
    'From: A Sender <sender@example.org>',
    `Subject: ${subject}`,
    'Date: Mon, 6 Jan 2020 10:00:00 +0000',
    `Message-ID: <${id}>`,
    ...(parent ? [`In-Reply-To: <${parent}>`, `References: <${parent}>`] : []),
    '',
    `Body of ${id}.`,
    '',
    '',
  ].join('\n');
}

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ls-pages-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mailFolder = (root: string, messages: string) => ({
  [`${root}/thread.yaml`]: `title: imported\nroot: ${root === 'imp-a' ? 'a1@x' : 'b1@x'}\nsources:\n  - file: thread.mbox\n    format: mbox\n`,
  [`${root}/thread.mbox`]: messages,
});

describe('planThreadPages', () => {
  it('joins an annotation folder to imported mail by Message-ID: one page, not two', async () => {
    const annotations = tree({
      'my-thread/thread.yaml': 'title: Mine\nroot: a1@x\n',
      'my-thread/notes.mdx': '',
    });
    const imported = tree({
      ...mailFolder('imp-a', message('a1@x', 'first') + message('a2@x', 'Re: first', 'a1@x')),
      ...mailFolder('imp-b', message('b1@x', 'other')),
    });
    const warnings: string[] = [];
    const pages = await planThreadPages([annotations, imported], (w) => warnings.push(w));
    expect(pages.map((p) => [p.slug, p.annotated, p.mailDirs.map((d) => d.split('/').pop())])).toEqual([
      ['imp-b', false, ['imp-b']],
      ['my-thread', true, ['imp-a']],
    ]);
    expect(warnings).toEqual([]);
    const mine = pages.find((p) => p.slug === 'my-thread');
    if (!mine) throw new Error('no page');
    expect((await pageMessages(mine)).map((m) => m.messageId)).toEqual(['a1@x', 'a2@x']);
  });

  it('finds a root that is not an imported folder’s first message by reading the headers', async () => {
    const annotations = tree({ 'reply-root/thread.yaml': 'root: a2@x\njoins: [b1@x]\n' });
    const imported = tree({
      ...mailFolder('imp-a', message('a1@x', 'first') + message('a2@x', 'Re: first', 'a1@x')),
      ...mailFolder('imp-b', message('b1@x', 'other')),
    });
    const pages = await planThreadPages([annotations, imported]);
    expect(pages.map((p) => p.slug)).toEqual(['reply-root']);
    expect(pages[0]?.mailDirs.map((d) => d.split('/').pop())).toEqual(['imp-a', 'imp-b']);
    expect(pages[0]?.missing).toEqual([]);
  });

  it('counts the mail folders it reads for their Message-IDs, for the build progress', async () => {
    const annotations = tree({ 'reply-root/thread.yaml': 'root: a2@x\n' });
    const imported = tree({
      ...mailFolder('imp-a', message('a1@x', 'first') + message('a2@x', 'Re: first', 'a1@x')),
      ...mailFolder('imp-b', message('b1@x', 'second')),
    });
    const counted: { total: number; ticks: number; done: boolean }[] = [];
    await planThreadPages([annotations, imported], undefined, undefined, {}, (total) => {
      const step = { total, ticks: 0, done: false };
      counted.push(step);
      return {
        tick: () => {
          step.ticks += 1;
        },
        done: () => {
          step.done = true;
        },
      };
    });
    expect(counted).toEqual([{ total: 2, ticks: 2, done: true }]);
  });

  it('takes a folder’s ids from the importer’s list in thread.yaml, unless its mail is newer', async () => {
    // The list names z9@x, which no mail holds: the page joined to imp-b proves the list answered.
    const annotations = tree({ 'listed-root/thread.yaml': 'root: z9@x\n' });
    const imported = tree({ ...mailFolder('imp-b', message('b1@x', 'other')) });
    const yaml = join(imported, 'imp-b', 'thread.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}message_ids: [b1@x, z9@x]\n`);
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(imported, 'imp-b', 'thread.mbox'), past, past);
    const plan = async () =>
      (await planThreadPages([annotations, imported])).map((p) => [
        p.slug,
        p.mailDirs.map((d) => d.split('/').pop()),
        p.missing,
      ]);
    expect(await plan()).toEqual([['listed-root', ['imp-b'], []]]);
    // The mbox written after the list (edited by hand): its mail is read, and the list ignored.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(imported, 'imp-b', 'thread.mbox'), later, later);
    expect(await plan()).toEqual([
      ['imp-b', ['imp-b'], []],
      ['listed-root', [], ['z9@x']],
    ]);
  });

  it('keeps each folder’s ids for the next build, and reads a folder again when its mail changed', async () => {
    const annotations = tree({ 'reply-root/thread.yaml': 'root: a2@x\n' });
    const imported = tree({
      ...mailFolder('imp-a', message('a1@x', 'first') + message('a2@x', 'Re: first', 'a1@x')),
    });
    const cacheDir = tree({ 'keep.txt': '' });
    const plan = async () => {
      const ids = messageIdCache(cacheDir);
      const pages = await planThreadPages([annotations, imported], undefined, undefined, { ids });
      ids.save();
      return pages.map((p) => [p.slug, p.mailDirs.map((d) => d.split('/').pop()), p.missing]);
    };
    expect(await plan()).toEqual([['reply-root', ['imp-a'], []]]);
    const saved = JSON.parse(readFileSync(join(cacheDir, 'lockstep-message-ids.json'), 'utf8'));
    expect(Object.values(saved).map((held) => (held as { value: string[] }).value)).toEqual([
      ['a1@x', 'a2@x'],
    ]);
    // Unchanged files: the kept ids answer (a planted id proves they were used, not the mail).
    const [dir] = Object.keys(saved) as [string];
    saved[dir].value = ['a1@x'];
    writeFileSync(join(cacheDir, 'lockstep-message-ids.json'), JSON.stringify(saved));
    // (imp-a, joined to no annotation page then, is a page of its own.)
    expect(await plan()).toEqual([
      ['imp-a', ['imp-a'], []],
      ['reply-root', [], ['a2@x']],
    ]);
    // The mbox changed (size and time): read again.
    writeFileSync(
      join(imported, 'imp-a', 'thread.mbox'),
      message('a1@x', 'first') + message('a2@x', 'Re: first!', 'a1@x'),
    );
    expect(await plan()).toEqual([['reply-root', ['imp-a'], []]]);
  });

  it('keeps each folder’s thread.yaml and annotations for the next build, and reads a changed folder again', async () => {
    const imported = tree({ ...mailFolder('imp-a', message('a1@x', 'first')) });
    const cacheDir = tree({ 'keep.txt': '' });
    const plan = async () => {
      const folders = folderCache(cacheDir);
      const pages = await planThreadPages([imported], undefined, undefined, { folders });
      folders.save();
      return pages.map((p) => [p.slug, p.meta.title, p.annotated]);
    };
    expect(await plan()).toEqual([['imp-a', 'imported', false]]);
    // Unchanged folder: the kept facts answer (a planted title proves they were used, not the file).
    const file = join(cacheDir, 'lockstep-thread-folders.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const [dir] = Object.keys(saved) as [string];
    saved[dir].value.meta.title = 'kept';
    writeFileSync(file, JSON.stringify(saved));
    expect(await plan()).toEqual([['imp-a', 'kept', false]]);
    // Notes written beside the mail: the folder's listing changed, so it is an annotated page now.
    writeFileSync(join(imported, 'imp-a', 'notes.mdx'), 'Notes.');
    expect(await plan()).toEqual([['imp-a', 'imported', true]]);
    // thread.yaml rewritten: read again.
    writeFileSync(
      join(imported, 'imp-a', 'thread.yaml'),
      'title: renamed\nroot: a1@x\nsources:\n  - file: thread.mbox\n    format: mbox\n',
    );
    expect(await plan()).toEqual([['imp-a', 'renamed', true]]);
  });

  it('builds an annotation page without mail, says which ids are missing, and asks the lore seam', async () => {
    const annotations = tree({ 'alone/thread.yaml': 'root: <gone@x>\njoins: [cached@x]\n' });
    const asked: string[] = [];
    const lore = async (id: string) => {
      asked.push(id);
      return id === 'cached@x' ? '/cache/cached.mbox.gz' : undefined;
    };
    const warnings: string[] = [];
    const pages = await planThreadPages([annotations], (w) => warnings.push(w), lore);
    expect(asked).toEqual(['gone@x', 'cached@x']);
    expect(pages[0]).toMatchObject({
      slug: 'alone',
      mailDirs: [],
      loreFiles: ['/cache/cached.mbox.gz'],
      missing: ['gone@x'],
    });
    expect(warnings).toEqual([expect.stringContaining('no mail for <gone@x>')]);
  });

  it('keeps a folder with its own mail and notes as its own page (the seed’s layout)', async () => {
    const root = tree({
      ...mailFolder('imp-a', message('a1@x', 'first')),
      'imp-a/notes.mdx': '',
    });
    const pages = await planThreadPages([root]);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ slug: 'imp-a', annotated: true, missing: [] });
    expect(pages[0]?.mailDirs).toHaveLength(1);
  });

  it('rejects a thread.yaml with neither sources nor root', async () => {
    const root = tree({ 'bad/thread.yaml': 'title: nothing\n' });
    await expect(planThreadPages([root])).rejects.toThrow(/'sources' must list at least one file, or 'root'/);
  });
});
