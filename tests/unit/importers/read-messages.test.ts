import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSourceFormat } from '../../../src/importers/detect-source.ts';
import { isRejection, type ReadResult, readAllMessages } from '../../../src/importers/read-messages.ts';
import { mboxrdEntry } from '../../../src/lib/mail/mbox.ts';
import type { ParsedMessage } from '../../../src/lib/mail/types.ts';

const fixtures = resolve(import.meta.dirname, '../../fixtures/mail');
const seed = '/work/shared/seeds/000_e00f944b4ec83845.txt';
const EMLS = ['flowed-utf8.eml', 'html-only.eml', 'patch-attachment.eml'];
const raw = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));

const ids = (results: ReadResult[]) =>
  results.map((r) => (isRejection(r) ? `rejected:${r.reason}` : r.messageId));
const EXPECTED_IDS = ['flowed-1@example.org', 'html-1@example.org', 'patch-att@example.org'];

let dir: string;

function git(repo: string, args: string[], input?: string): string {
  return execFileSync('git', ['--git-dir', repo, ...args], {
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.org',
      GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
    },
  }).trim();
}

/** A public-inbox v2 epoch built like the real thing: one commit per message, blob `m`; the last commit removes it. */
function makePublicInbox(root: string): string {
  const repo = join(root, 'inbox', 'git', '0.git');
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '--bare', '-q']);
  let parent: string | null = null;
  const commit = (tree: string) => {
    const c = git(repo, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', 'msg']);
    parent = c;
  };
  for (const name of EMLS) {
    const blob = git(repo, ['hash-object', '-w', join(fixtures, name)]);
    commit(git(repo, ['mktree'], `100644 blob ${blob}\tm\n`));
  }
  commit(git(repo, ['mktree'], ''));
  git(repo, ['update-ref', 'refs/heads/master', parent as unknown as string]);
  return join(root, 'inbox');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-read-'));
  const mbox = EMLS.map((n) => mboxrdEntry(raw(n), 'x@example.org', new Date('2024-01-01T00:00:00Z')));
  const bytes = Buffer.concat(mbox);
  writeFileSync(join(dir, 'list.mbox'), bytes);
  writeFileSync(join(dir, 'list.mbox.gz'), gzipSync(bytes));
  mkdirSync(join(dir, 'emls'));
  for (const n of EMLS) copyFileSync(join(fixtures, n), join(dir, 'emls', n));
  writeFileSync(join(dir, 'emls', 'README.md'), '# not mail\n');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'maildir', sub), { recursive: true });
  for (const [i, n] of EMLS.entries()) {
    copyFileSync(join(fixtures, n), join(dir, 'maildir', i < 2 ? 'cur' : 'new', `${1000 + i}.host:2,S`));
  }
  writeFileSync(join(dir, 'maildir', 'tmp', 'partial'), 'Subject: unfinished\n');
  writeFileSync(join(dir, '2009-March.txt.gz'), gzipSync(readFileSync(join(fixtures, '2009-March.txt'))));
  copyFileSync(join(fixtures, 'pipermail-page.html'), join(dir, '000101.html'));
  makePublicInbox(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detectSourceFormat', () => {
  it('tells every supported source apart', async () => {
    const cases: [string, string][] = [
      ['list.mbox', 'mbox'],
      ['list.mbox.gz', 'mbox'],
      ['emls', 'eml-dir'],
      ['emls/html-only.eml', 'eml'],
      ['maildir', 'maildir'],
      ['inbox', 'public-inbox'],
      ['inbox/git/0.git', 'public-inbox'],
      ['2009-March.txt.gz', 'pipermail-month'],
      ['000101.html', 'pipermail-html'],
    ];
    for (const [path, format] of cases)
      expect([path, await detectSourceFormat(join(dir, path))]).toEqual([path, format]);
    expect(await detectSourceFormat(seed)).toBe('pipermail-text');
  });
});

describe('readMessages', () => {
  it('reads plain and gzipped mbox byte-exactly', async () => {
    for (const name of ['list.mbox', 'list.mbox.gz']) {
      const results = await readAllMessages(join(dir, name), { keepRaw: true });
      expect(ids(results)).toEqual(EXPECTED_IDS);
      results.forEach((r, i) => {
        expect(Buffer.from((r as ParsedMessage).raw as Uint8Array).equals(raw(EMLS[i] as string))).toBe(true);
      });
      expect((results[0] as ParsedMessage).source).toEqual({ kind: 'mbox', file: join(dir, name), index: 0 });
    }
  });

  it('reads a folder of .eml files, ignoring other files, and a Maildir without tmp/', async () => {
    expect(ids(await readAllMessages(join(dir, 'emls')))).toEqual(EXPECTED_IDS);
    expect(ids(await readAllMessages(join(dir, 'maildir')))).toEqual(EXPECTED_IDS);
  });

  it('reads public-inbox through git cat-file and rejects a commit without blob m', async () => {
    const results = await readAllMessages(join(dir, 'inbox'), { decode: 'headers' });
    expect(ids(results).slice(0, 3)).toEqual(EXPECTED_IDS);
    expect(results).toHaveLength(4);
    const last = results[3];
    expect(last && isRejection(last) && last.reason).toMatch(/^no blob 'm' in commit/);
  });

  it('reads pipermail monthly archives with obfuscated addresses and mboxo escaping', async () => {
    const results = (await readAllMessages(join(dir, '2009-March.txt.gz'))) as ParsedMessage[];
    expect(ids(results)).toEqual(['first@host.example.org', 'second@other.example.org']);
    expect(results[0]?.from).toEqual({ name: 'Ana Example', address: 'ana@host.example.org' });
    expect(results[0]?.body).toContain('\nFrom the docs I cannot tell.');
    expect(results[1]?.inReplyTo).toEqual(['first@host.example.org']);
  });

  it('reads pipermail pages (HTML and the seed text form) and applies --list', async () => {
    const [page] = await readAllMessages(join(dir, '000101.html'));
    expect(page && !isRejection(page) && page.messageId).toBe('87abc.fsf@host.example.org');
    const [s] = (await readAllMessages(seed, { list: 'other' })) as ParsedMessage[];
    expect(s?.list).toBe('ofa-general');
    expect(s?.from.address).toBe('rdreier@cisco.com');
  });

  it('turns an unparseable entry into a rejection instead of throwing', async () => {
    const path = join(dir, 'junk.mbox');
    writeFileSync(
      path,
      `From x Mon Jan  1 00:00:00 2024\nnot a header line\n\nFrom y Mon Jan  1 00:00:00 2024\n${readFileSync(join(fixtures, 'html-only.eml'), 'latin1')}`,
      'latin1',
    );
    const results = await readAllMessages(path);
    expect(ids(results)).toEqual(['rejected:no header fields (not a mail message)', 'html-1@example.org']);
    expect(results[0]).toMatchObject({ rejected: true, source: path, index: 0 });
  });
});
