import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFacts } from '../../../src/kernel-providers/facts.ts';
import { linkSegments } from '../../../src/lib/kernel/link-segments.ts';
import { createLookup } from '../../../src/lib/kernel/lookup.ts';
import { bodyWords, indexSymbolMentions } from '../../../src/lib/kernel/mentions.ts';

const facts = await loadFacts('2.6.30');
if (!facts) throw new Error('content/kernel/2.6.30.json is missing');
const lookup = createLookup(facts);
const links = (text: string, version = '2.6.30', l: typeof lookup | null = lookup) =>
  linkSegments(text, version, l).flatMap((s) => (s.kind === 'symbol' ? [[s.text, s.href]] : []));

describe('linkSegments', () => {
  it('keeps every character of the text, in order', () => {
    const text = 'ib_cm takes cm_id_priv->lock and calls ib_post_send_mad() <x> & "y"';
    expect(
      linkSegments(text, '2.6.30', lookup)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('links known symbols and chains to symbol pages, and clear C to Elixir', () => {
    expect(links('ib_cm takes cm_id_priv->lock, calls foo_bar() and struct ib_mad_agent_private')).toEqual([
      ['cm_id_priv->lock', '/symbols/2.6.30/cm_id_private.lock/'],
      ['foo_bar()', 'https://elixir.bootlin.com/linux/v2.6.30/A/ident/foo_bar'],
      ['struct ib_mad_agent_private', '/symbols/2.6.30/ib_mad_agent_private/'],
    ]);
  });

  it('links a linux-next version to the linux-next tree, with no identifier search at another version', () => {
    expect(links('rdma_destroy_id() in drivers/infiniband/core/cma.c', 'next-20201118', null)).toEqual([
      [
        'drivers/infiniband/core/cma.c',
        'https://git.kernel.org/pub/scm/linux/kernel/git/next/linux-next.git/tree/drivers/infiniband/core/cma.c?h=next-20201118',
      ],
    ]);
  });

  it('leaves unresolved chains and unknown bare names as text', () => {
    expect(links('priv->lock and some_name here')).toEqual([]);
  });

  it('works without any facts for the version', () => {
    expect(links('calls rdma_destroy_id() in drivers/infiniband/core/cma.c', '5.3', null)).toEqual([
      ['rdma_destroy_id()', 'https://elixir.bootlin.com/linux/v5.3/A/ident/rdma_destroy_id'],
      [
        'drivers/infiniband/core/cma.c',
        'https://elixir.bootlin.com/linux/v5.3/source/drivers/infiniband/core/cma.c',
      ],
    ]);
  });

  it('links every kernel identifier the seed message names to its 2.6.30 fact', () => {
    const seed = readFileSync(
      'content/threads/ofa-general-2009-irq-lock-inversion/000_e00f944b4ec83845.txt',
      'utf8',
    );
    const linked = new Set(links(seed).map(([text, href]) => `${text} ${href}`));
    // Labelled by hand from the seed text: every kernel identifier it names, and where each must go.
    expect([...linked].sort()).toEqual(
      [
        'cm_id_priv->lock /symbols/2.6.30/cm_id_private.lock/',
        'ib_post_send_mad() /symbols/2.6.30/ib_post_send_mad/',
        'mad_agent_priv->lock /symbols/2.6.30/ib_mad_agent_private.lock/',
        'cancel_delayed_work /symbols/2.6.30/cancel_delayed_work/',
        '&mad_agent_priv->timed_work /symbols/2.6.30/ib_mad_agent_private.timed_work/',
        'cancel_delayed_work() /symbols/2.6.30/cancel_delayed_work/',
        'del_timer_sync() /symbols/2.6.30/del_timer_sync/',
      ].sort(),
    );
  });
});

describe('indexSymbolMentions', () => {
  it('lists, per symbol, the messages naming it with counts', () => {
    const byKey = indexSymbolMentions(
      [
        {
          threadSlug: 't1',
          messageId: 'a@x',
          anchor: 'ma',
          body: 'del_timer_sync() and del_timer_sync here',
        },
        { threadSlug: 't2', messageId: 'b@x', anchor: 'mb', body: 'mad_agent_priv->lock, nothing else' },
        { threadSlug: 't2', messageId: 'c@x', anchor: 'mc', body: 'plain English only' },
      ],
      lookup,
    );
    expect(byKey.get('del_timer_sync')).toEqual([
      { threadSlug: 't1', messageId: 'a@x', anchor: 'ma', count: 2 },
    ]);
    expect(byKey.get('ib_mad_agent_private.lock')).toEqual([
      { threadSlug: 't2', messageId: 'b@x', anchor: 'mb', count: 1 },
    ]);
    expect([...byKey.keys()].sort()).toEqual(['del_timer_sync', 'ib_mad_agent_private.lock']);
  });

  it('uses the words a caller found once, and strips them from the mentions', () => {
    const body = 'del_timer_sync() is called under mad_agent_priv->lock';
    const byKey = indexSymbolMentions(
      [{ threadSlug: 't1', messageId: 'a@x', anchor: 'ma', body, words: bodyWords(body) }],
      lookup,
    );
    expect(byKey.get('del_timer_sync')).toEqual([
      { threadSlug: 't1', messageId: 'a@x', anchor: 'ma', count: 1 },
    ]);
    // Words that hold none of the lookup's names skip the body, whatever it says.
    const skipped = indexSymbolMentions(
      [{ threadSlug: 't1', messageId: 'a@x', anchor: 'ma', body, words: new Set(['plain']) }],
      lookup,
    );
    expect(skipped.size).toBe(0);
  });
});
