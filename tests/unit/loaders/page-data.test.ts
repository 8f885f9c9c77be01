import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPageData } from '../../../src/loaders/page-data.ts';
import { readBodies, readMessageFile } from '../../../src/loaders/thread-bodies.ts';

const cache = mkdtempSync(join(tmpdir(), 'lockstep-page-data-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('readPageData', () => {
  it('writes what lists and indexes need in the message file, and a shown message’s reply headers in its body file', async () => {
    const dir = resolve(import.meta.dirname, '../../../content/threads/ofa-general-2009-irq-lock-inversion');
    const page = {
      slug: 'seed',
      dir,
      meta: {},
      mailDirs: [dir],
      loreFiles: [],
      missing: [],
      annotated: false,
    };
    const data = await readPageData(page, cache, 'seed-digest');
    const messages = readMessageFile(data.messageFile);
    expect(messages.length).toBeGreaterThan(0);
    expect(data.messageCount).toBe(messages.length);
    for (const m of messages) {
      expect(m.messageId).toMatch(/@/);
      expect(m.subject).not.toBe('');
      // The body file's fields, and where the message came from, stay out of the message file.
      for (const field of [
        'blocks',
        'to',
        'cc',
        'references',
        'rawSubject',
        'listAddress',
        'source',
        'sourceIndex',
      ])
        expect(Object.keys(m)).not.toContain(field);
    }
    const bodies = await readBodies(data.bodies);
    expect(bodies.messages).toHaveLength(messages.length);
    bodies.messages.forEach((body, i) => {
      // The raw Subject (what a reply quotes) is the subject as sent, list tag and all.
      expect(body.rawSubject).toContain(messages[i]?.subject.replace(/^(?:Re:\s*)+/i, '') ?? '?');
      expect(body.blocks.length).toBeGreaterThan(0);
    });
  });
});
