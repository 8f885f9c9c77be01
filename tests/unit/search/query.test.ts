import { describe, expect, it } from 'vitest';
import {
  canonicalIdentifier,
  codeIdentifiers,
  identifierTokens,
  normalizeQueryIdentifiers,
} from '../../../src/lib/search/identifiers.ts';
import { matchFilterValues, parseQuery, parseYears } from '../../../src/lib/search/query.ts';

describe('identifier tokens', () => {
  it('canonicalises member chains, address-of and calls', () => {
    expect(canonicalIdentifier('&mad_agent_priv->timed_work')).toBe('mad_agent_priv_timed_work');
    expect(canonicalIdentifier('cm_id_priv->lock')).toBe('cm_id_priv_lock');
    expect(canonicalIdentifier('dev->cache.rb_lock')).toBe('dev_cache_rb_lock');
  });

  it('finds chains in text but not file names, versions or prose with dots', () => {
    const text = 'takes cm_id_priv->lock in mad.c on 2.6.30, e.g. (&mad_agent_priv->timed_work) and a.b';
    expect(identifierTokens(text)).toEqual(['cm_id_priv_lock', 'mad_agent_priv_timed_work']);
  });

  it('leaves file names with underscores out, but keeps struct members that look like them', () => {
    const text =
      'create mode 100644 drivers/net/hbl_en/hbl_en_drv.c and include/rdma/ib_user_verbs.h; see mad_priv.h, qp_attr.cap and dev_priv.s_lock';
    expect(identifierTokens(text)).toEqual(['qp_attr_cap', 'dev_priv_s_lock']);
  });

  it('rewrites identifier forms in queries and leaves words alone', () => {
    expect(normalizeQueryIdentifiers('cm_id_priv->lock')).toBe('cm_id_priv_lock');
    expect(normalizeQueryIdentifiers('ib_post_send_mad() deadlock')).toBe('ib_post_send_mad deadlock');
    expect(normalizeQueryIdentifiers('&mad_agent_priv->timed_work')).toBe('mad_agent_priv_timed_work');
    expect(normalizeQueryIdentifiers('spectacularly unlikely')).toBe('spectacularly unlikely');
  });
});

describe('parseQuery', () => {
  it('splits lore-style prefixes from free text', () => {
    expect(parseQuery('f:"Roland Dreier" s:inversion d:2009..2010 sym:cm_id_priv->lock timer')).toEqual({
      text: 'inversion timer',
      subject: ['inversion'],
      from: ['Roland Dreier'],
      symbols: ['cm_id_priv->lock'],
      years: { from: 2009, to: 2010 },
    });
  });

  it('keeps unknown prefixes and malformed years as text', () => {
    const q = parseQuery('x:y d:soon');
    expect(q.text).toBe('x:y d:soon');
    expect(q.years).toBeNull();
  });

  it('reads single years and reversed ranges', () => {
    expect(parseYears('2009')).toEqual({ from: 2009, to: 2009 });
    expect(parseYears('2021-2019')).toEqual({ from: 2019, to: 2021 });
    expect(parseYears('09')).toBeNull();
  });

  it('matches filter values by fragment and by identifier form', () => {
    const authors = ['Roland Dreier', 'Sean Hefty'];
    expect(matchFilterValues(authors, ['dreier'])).toEqual(['Roland Dreier']);
    expect(matchFilterValues(['cm_id_priv->lock', 'del_timer_sync'], ['cm_id_priv->lock'])).toEqual([
      'cm_id_priv->lock',
    ]);
    expect(matchFilterValues(authors, ['nobody'])).toEqual([]);
  });
});

describe('codeIdentifiers', () => {
  it('keeps names with underscores and called names, once each, and drops short words and keywords', () => {
    const code =
      '+\tspin_lock_irqsave(&priv->lock, flags);\n-\tif (x) return del_timer_sync(t);\n+\tfoo(bar); int i;';
    expect(codeIdentifiers(code)).toEqual(['spin_lock_irqsave', 'del_timer_sync', 'foo']);
  });
});
