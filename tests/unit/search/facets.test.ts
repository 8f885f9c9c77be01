import { describe, expect, it } from 'vitest';
import { MAX_SYMBOL_VALUES, mostFrequent, threadFacets } from '../../../src/lib/search/facets.ts';

describe('threadFacets', () => {
  it('lists distinct sorted values per filter and flags patches and scenarios', () => {
    const facets = threadFacets({
      list: 'ofa-general',
      kernel: '2.6.30',
      subsystems: ['b', 'a'],
      messages: [
        { author: 'Roland Dreier', utc: '2009-08-10T20:48:28.000Z', hasPatch: false },
        { author: 'Roland Dreier', utc: '2010-01-01T00:00:00.000Z', hasPatch: true },
      ],
      symbols: ['del_timer_sync', 'del_timer_sync', 'cm_id_priv->lock'],
      locks: ['cm_id_priv->lock'],
      reportKinds: ['circular', 'circular'],
      scenarioCount: 0,
    });
    expect(facets).toEqual({
      list: ['ofa-general'],
      author: ['Roland Dreier'],
      year: ['2009', '2010'],
      kernel: ['2.6.30'],
      subsystem: ['a', 'b'],
      symbol: ['cm_id_priv->lock', 'del_timer_sync'],
      lock: ['cm_id_priv->lock'],
      kind: ['circular'],
      'has-patch': ['yes'],
      'has-fix-scenario': ['no'],
    });
  });

  it('keeps only the most mentioned symbols', () => {
    const many = Array.from({ length: 50 }, (_, i) => `sym_${String(i).padStart(2, '0')}`);
    const values = [...many, 'sym_49', 'sym_49', 'sym_48'];
    const kept = mostFrequent(values, MAX_SYMBOL_VALUES);
    expect(kept).toHaveLength(MAX_SYMBOL_VALUES);
    expect(kept).toContain('sym_49');
    expect(kept).toContain('sym_48');
    expect(kept).toContain('sym_00');
    expect(kept).not.toContain('sym_47');
  });
});
