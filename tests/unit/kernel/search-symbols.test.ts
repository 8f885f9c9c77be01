import { describe, expect, it } from 'vitest';
import { searchSymbols, symbolMentions } from '../../../src/lib/kernel/search-symbols.ts';
import { MAX_SYMBOL_VALUES, mostFrequent } from '../../../src/lib/search/facets.ts';

describe('search symbols of a message', () => {
  it('counts calls, member chains and structs as written, without & or (), in order of first mention', () => {
    const text = [
      'We call del_timer_sync() under &cm_id_priv->lock, then del_timer_sync(&mad_agent_priv->timeout).',
      'struct ib_mad_agent *agent;',
      'CONFIG_LOCKDEP and spin_lock_irqsave are words here, not calls.',
    ].join('\n');
    expect(searchSymbols(text)).toEqual([
      ['del_timer_sync', 2],
      ['cm_id_priv->lock', 1],
      ['mad_agent_priv->timeout', 1],
      ['struct ib_mad_agent', 1],
    ]);
    expect(searchSymbols('No code in this reply, thanks.')).toEqual([]);
  });

  it('gives the facet every mention, so the most named symbols across messages win', () => {
    const first = searchSymbols('ib_cancel_mad() then ib_cancel_mad() again, and cm_work_handler()');
    const second = searchSymbols('cm_work_handler() and cm_work_handler() and flush_workqueue()');
    expect(symbolMentions([first, second]).sort()).toEqual([
      'cm_work_handler',
      'cm_work_handler',
      'cm_work_handler',
      'flush_workqueue',
      'ib_cancel_mad',
      'ib_cancel_mad',
    ]);
    expect(mostFrequent(symbolMentions([first, second]), 2)).toEqual(['cm_work_handler', 'ib_cancel_mad']);
    expect(MAX_SYMBOL_VALUES).toBeGreaterThan(2);
  });

  it('keeps a name such as __proto__ as a name', () => {
    const counts = searchSymbols('__proto__() and __proto__()');
    expect(counts).toEqual([['__proto__', 2]]);
    expect(JSON.parse(JSON.stringify(counts))).toEqual([['__proto__', 2]]);
  });
});
