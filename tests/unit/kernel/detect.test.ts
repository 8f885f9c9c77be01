import { describe, expect, it } from 'vitest';
import { detectIdentifiers } from '../../../src/lib/kernel/detect.ts';

const found = (text: string, known: string[] = []) =>
  detectIdentifiers(text, { isKnown: (n) => known.includes(n) }).map((m) => [m.kind, m.text]);

describe('detectIdentifiers', () => {
  it('finds calls with empty parentheses and with arguments', () => {
    expect(found('ib_cm takes the lock and calls ib_post_send_mad() from there')).toEqual([
      ['call', 'ib_post_send_mad()'],
    ]);
    expect(found('does cancel_delayed_work(&work) now')).toEqual([['call', 'cancel_delayed_work']]);
  });

  it('finds member chains, with or without &, and names the last field', () => {
    const [chain] = detectIdentifiers('cancel_delayed_work(&mad_agent_priv->timed_work)').slice(1);
    expect(chain).toMatchObject({
      kind: 'member',
      text: '&mad_agent_priv->timed_work',
      base: 'mad_agent_priv',
      fields: ['timed_work'],
      name: 'timed_work',
    });
    const [deep] = detectIdentifiers('holds id_priv->cm_id.ib->state here');
    expect(deep).toMatchObject({ base: 'id_priv', fields: ['cm_id', 'ib', 'state'] });
  });

  it('gives offsets that slice back to the matched text', () => {
    const text = 'takes cm_id_priv->lock and calls del_timer_sync()';
    for (const m of detectIdentifiers(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('finds struct names, file paths, CONFIG_ options and macros', () => {
    expect(
      found(
        'struct ib_mad_agent_private in drivers/infiniband/core/mad_priv.h needs CONFIG_PROVE_LOCKING and GFP_ATOMIC.',
      ),
    ).toEqual([
      ['struct', 'struct ib_mad_agent_private'],
      ['path', 'drivers/infiniband/core/mad_priv.h'],
      ['config', 'CONFIG_PROVE_LOCKING'],
      ['macro', 'GFP_ATOMIC'],
    ]);
  });

  it('reads paths in diff headers without the a/ b/ prefix', () => {
    expect(found('--- a/drivers/infiniband/core/mad.c\n+++ b/drivers/infiniband/core/mad.c')).toEqual([
      ['path', 'drivers/infiniband/core/mad.c'],
      ['path', 'drivers/infiniband/core/mad.c'],
    ]);
  });

  it('finds stack-trace frames', () => {
    expect(found(' rdma_destroy_id+0x17/0x20 [rdma_cm]')).toEqual([['call', 'rdma_destroy_id']]);
  });

  it('links bare snake_case names only when the index knows them', () => {
    expect(found('doing del_timer_sync within a region')).toEqual([]);
    expect(found('doing del_timer_sync within a region', ['del_timer_sync'])).toEqual([
      ['name', 'del_timer_sync'],
    ]);
  });

  it('does not link English', () => {
    expect(
      found(
        'Lockdep is not quite so simple (albeit spectacularly unlikely), the union of thread(s), ' +
          'a struct of the kind, e.g. this; see ouster/threads.pdf and I/O.',
      ),
    ).toEqual([]);
  });

  it('does not read changelogs or lock orders as member chains', () => {
    expect(found('V2->V3: moved the lock; v1->v2: typo. Order A->B->C and L1->L2.')).toEqual([]);
  });

  it('skips URLs, mail addresses and Message-IDs', () => {
    expect(
      found(
        'see http://example.org/kernel/foo_bar() or <20190613062640.28958-2-leon@kernel.org>, mail rdreier@cisco.com',
      ),
    ).toEqual([]);
  });

  it('does not report overlapping mentions', () => {
    const mentions = detectIdentifiers('mad_agent_priv->agent.send_handler(x) and CONFIG_SMP_FOO');
    expect(mentions.map((m) => m.text)).toEqual(['mad_agent_priv->agent.send_handler', 'CONFIG_SMP_FOO']);
  });
});
