// Quotes lead to their source: made-up bodies for the rules, and the showcase threads (read from
// ../shared at test time) for real mail, checked against their In-Reply-To headers.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRejection, readAllMessages } from '../../../src/importers/read-messages.ts';
import { parseBody } from '../../../src/lib/mail/body-structure.ts';
import { findQuoteSources, type QuotingMessage } from '../../../src/lib/mail/quote-sources.ts';
import { buildThreadView } from '../../../src/lib/mail/thread-view.ts';
import type { ParsedMessage } from '../../../src/lib/mail/types.ts';

const corpus = resolve(import.meta.dirname, '../../..', '../shared/corpus/threads');

const m = (key: string, body: string, extra: Partial<QuotingMessage> = {}): QuotingMessage => ({
  key,
  blocks: parseBody(body),
  ...extra,
});

const PATCH = 'The timer is cancelled with the lock held.\n\nSo the callback waits for the lock forever.';

describe('findQuoteSources', () => {
  it('links a quote to the message and paragraph it quotes, re-wrapped or not', () => {
    const sources = findQuoteSources([
      m('a', PATCH, { utc: '2024-01-01' }),
      m('b', '> So the callback waits\n> for the lock forever.\n\nRight, and it is worse.', {
        parent: 'a',
        utc: '2024-01-02',
      }),
    ]);
    expect(sources).toEqual([{ from: 'b', quote: 1, source: 'a', paragraph: 2 }]);
  });

  it('matches the pieces around an elision separately', () => {
    const sources = findQuoteSources([
      m('a', PATCH),
      m('b', '> The timer is cancelled with the lock [...] waits for the lock forever.\n\nOK.'),
    ]);
    expect(sources.map((s) => s.source)).toEqual(['a']);
  });

  it('gives no link when nothing matches, when the quote is too short to tell, or when a later message holds it', () => {
    expect(
      findQuoteSources([m('a', PATCH), m('b', '> Something nobody wrote in this thread.\n\nHm.')]),
    ).toEqual([]);
    expect(
      findQuoteSources([m('a', 'Thanks\n\nThe lock is fine.'), m('b', '> Thanks\n\nYou are welcome.')]),
    ).toEqual([]);
    expect(
      findQuoteSources([
        m('b', '> So the callback waits for the lock forever.\n\nYes.', { utc: '2024-01-01' }),
        m('a', PATCH, { utc: '2024-01-02' }),
      ]),
    ).toEqual([]);
  });

  it('is exact: text posted twice links only when one of the two is the parent', () => {
    const quote = '> So the callback waits for the lock forever.\n\nIndeed.';
    const twice = [m('v1', PATCH), m('v2', PATCH)];
    expect(findQuoteSources([...twice, m('r', quote)])).toEqual([]);
    expect(findQuoteSources([...twice, m('r', quote, { parent: 'v2' })]).map((s) => s.source)).toEqual([
      'v2',
    ]);
  });

  it('matches a quote against own text only, never against text the candidate itself quoted', () => {
    const sources = findQuoteSources([
      m('a', PATCH),
      m('b', `> ${PATCH.replace('\n\n', '\n>\n> ')}\n\nI agree with all of it.`, { parent: 'a' }),
      m('c', '> > So the callback waits for the lock forever.\n>\n> I agree with all of it.\n\nMe too.', {
        parent: 'b',
      }),
    ]);
    expect(sources.filter((s) => s.from === 'c').map((s) => [s.quote, s.source])).toEqual([
      // The outer quote's own block (paragraph 2, "I agree…") is b's words…
      [2, 'b'],
      // …and the nested quote (paragraph 1) is the patch's, not b's: b only quoted it.
      [1, 'a'],
    ]);
  });
});

/** The messages of a showcase thread, as the page renders them. */
async function showcase(file: string) {
  const read = await readAllMessages(resolve(corpus, file));
  const view = buildThreadView(read.filter((r): r is ParsedMessage => !isRejection(r)));
  return view.messages.map((v) => ({
    key: v.key,
    blocks: v.blocks,
    parent: v.inReplyTo[0] ?? v.references.at(-1) ?? null,
    utc: v.date?.utc ?? '',
    view: v,
  }));
}

describe('findQuoteSources on the showcase threads', () => {
  it('links each reply in the hfi1 thread to the message it answers, and the nested quote to the patch', async () => {
    const messages = await showcase('hfi1-irq-src-lock-prose-cpu-table.mbox');
    const links = findQuoteSources(messages).map((s) => `${s.from} -> ${s.source}`);
    const patch = '20230926101116.2797-1-dg573847474@gmail.com';
    const review = '20231023160110.GA886087@nvidia.com';
    const answer = '06144079-786f-d2b3-e07e-cdea5a55ba0a@cornelisnetworks.com';
    const applied = '169822161706.2969904.18279817075628417467.b4-ty@kernel.org';
    expect(links.sort()).toEqual(
      [
        `${review} -> ${patch}`,
        `${answer} -> ${review}`,
        `${answer} -> ${patch}`,
        `${applied} -> ${patch}`,
      ].sort(),
    );
  });

  it('never links a quote to a later message, and links most first-level quotes to the parent', async () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.mbox'));
    expect(files.length).toBe(12);
    let firstLevel = 0;
    let toParent = 0;
    for (const file of files) {
      const messages = await showcase(file);
      const byKey = new Map(messages.map((x) => [x.key, x]));
      for (const s of findQuoteSources(messages)) {
        const from = byKey.get(s.from);
        const source = byKey.get(s.source);
        expect(source?.utc && from?.utc ? source.utc <= from.utc : true).toBe(true);
        const top = from?.view.blocks.find(
          (b) => b.kind === 'quote' && b.children.some((c) => c.kind !== 'quote' && c.n === s.quote),
        );
        if (top) {
          firstLevel += 1;
          if (from?.parent === s.source) toParent += 1;
        }
      }
    }
    expect(firstLevel).toBeGreaterThan(50);
    // Replies quote what they answer; a first-level quote of another message is the exception.
    expect(toParent / firstLevel).toBeGreaterThan(0.9);
  });
});
