import { describe, expect, it } from 'vitest';
import {
  MAX_SYMBOL_VALUES,
  mostFrequent,
  SHOWN_VALUES,
  shownValues,
  threadFacets,
} from '../../../src/lib/search/facets.ts';

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

describe('shownValues', () => {
  it('lists every value of a small filter, by name', () => {
    expect(shownValues({ '2021': 3, '2009': 1 }, [])).toEqual(['2009', '2021']);
  });

  it('lists the most frequent values of a large filter, and the chosen ones', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < SHOWN_VALUES * 4; i++) counts[`name_${String(i).padStart(3, '0')}`] = i;
    const shown = shownValues(counts, ['name_000', 'not_in_index']);
    expect(shown).toHaveLength(SHOWN_VALUES + 2);
    expect(shown).toContain(`name_${String(SHOWN_VALUES * 4 - 1).padStart(3, '0')}`);
    expect(shown).not.toContain('name_001');
    expect(shown).toContain('name_000');
    expect(shown).toContain('not_in_index');
    expect([...shown].sort()).toEqual(shown);
  });
});
