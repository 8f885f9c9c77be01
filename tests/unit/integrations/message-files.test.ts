// The per-message files written beside each permalink: raw.txt, raw.eml (exact bytes), m.mbox.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMessageFiles } from '../../../src/integrations/message-files.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'lockstep-msgfiles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeMessageFiles', () => {
  it('writes the exact bytes, a text view and a one-entry mboxrd for each message', async () => {
    const eml = resolve(repoRoot, 'tests/fixtures/mail/patch-attachment.eml');
    const content = join(work, 'content');
    execFileSync(resolve(repoRoot, 'node_modules/.bin/node'), ['src/cli/import.ts', '--out', content, eml], {
      cwd: repoRoot,
    });
    const out = join(work, 'dist');
    expect(await writeMessageFiles(out, [content])).toBe(1);
    const bytes = readFileSync(eml);
    const id = /^Message-ID:\s*<([^>]+)>/im.exec(bytes.toString('latin1'))?.[1] as string;
    const dir = join(out, 'r', ...id.split('/'));
    expect(readFileSync(join(dir, 'raw.eml')).equals(bytes)).toBe(true);
    const text = readFileSync(join(dir, 'raw.txt'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`<${id}>`);
    const mbox = readFileSync(join(dir, 'm.mbox'), 'utf8');
    expect(mbox).toMatch(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/);
    expect(mbox.endsWith('\n\n')).toBe(true);
  });
});
