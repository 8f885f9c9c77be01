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

  it('runs the transformers it is given', async () => {
    const html = await highlightC('int x;', [
      {
        pre(node) {
          node.properties.class = 'mine';
        },
      },
    ]);
    expect(html).toMatch(/^<pre class="mine"/);
  });

  it('highlights a text once per kind, as the first call asked', async () => {
    let runs = 0;
    const counting = [
      {
        pre() {
          runs += 1;
        },
      },
    ];
    const first = await highlightCOnce('test-a', 'int y = 1;', counting);
    const again = await highlightCOnce('test-a', 'int y = 1;', counting);
    expect(again).toBe(first);
    expect(runs).toBe(1);
    await highlightCOnce('test-b', 'int y = 1;', counting);
    await highlightCOnce('test-a', 'int z = 2;', counting);
    expect(runs).toBe(3);
  });
});
