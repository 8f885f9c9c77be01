import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../src/importers/import-archives.ts';
import { isRejection, readAllMessages } from '../../../src/importers/read-messages.ts';
import {
  IMPORTED_IDS,
  listThreadFolders,
  readThreadFolder,
  readThreadMeta,
} from '../../../src/importers/thread-folder.ts';
import { stripAngles } from '../../../src/lib/mail/ids.ts';
import type { ParsedMessage } from '../../../src/lib/mail/types.ts';
import { fileTree } from '../support/file-tree.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const seed = '/work/shared/seeds/000_e00f944b4ec83845.txt';

function requireCorpus(): Record<string, { messages: number }> {
  if (!existsSync(join(corpus, 'counts.json'))) {
    throw new Error(`corpus missing: expected ${corpus}/counts.json (see the repo README)`);
  }
  return JSON.parse(readFileSync(join(corpus, 'counts.json'), 'utf8')).files;
}

/** Runs `npm run import -- --json …` and returns the JSON object on the last stdout line. */
function runImport(args: string[]): ImportSummary {
  const out = execFileSync('npm', ['run', '--silent', 'import', '--', '--json', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const last = out.trim().split('\n').at(-1) as string;
  return JSON.parse(last) as ImportSummary;
}

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-import-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('imports the seed page and reads it back through readThreadFolder', async () => {
    const out = join(tmp(), 'threads');
    const summary = runImport(['--out', out, seed]);
    expect(summary).toMatchObject({ messages_read: 1, imported: 1, rejected: 0, duplicates: 0, threads: 1 });
    expect(summary.rejections_file).toBe(`${out}.rejections.jsonl`);
    expect(readFileSync(summary.rejections_file, 'utf8')).toBe('');
    const [folder] = await listThreadFolders([out]);
    const thread = await readThreadFolder(folder as string);
    expect(thread.slug).toMatch(
      /^ofa-general-2009-2-6-30-1-possible-irq-lock-inversion-dependency-[0-9a-f]{8}$/,
    );
    expect(thread.meta).toMatchObject({
      title: 'Re: 2.6.30.1: possible irq lock inversion dependency detected',
      list: 'ofa-general',
      messages: 1,
      first: '2009-08-10T20:48:28.000Z',
      last: '2009-08-10T20:48:28.000Z',
      sources: [{ file: '000_e00f944b4ec83845.txt', format: 'pipermail-text' }],
    });
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]?.from).toEqual({ name: 'Roland Dreier', address: 'rdreier@cisco.com' });
    expect(readFileSync(join(folder as string, '000_e00f944b4ec83845.txt')).equals(readFileSync(seed))).toBe(
      true,
    );
  });

  it('imports the 64 edge cases: none lost, byte-exact, and identical on re-import', async () => {
    requireCorpus();
    const source = join(corpus, 'edge-cases');
    const a = join(tmp(), 'threads');
    const b = join(tmp(), 'threads');
    const first = runImport(['--out', a, source]);
    expect(first).toMatchObject({ messages_read: 64, imported: 64, rejected: 0, duplicates: 2 });
    runImport(['--out', b, source]);
    expect(fileTree(a)).toEqual(fileTree(b));
    const original = (await readAllMessages(source, { keepRaw: true, decode: 'headers' })) as ParsedMessage[];
    const back: ParsedMessage[] = [];
    for (const dir of await listThreadFolders([a])) back.push(...(await readThreadFolder(dir)).messages);
    expect(back).toHaveLength(64);
    const digest = (m: ParsedMessage) =>
      createHash('sha256')
        .update(m.raw ?? new Uint8Array())
        .digest('hex');
    const reread = [];
    for (const dir of await listThreadFolders([a])) {
      for (const r of await readAllMessages(join(dir, 'thread.mbox'), { keepRaw: true, decode: 'headers' })) {
        if (!isRejection(r)) reread.push(digest(r));
      }
    }
    expect(reread.sort()).toEqual(original.map(digest).sort());
    expect(back.filter((m) => m.body.length > 0).length).toBeGreaterThanOrEqual(62);
    // The Message-IDs each thread.yaml lists (which the build trusts instead of reading the folder) are
    // the ids the build reads from its mail; a folder with a message that has no Message-ID lists none.
    const folders = await listThreadFolders([a]);
    for (const dir of folders) {
      const { meta, messages } = await readThreadFolder(dir, { decode: 'headers' });
      expect(messages.some((m) => m.messageIdDerived)).toBe(false);
      expect(meta[IMPORTED_IDS]).toEqual([...new Set(messages.map((m) => stripAngles(m.messageId)))]);
    }
    expect(folders.length).toBeGreaterThan(40);
  });

  it('lists no Message-IDs in thread.yaml for a thread with a message that has none', async () => {
    const dir = tmp();
    const mail = (headers: string[]) =>
      [
        'From a@example.org Mon Jan  6 10:00:00 2020',
        'From: A <a@example.org>',
        ...headers,
        '',
        'Body.',
        '',
        '',
      ].join('\n');
    writeFileSync(
      join(dir, 'in.mbox'),
      mail(['Subject: with id', 'Date: Mon, 6 Jan 2020 10:00:00 +0000', 'Message-ID: <one@x>']) +
        mail(['Subject: no id', 'Date: Mon, 6 Jan 2020 11:00:00 +0000']),
    );
    const out = join(dir, 'threads');
    expect(runImport(['--out', out, join(dir, 'in.mbox')])).toMatchObject({ imported: 2, threads: 2 });
    const metas = await Promise.all((await listThreadFolders([out])).map((d) => readThreadMeta(d)));
    expect(metas.map((m) => [m.title, m[IMPORTED_IDS]]).sort()).toEqual([
      ['no id', undefined],
      ['with id', ['one@x']],
    ]);
  });

  it('imports the public-inbox sample and the locking mbox with every message accounted for', () => {
    const counts = requireCorpus();
    const cases: [string, number][] = [
      ['public-inbox-sample/git/0.git', counts['public-inbox-sample/git/0.git']?.messages ?? -1],
      ['linux-rdma-locking.mbox.gz', counts['linux-rdma-locking.mbox.gz']?.messages ?? -1],
    ];
    for (const [path, expected] of cases) {
      const summary = runImport(['--out', join(tmp(), 'threads'), join(corpus, path)]);
      expect([path, summary.messages_read]).toEqual([path, expected]);
      expect(summary.imported + summary.rejected).toBe(summary.messages_read);
    }
  }, 120_000);
});

describe('readMessages on the corpus', () => {
  it('reads exactly the ground-truth number of messages from the bulk mbox', async () => {
    const counts = requireCorpus();
    let n = 0;
    for (const r of await readAllMessages(join(corpus, 'linux-rdma-bulk.mbox.gz'), { decode: 'headers' })) {
      expect(isRejection(r)).toBe(false);
      n++;
    }
    expect(n).toBe(counts['linux-rdma-bulk.mbox.gz']?.messages);
  }, 60_000);
});
