// Shiki's tokens in mail code as short classes: same text, colours from the table, CSS for every class.
import { readFileSync } from 'node:fs';
import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKEN_COLOURS,
  MAIL_CODE_CLASS,
  mailCodeTokens,
  TOKEN_CLASSES,
  tokenColours,
} from '../../../src/components/thread/code-tokens.ts';

// Written here: a few lines of C with keywords, a function, a string, a number, a comment, a parameter.
const SOURCE = [
  '#include <linux/spinlock.h>',
  '/* take the lock once */',
  'static int widget_take(struct widget *w, int n)',
  '{',
  '\tspin_lock(&w->lock);',
  '\treturn printk("n=%d\\n", n + 0x10);',
  '}',
].join('\n');
const themes = { light: 'github-light', dark: 'github-dark' } as const;

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3C;/g, '<')
    .replace(/&#x26;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('mail code tokens', () => {
  it('keeps the text and turns every inline token colour into a class of the table', async () => {
    const plain = await codeToHtml(SOURCE, { lang: 'c', themes });
    const light = await codeToHtml(SOURCE, { lang: 'c', themes, transformers: [mailCodeTokens] });
    expect(textOf(light)).toBe(textOf(plain));
    expect(light).not.toMatch(/style=/);
    expect(light).not.toContain('class="line"');
    expect(light).toMatch(new RegExp(`^<pre class="shiki ${MAIL_CODE_CLASS}" tabindex="0"><code>`));
    // Each coloured token of Shiki's output is in a span of its colour's class, in the same order.
    const expected = [...plain.matchAll(/<span style="([^"]+)">/g)]
      .map((m) => tokenColours(m[1]))
      .filter((c) => c !== DEFAULT_TOKEN_COLOURS)
      .map((c) => TOKEN_CLASSES[c ?? '']);
    const got = [...light.matchAll(/<span class="(\w+)">/g)].map((m) => m[1]);
    expect(expected.every((c) => c !== undefined)).toBe(true);
    // Neighbours of one colour share a span ("static int"); no class appears that Shiki's colours did not give.
    expect(new Set(got)).toEqual(new Set(expected));
    expect(got.length).toBeLessThan(expected.length);
    expect(light).toContain('<span class="tk">static int</span>');
    expect(light.length).toBeLessThan(plain.length / 2);
  });

  it('leaves a token whose style is not a plain colour pair as Shiki wrote it', () => {
    expect(tokenColours('color:#24292E;--shiki-dark:#E1E4E8;font-style:italic')).toBeNull();
    expect(tokenColours('color:#D73A49;--shiki-dark:#F97583')).toBe('#d73a49|#f97583');
  });

  it('maps only colour pairs the two themes give one scope', () => {
    const pairs = new Set(
      githubLight.tokenColors?.map((rule, i) => {
        const dark = githubDark.tokenColors?.[i];
        expect(dark?.scope).toEqual(rule.scope);
        return `${rule.settings.foreground}|${dark?.settings.foreground}`.toLowerCase();
      }),
    );
    for (const pair of [...Object.keys(TOKEN_CLASSES), DEFAULT_TOKEN_COLOURS])
      expect(pairs.has(pair)).toBe(true);
  });

  it('has a light-dark() rule in the site stylesheet for every class', () => {
    const css = readFileSync(new URL('../../../src/styles/global.css', import.meta.url), 'utf8');
    for (const [pair, cls] of Object.entries(TOKEN_CLASSES)) {
      const [light, dark] = pair.split('|');
      expect(css).toContain(`.${MAIL_CODE_CLASS} .${cls} {\n  color: light-dark(${light}, ${dark});\n}`);
    }
    const [light, dark] = DEFAULT_TOKEN_COLOURS.split('|');
    expect(css).toContain(`color: light-dark(${light}, ${dark});`);
  });
});
