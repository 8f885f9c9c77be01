// The site's C highlighter runs JavaScript's RegExp engine; its HTML must be what Shiki's default
// engine (Oniguruma) makes of the same code, or the switch changed how code looks.
import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { C_THEMES, highlightC, highlightCOnce } from '../../../src/components/c-highlighter.ts';

// Written here: C with the constructs kernel mail quotes (macros, casts, pointers, strings, comments).
const SOURCE = [
  '#define WIDGET_MAX\t16 /* per device */',
  'static DEFINE_SPINLOCK(widget_lock);',
  '',
  'static void widget_put(struct widget *w)',
  '{',
  '\tunsigned long flags;',
  '',
  '\tspin_lock_irqsave(&widget_lock, flags);',
  '\tif (!--w->refs && w->ops->release)',
  '\t\tw->ops->release((void *)w, \'x\', "gone\\n");',
  '\tspin_unlock_irqrestore(&widget_lock, flags);',
  '}',
].join('\n');

describe('C highlighter', () => {
  it('gives the HTML of Shiki with its default engine', async () => {
    const expected = await codeToHtml(SOURCE, { lang: 'c', themes: C_THEMES });
    const html = await highlightC(SOURCE);
    expect(html).toBe(expected);
    expect(html).toContain('spin_lock_irqsave');
    expect(html.match(/class="line"/g)).toHaveLength(SOURCE.split('\n').length);
  });

  it('makes the HTML of the style it is asked for', async () => {
    const mail = await highlightC(SOURCE, { kind: 'mail' });
    expect(mail).toMatch(/^<pre class="shiki mail-code"/);
    // Token classes, not inline colours (thread/code-tokens.ts).
    expect(mail).toContain('<span class="tk">');
    expect(mail).not.toContain('--shiki-dark');
    const excerpt = await highlightC(SOURCE, {
      kind: 'kernel-excerpt',
      startLine: 40,
      highlight: [47],
      inline: true,
    });
    expect(excerpt).toMatch(/^<span class="shiki[^"]* ls-kx"/);
    expect(excerpt).toContain(
      '<span class="line" data-line="40"><span class="ln" aria-hidden="true">40</span>',
    );
    expect(excerpt).toContain('<span class="line hl" data-line="47">');
    expect(excerpt.match(/ hl"/g)).toHaveLength(1);
  });

  it('highlights a text once per style, and apart for another style', async () => {
    const first = highlightCOnce('int y = 1;', { kind: 'mail' });
    expect(highlightCOnce('int y = 1;', { kind: 'mail' })).toBe(first);
    const plain = highlightCOnce('int y = 1;', { kind: 'plain' });
    expect(plain).not.toBe(first);
    expect(await plain).toBe(await highlightC('int y = 1;'));
    expect(await first).toBe(await highlightC('int y = 1;', { kind: 'mail' }));
  });
});
