// Renders the kernel components with a fixture kernel tree (KERNEL_TREE) and checks them in real Chromium:
// hover and keyboard focus both open the popover with the excerpt; the link works as a plain link.
import { readFileSync, rmSync } from 'node:fs';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../e2e/browser.ts';
import { makeFixtureRepo } from '../support/fixture-tree.ts';

// Plain tsc cannot type `.astro` imports, so the components are loaded by path through Vite.
const component = async (name: string): Promise<AstroComponentFactory> => {
  const path = new URL(`../../../../src/components/kernel/${name}.astro`, import.meta.url).pathname;
  return ((await import(/* @vite-ignore */ path)) as { default: AstroComponentFactory }).default;
};
const LinkedText = await component('LinkedText');
const KernelExcerpt = await component('KernelExcerpt');

// Must be set before the first component renders: the shared service reads the environment once.
const fixture = makeFixtureRepo('v2.6.30');
process.env.KERNEL_TREE = fixture.bare;
process.env.KERNEL_MIRROR = '';

const css = readFileSync('src/components/kernel/kernel.css', 'utf8');
const page = (body: string) =>
  `<!doctype html><html><head><style>${css}</style></head><body><p>${body}</p></body></html>`;
const TEXT = 'ib_mad takes mad_agent_priv->lock & calls del_timer_sync() <b>not bold</b> and foo_bar()';

let container: AstroContainer;
let browser: Browser;
beforeAll(async () => {
  container = await AstroContainer.create();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(fixture.root, { recursive: true, force: true });
});

describe('LinkedText', () => {
  it('escapes the text and links identifiers', async () => {
    const html = await container.renderToString(LinkedText, { props: { text: TEXT, version: '2.6.30' } });
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toMatch(
      /href="\/symbols\/2\.6\.30\/ib_mad_agent_private\.lock\/"[^>]*>mad_agent_priv-&gt;lock<\/a>/,
    );
    expect(html).toMatch(/href="\/symbols\/2\.6\.30\/del_timer_sync\/"[^>]*>del_timer_sync\(\)<\/a>/);
    expect(html).toContain('href="https://elixir.bootlin.com/linux/v2.6.30/A/ident/foo_bar"');
    // The fixture tree puts del_timer_sync at kernel/timer.c:20, so the tree's line wins over the facts.
    expect(html).toContain('https://elixir.bootlin.com/linux/v2.6.30/source/kernel/timer.c#L20');
    // Inside a paragraph only phrasing content is allowed: no <pre>, <div>, <figure>.
    expect(html).not.toMatch(/<(pre|div|figure)\b/);
  });

  it('shows the excerpt on hover and on keyboard focus, in a real browser', async () => {
    const html = await container.renderToString(LinkedText, { props: { text: TEXT, version: '2.6.30' } });
    const tab = await browser.newPage();
    await tab.setContent(page(html));
    const sym = tab.locator('.ls-sym', { hasText: 'del_timer_sync()' });
    const pop = sym.locator('.ls-sym-pop');
    await expect(pop.isVisible()).resolves.toBe(false);

    await sym.locator('a.ls-sym-link').hover();
    await expect(pop.isVisible()).resolves.toBe(true);
    await expect(pop.locator('.line.hl').textContent()).resolves.toMatch(
      /^20int del_timer_sync\(struct timer_list \*timer\)$/,
    );
    await expect(pop.locator('.ls-sym-where').textContent()).resolves.toBe('kernel/timer.c:20 at v2.6.30');

    await tab.mouse.move(0, 400);
    await tab.mouse.click(0, 400);
    await expect(pop.isVisible()).resolves.toBe(false);
    // Keyboard: the first link is the mad_agent_priv->lock one; Tab past its popover links to reach ours.
    await sym.locator('a.ls-sym-link').focus();
    await expect(pop.isVisible()).resolves.toBe(true);
    await tab.keyboard.press('Tab');
    await expect(tab.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Elixir');
    await expect(pop.isVisible()).resolves.toBe(true);
    await tab.close();
  });
});

describe('KernelExcerpt', () => {
  it('shows the whole definition with chosen lines highlighted and real line numbers', async () => {
    const html = await container.renderToString(KernelExcerpt, {
      props: { symbol: 'del_timer_sync', version: '2.6.30', highlight: [4] },
    });
    const tab = await browser.newPage();
    await tab.setContent(`<style>${css}</style>${html}`);
    const numbers = await tab.locator('.line .ln').allTextContents();
    expect(numbers).toEqual(['20', '21', '22', '23', '24', '25', '26', '27', '28']);
    await expect(tab.locator('.line.hl').textContent()).resolves.toMatch(
      /^23\s+int ret = del_timer\(timer\);$/,
    );
    await expect(tab.locator('figcaption').textContent()).resolves.toContain('kernel/timer.c:20 at v2.6.30');
    await expect(tab.locator('.ls-provenance').textContent()).resolves.toMatch(
      /^Line from the v2\.6\.30 tree itself: .*The excerpt is read from that tree at build time\.$/,
    );
    await tab.close();
  });
});
