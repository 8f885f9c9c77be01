import { describe, expect, it } from 'vitest';
import { nextPopoverId, symbolMentions, symbolPaths } from '../../../src/site-data/symbol-data.ts';

const thread = (id: string, kernel: string | undefined, bodies: string[]) => ({
  id,
  data: {
    meta: { title: `Thread ${id}`, ...(kernel ? { kernel } : {}) },
    messages: bodies.map((_, i) => ({ messageId: `${id}-${i}@x`, anchor: `m${id}${i}`, subject: `S${i}` })),
  },
  bodies: async () =>
    bodies.map((body) => ({ blocks: [{ kind: 'paragraph' as const, n: 1, lines: [body] }] })),
});

describe('symbol page data', () => {
  it('lists one page per symbol key of each committed facts file', async () => {
    const paths = await symbolPaths();
    expect(paths).toContainEqual({ version: '2.6.30', key: 'del_timer_sync', label: 'del_timer_sync()' });
    expect(paths).toContainEqual({
      version: '2.6.30',
      key: 'ib_mad_agent_private.timed_work',
      label: 'struct ib_mad_agent_private.timed_work',
    });
    expect(paths).toContainEqual({ version: '2.6.30', key: 'cm_id_private', label: 'struct cm_id_private' });
    expect(new Set(paths.map((p) => `${p.version}/${p.key}`)).size).toBe(paths.length);
  });

  it('finds every message naming a symbol, across threads, marking other kernel versions', async () => {
    const threads = [
      thread('a', '2.6.30', ['takes cm_id_priv->lock here', 'nothing']),
      thread('b', '5.3', ['lock order: cm_id_priv->lock then more cm_id_priv->lock']),
    ];
    expect(await symbolMentions(threads, '2.6.30', 'cm_id_private.lock')).toEqual([
      {
        threadSlug: 'a',
        threadTitle: 'Thread a',
        messageId: 'a-0@x',
        anchor: 'ma0',
        subject: 'S0',
        count: 1,
      },
      {
        threadSlug: 'b',
        threadTitle: 'Thread b (Linux 5.3)',
        messageId: 'b-0@x',
        anchor: 'mb0',
        subject: 'S0',
        count: 2,
      },
    ]);
    expect(await symbolMentions(threads, '2.6.30', 'del_timer_sync')).toEqual([]);
    expect(await symbolMentions(threads, '9.9', 'del_timer_sync')).toEqual([]);
  });

  it('hands out distinct popover ids on a page, counted from 1 on every page', () => {
    const page = {};
    const other = {};
    expect([nextPopoverId(page), nextPopoverId(page)]).toEqual(['ls-sym-1', 'ls-sym-2']);
    expect(nextPopoverId(other)).toBe('ls-sym-1');
  });
});
