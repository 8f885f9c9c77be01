import { describe, expect, it } from 'vitest';
import { excerptParts } from '../../../src/lib/search/excerpt-parts.ts';

describe('excerptParts', () => {
  it('splits an excerpt into its text and its marked hits, in order', () => {
    expect(excerptParts('call <mark>del_timer_sync</mark>() under <mark>lock</mark>')).toEqual([
      { text: 'call ', marked: false },
      { text: 'del_timer_sync', marked: true },
      { text: '() under ', marked: false },
      { text: 'lock', marked: true },
    ]);
  });

  it('turns the escaped angle brackets and ampersands back into characters', () => {
    expect(excerptParts('cm_id_priv-&gt;lock &lt;irq&gt; &amp; <mark>a&amp;b</mark>')).toEqual([
      { text: 'cm_id_priv->lock <irq> & ', marked: false },
      { text: 'a&b', marked: true },
    ]);
  });

  it('keeps any other markup as text, never as an element', () => {
    const parts = excerptParts('<img src=x onerror=alert(1)><mark>hit</mark><script>x</script>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'hit', marked: true },
      { text: '<script>x</script>', marked: false },
    ]);
  });

  it('leaves entities it does not know as typed', () => {
    expect(excerptParts('caf&eacute; &#169;')).toEqual([{ text: 'caf&eacute; &#169;', marked: false }]);
  });

  it('has no parts for an empty excerpt, and marks to the end when a hit is not closed', () => {
    expect(excerptParts('')).toEqual([]);
    expect(excerptParts('a <mark>b')).toEqual([
      { text: 'a ', marked: false },
      { text: 'b', marked: true },
    ]);
  });
});
