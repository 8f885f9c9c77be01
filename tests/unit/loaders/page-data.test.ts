import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { searchSymbols } from '../../../src/lib/kernel/search-symbols.ts';
import { codeText } from '../../../src/lib/mail/body-structure.ts';
import { findQuoteSources, quotingMessage } from '../../../src/lib/mail/quote-sources.ts';
import { messageText } from '../../../src/lib/mail/thread-view.ts';
import { messageSearchTokens } from '../../../src/lib/search/identifiers.ts';
import { readPageData } from '../../../src/loaders/page-data.ts';
import { readBodies, readMessageFile } from '../../../src/loaders/thread-bodies.ts';
import {
  mentionFile,
  mentionScan,
  readMentions,
  threadMentions,
} from '../../../src/loaders/thread-mentions.ts';
import type { MessageBody } from '../../../src/schemas/thread-message.ts';

const cache = mkdtempSync(join(tmpdir(), 'lockstep-page-data-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** A page of one mail folder, as planning makes it (its thread.yaml left to the parser to read). */
function folderPage(slug: string, dir: string, meta: Record<string, unknown> = {}) {
  return { slug, dir, meta, mailDirs: [dir], loreFiles: [], missing: [], annotated: false };
}

describe('readPageData', () => {
  it('writes what lists and indexes need in the message file, and a shown message’s reply headers in its body file', async () => {
    const dir = resolve(import.meta.dirname, '../../../content/threads/ofa-general-2009-irq-lock-inversion');
    const page = folderPage('seed', dir);
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
        'symbols',
        'searchTokens',
        'source',
        'sourceIndex',
      ])
        expect(Object.keys(m)).not.toContain(field);
    }
    const bodies = await readBodies(data.bodies);
    expect(bodies.messages).toHaveLength(messages.length);
    // Each message's search symbols, found from its shown text (what the thread page would find), in
    // the body file: only the thread's own page reads them.
    for (const body of bodies.messages) expect(body.symbols).toEqual(searchSymbols(messageText(body)));
    expect(bodies.messages.some((b) => b.symbols?.some(([name]) => name === 'del_timer_sync'))).toBe(true);
    // And the tokens its page hides for the search index, from the same text and its code.
    for (const body of bodies.messages)
      expect(body.searchTokens).toEqual(messageSearchTokens(messageText(body), codeText(body.blocks)));
    expect(bodies.messages.some((b) => b.searchTokens?.includes('mad_agent_priv_lock'))).toBe(true);
    bodies.messages.forEach((body, i) => {
      // The raw Subject (what a reply quotes) is the subject as sent, list tag and all.
      expect(body.rawSubject).toContain(messages[i]?.subject.replace(/^(?:Re:\s*)+/i, '') ?? '?');
      expect(body.blocks.length).toBeGreaterThan(0);
    });
  });

  it('keeps where each quote comes from in the body file, as the thread page would find it', async () => {
    const dir = join(cache, 'quoting');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thread.yaml'), 'title: Quoting\nsources:\n  - file: t.mbox\n    format: mbox\n');
    const first = 'The timer callback takes the agent lock while the cancel path waits for the timer.';
    const mail = [
      'From a@example.org Mon Jan  5 10:00:00 2009',
      'From: A <a@example.org>',
      'Message-ID: <one@example.org>',
      'Subject: timer and lock',
      'Date: Mon, 5 Jan 2009 10:00:00 +0000',
      '',
      first,
      '',
      'From b@example.org Mon Jan  5 11:00:00 2009',
      'From: B <b@example.org>',
      'Message-ID: <two@example.org>',
      'In-Reply-To: <one@example.org>',
      'Subject: Re: timer and lock',
      'Date: Mon, 5 Jan 2009 11:00:00 +0000',
      '',
      'A wrote:',
      `> ${first}`,
      '',
      'Then the cancel must move out from under the lock.',
      '',
    ].join('\n');
    writeFileSync(join(dir, 't.mbox'), mail);
    const page = folderPage('quoting', dir);
    const data = await readPageData(page, cache, 'quoting-digest');
    const messages = readMessageFile(data.messageFile);
    const { messages: bodies, quotes } = await readBodies(data.bodies);
    const [one, two] = messages;
    expect(quotes).toEqual([{ from: two?.key, quote: expect.any(Number), source: one?.key, paragraph: 1 }]);
    // The same as the matcher finds over the stored headers and the shown bodies.
    const shown = messages.map((m, i) => ({ ...m, ...(bodies[i] as MessageBody) }));
    expect(quotes).toEqual(findQuoteSources(shown.map(quotingMessage)));
  });

  it('keeps the thread’s symbol mentions beside its body file, as the symbol pages would find them', async () => {
    const dir = resolve(import.meta.dirname, '../../../content/threads/ofa-general-2009-irq-lock-inversion');
    const page = folderPage('seed', dir, { kernel: '2.6.30' });
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
