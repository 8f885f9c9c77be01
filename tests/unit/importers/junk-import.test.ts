// `npm run import` of files that hold no mail: exit 1, "no messages found in FILE (looks like …)",
// and nothing written (no thread folder, no rejections file), also when a good source comes with it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'lockstep-junk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function importCli(...sources: string[]) {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const run = spawnSync(
    resolve(repoRoot, 'node_modules/.bin/node'),
    ['src/cli/import.ts', '--out', out, ...sources],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  return { ...run, out };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
// Bytes with NULs and control characters that no decoder calls text.
const BINARY = Uint8Array.from({ length: 2048 }, (_, i) => (i * 37 + 11) % 256);

const CASES: [string, () => string, string][] = [
  ['an empty file', () => file('empty.mbox', ''), 'an empty file'],
  ['a PNG image', () => file('screenshot.png', PNG), 'a PNG image'],
  ['binary data', () => file('core.bin', BINARY), 'binary data'],
  [
    'an HTML page',
    () =>
      file(
        'page.html',
        '<!DOCTYPE html><html><head><title>Home</title></head><body><p>hi</p></body></html>\n',
      ),
    'an HTML page that is not a pipermail message page',
  ],
  ['a JSON document', () => file('data.json', '{"threads": []}\n'), 'a JSON document'],
  [
    'a README',
    () => file('README', 'Build notes\n\nRun make, then make install.\n'),
    'plain text without mail headers (it starts "Build notes")',
  ],
  [
    'gzip of text',
    () => file('notes.txt.gz', gzipSync('just some words\n')),
    'a gzip file holding plain text without mail headers (it starts "just some words")',
  ],
  [
    'an empty folder',
    () => {
      const dir = join(work, 'empty-folder');
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    'an empty folder',
  ],
];

describe('npm run import of files that are not mail', () => {
  for (const [name, make, looks] of CASES) {
    it(`fails on ${name} and writes nothing`, () => {
      const path = make();
      const run = importCli(path);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`no messages found in ${path} (looks like ${looks})`);
      expect(existsSync(run.out)).toBe(false);
      expect(existsSync(`${run.out}.rejections.jsonl`)).toBe(false);
    });
  }

  it('fails on an mbox whose entries are all rejected, naming the reason', () => {
    const path = file('headless.mbox', 'From someone Mon Jan  1 00:00:00 2024\nno header here\n\n');
    const run = importCli(path);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /no messages found in .*headless\.mbox \(looks like an mbox file whose only entry was rejected: /,
    );
  });

  it('writes nothing when one of several sources is junk', () => {
    const good = resolve(repoRoot, 'tests/fixtures/mail/flowed-utf8.eml');
    const run = importCli(good, file('second.png', PNG));
    expect(run.status).toBe(1);
    expect(existsSync(run.out)).toBe(false);
  });
});
