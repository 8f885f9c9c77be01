import { describe, expect, inject, it } from 'vitest';
import { screenshotPath } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const SEED = 'threads/ofa-general-2009-irq-lock-inversion/';
const browser = useChromium();

describe('kernel identifiers on the seed page', () => {
  it('shows the definition excerpt from KERNEL_TREE when hovering and when focusing an identifier', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${inject('corpusUrl')}${SEED}`);
    const link = page.locator('.ls-sym', { hasText: 'del_timer_sync()' }).first();
    const pop = link.locator('.ls-sym-pop');
    await expect(pop.isVisible()).resolves.toBe(false);
    await link.hover();
    await expect(pop.isVisible()).resolves.toBe(true);
    // The excerpt is our fixture tree's code at v2.6.30, highlighted by Shiki, with its file and line.
    await expect(pop.textContent()).resolves.toContain('kernel/timer.c');
    await expect(pop.textContent()).resolves.toContain('int del_timer_sync(struct timer_list *timer)');
    await pop.screenshot({ path: screenshotPath('kernel-popover.png') });
    await page.mouse.move(0, 0);
    await link.locator('a').first().focus();
    await expect(pop.isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('keeps the pop-up on a phone screen, without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${inject('corpusUrl')}${SEED}`);
    // The identifier in mid-line whose pop-up (92vw wide from where it starts) reached past the edge.
    const link = page.locator('.ls-sym', { hasText: 'cm_id_priv->lock' }).first();
    const pop = link.locator('.ls-sym-pop');
    await link.locator('a').first().focus();
    await expect(pop.isVisible()).resolves.toBe(true);
    await expect(pop.textContent()).resolves.toContain('drivers/infiniband/core/cm.c');
    const box = await pop.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);
    await page.screenshot({ path: screenshotPath('kernel-popover-phone.png') });
    await page.close();
  });

  it("wraps a symbol page's long title between the name's words on a phone, never inside its ()", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${inject('corpusUrl')}symbols/2.6.30/cancel_delayed_work/`);
    const title = await page.evaluate(() => {
      const code = document.querySelector('h1 code');
      const last = code?.lastChild;
      if (!code || !last) return null;
      // The lines the title's code takes, and those its last word (`work()`) takes.
      const range = document.createRange();
      range.selectNodeContents(last);
      const lines = (rects: DOMRectList) => new Set([...rects].map((r) => Math.round(r.top))).size;
      return {
        text: code.textContent,
        last: last.textContent,
        lines: lines(code.getClientRects()),
        lastLines: lines(range.getClientRects()),
      };
    });
    // Two lines at this width (it would not fit on one), broken after `delayed_`.
    expect(title).toEqual({ text: 'cancel_delayed_work()', last: 'work()', lines: 2, lastLines: 1 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390);
    await page.close();
  });

  it('links every identifier the seed names, and works as plain links without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}${SEED}`);
    const names = await page.locator('.ls-sym > a').allTextContents();
    for (const name of [
      'ib_post_send_mad()',
      'cm_id_priv->lock',
      'cancel_delayed_work()',
      'del_timer_sync()',
    ]) {
      expect(names).toContain(name);
    }
    const href = await page
      .locator('.ls-sym > a', { hasText: 'del_timer_sync()' })
      .first()
      .getAttribute('href');
    expect(href).toBe('/symbols/2.6.30/del_timer_sync/');
    const response = await page.request.get(new URL(href ?? '', page.url()).href);
    expect(response.status()).toBe(200);
    await context.close();
  });
});
