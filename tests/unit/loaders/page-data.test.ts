import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { searchSymbols } from '../../../src/lib/kernel/search-symbols.ts';
import { messageText } from '../../../src/lib/mail/thread-view.ts';
import { readPageData } from '../../../src/loaders/page-data.ts';
import { readBodies, readMessageFile } from '../../../src/loaders/thread-bodies.ts';
import {
  mentionFile,
  mentionScan,
  readMentions,
  threadMentions,
} from '../../../src/loaders/thread-mentions.ts';

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
    // Each message's search symbols, found from its shown text (what the thread page would find).
    bodies.messages.forEach((body, i) => {
      expect(messages[i]?.symbols).toEqual(searchSymbols(messageText(body)));
    });
    expect(messages.some((m) => m.symbols?.some(([name]) => name === 'del_timer_sync'))).toBe(true);
    bodies.messages.forEach((body, i) => {
      // The raw Subject (what a reply quotes) is the subject as sent, list tag and all.
      expect(body.rawSubject).toContain(messages[i]?.subject.replace(/^(?:Re:\s*)+/i, '') ?? '?');
      expect(body.blocks.length).toBeGreaterThan(0);
    });
  });

  it('keeps the thread’s symbol mentions beside its body file, as the symbol pages would find them', async () => {
    const dir = resolve(import.meta.dirname, '../../../content/threads/ofa-general-2009-irq-lock-inversion');
    const page = {
      slug: 'seed',
      dir,
      meta: { kernel: '2.6.30' },
      mailDirs: [dir],
      loreFiles: [],
      missing: [],
      annotated: false,
    };
    const scan = await mentionScan(['2.6.30', '6.3']);
    expect(scan.versions.map((v) => v.version)).toEqual(['2.6.30', '6.3']);
    if (!scan.digest) throw new Error('the scanning code is not readable from the tests’ working directory');
    const data = await readPageData(page, cache, 'seed-mentions', scan);
    const kept = readMentions(mentionFile(data.bodies, scan.digest));
    // What the symbol pages find when nothing is kept: the stored messages and bodies, scanned.
    const messages = readMessageFile(data.messageFile);
    const bodies = await readBodies(data.bodies);
    const title = messages[0]?.subject ?? 'seed';
    const scanned = threadMentions(
      {
        slug: 'seed',
        title,
        kernel: '2.6.30',
        messages: messages.map((m, i) => ({ ...m, blocks: bodies.messages[i]?.blocks ?? [] })),
      },
      scan,
    );
    expect(kept).toEqual(JSON.parse(JSON.stringify(scanned)));
    // The seed names del_timer_sync(), a 2.6.30 symbol, in its thread of that version.
    const found = new Map(kept?.['2.6.30'] ?? []).get('del_timer_sync');
    expect(found?.[0]).toMatchObject({ threadSlug: 'seed', threadTitle: title });
    // Without a scan, nothing is kept.
    const plain = await readPageData(page, cache, 'seed-plain');
    expect(readMentions(mentionFile(plain.bodies, scan.digest))).toBeNull();
  });
});
