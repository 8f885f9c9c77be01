import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stampedCache } from '../../../src/loaders/stamped-cache.ts';
import {
  bodyFile,
  hasThreadFiles,
  messageFile,
  pageDigest,
  parserDigest,
  pruneBodies,
  readBodies,
  readMessageFile,
  writeBodies,
  writeMessages,
} from '../../../src/loaders/thread-bodies.ts';
import type { MessageBody, StoredMessage } from '../../../src/schemas/thread-message.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-bodies-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const body = (text: string): MessageBody => ({
  blocks: [{ kind: 'paragraph', n: 1, lines: [text] }],
  attachments: [],
  references: [],
  rawSubject: `Re: ${text}`,
});

describe('thread body files', () => {
  it('round-trips a thread’s bodies and messages and finds them again by digest', async () => {
    const cache = scratch();
    expect(hasThreadFiles(cache, 'abc')).toBe(false);
    const quotes = [{ from: 'two@x', quote: 2, source: 'one@x', paragraph: 1 }];
    const file = await writeBodies(cache, 'abc', { rows: [], messages: [body('one'), body('two')], quotes });
    expect(file).toBe(bodyFile(cache, 'abc'));
    // A page is reused only with both of its files.
    expect(hasThreadFiles(cache, 'abc')).toBe(false);
    const messages = [{ messageId: 'one@x', subject: 'one' }] as unknown as StoredMessage[];
    expect(await writeMessages(cache, 'abc', messages)).toBe(messageFile(cache, 'abc'));
    expect(hasThreadFiles(cache, 'abc')).toBe(true);
    expect(await readBodies(file)).toEqual({ rows: [], messages: [body('one'), body('two')], quotes });
    expect(readMessageFile(messageFile(cache, 'abc'))).toEqual(messages);
  });

  it('prunes the files no page refers to', async () => {
    const cache = scratch();
    const keep = await writeBodies(cache, 'keep', { rows: [], messages: [body('k')], quotes: [] });
    await writeMessages(cache, 'keep', []);
    await writeBodies(cache, 'old', { rows: [], messages: [body('o')], quotes: [] });
    await writeMessages(cache, 'old', []);
    expect(await pruneBodies(cache, new Set([keep]))).toBe(2);
    expect(readdirSync(join(cache, 'lockstep-bodies')).sort()).toEqual(['keep.json', 'keep.messages.json']);
  });

  it('gives a page a new digest when its mail, its plan or the parser changes, and the same one otherwise', async () => {
    const mail = scratch();
    mkdirSync(join(mail, 't'));
    writeFileSync(join(mail, 't', 'thread.yaml'), 'title: x\n');
    writeFileSync(join(mail, 't', 'thread.mbox'), 'From a\nSubject: s\n\nbody\n');
    const parser = await parserDigest();
    expect(parser).toMatch(/^[0-9a-f]{16}$/);
    const dirsOf = [join(mail, 't')];
    const first = await pageDigest(parser, { slug: 't' }, dirsOf, []);
    expect(await pageDigest(parser, { slug: 't' }, dirsOf, [])).toBe(first);
    expect(await pageDigest(parser, { slug: 'u' }, dirsOf, [])).not.toBe(first);
    expect(await pageDigest('other-parser', { slug: 't' }, dirsOf, [])).not.toBe(first);
    writeFileSync(join(mail, 't', 'thread.mbox'), 'From a\nSubject: s\n\nbody, edited\n');
    expect(await pageDigest(parser, { slug: 't' }, dirsOf, [])).not.toBe(first);
  });

  it('keeps each mail file’s digest under its size and time, and reads a changed file again', async () => {
    const mail = scratch();
    const cacheDir = scratch();
    mkdirSync(join(mail, 't'));
    writeFileSync(join(mail, 't', 'thread.yaml'), 'title: x\n');
    writeFileSync(join(mail, 't', 'thread.mbox'), 'From a\nSubject: s\n\nbody\n');
    const dirsOf = [join(mail, 't')];
    const digest = async () => {
      const files = stampedCache<string>(cacheDir, 'file-digests');
      const page = await pageDigest('p', { slug: 't' }, dirsOf, [], files);
      files.save();
      return page;
    };
    const first = await digest();
    expect(first).toBe(await pageDigest('p', { slug: 't' }, dirsOf, []));
    // Unchanged files: the kept digests are used (planted ones change the page's digest, which proves it).
    const file = join(cacheDir, 'lockstep-file-digests.json');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { value: string }>;
    for (const held of Object.values(kept)) held.value = 'planted';
    writeFileSync(file, JSON.stringify(kept));
    expect(await digest()).not.toBe(first);
    // A changed file (other size) is read again; the other one still comes from the cache.
    writeFileSync(join(mail, 't', 'thread.mbox'), 'From a\nSubject: s\n\nbody, edited\n');
    const after = await digest();
    expect(after).not.toBe(first);
    expect(
      Object.values(JSON.parse(readFileSync(file, 'utf8'))).map((h) => (h as { value: string }).value),
    ).toContain('planted');
  });
});
