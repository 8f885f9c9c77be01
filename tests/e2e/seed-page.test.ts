import { createHash } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const SLUG = 'ofa-general-2009-irq-lock-inversion';
const MESSAGE_ID = 'pipermail.012c758912452e46341f884c@lockstep.invalid';
const anchor = `m${createHash('sha1').update(MESSAGE_ID).digest('hex')}`;
const base = inject('baseUrl');
const seedUrl = `${base}threads/${SLUG}/`;

const browser = useChromium();

async function open(options: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext(options);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto(seedUrl);
  expect(response?.status()).toBe(200);
  return { context, page, errors };
}

describe('the seed thread page', () => {
  it('shows the author, address, dates and list in the message header', async () => {
    const { context, page, errors } = await open({ viewport: { width: 1400, height: 1000 } });
    const header = page.locator(`article[data-anchor="${anchor}"] .msg-header`);
    await expect(header.locator('.author').textContent()).resolves.toBe('Roland Dreier');
    await expect(header.locator('.address').textContent()).resolves.toBe('<rdreier@cisco.com>');
    await expect(header.locator('time').getAttribute('datetime')).resolves.toBe('2009-08-10T20:48:28.000Z');
    await expect(header.locator('time').textContent()).resolves.toBe('2009-08-10 20:48:28 UTC');
    await expect(header.locator('.date-local').textContent()).resolves.toContain('2009-08-10 13:48:28 PDT');
    await expect(header.locator('.msg-list').textContent()).resolves.toBe('ofa-general');
    await page.screenshot({ path: screenshotPath('seed-page-wide.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('marks the quoted text up as foldable blockquotes, apart from the reply', async () => {
    const { context, page } = await open();
    const quotes = page.locator(`article[data-anchor="${anchor}"] details.quote > blockquote`);
    await expect(quotes.count()).resolves.toBe(2);
    await expect(quotes.first().textContent()).resolves.toContain(
      'I have double checked that the SRPT target',
    );
    await expect(quotes.nth(1).textContent()).resolves.toContain('John Ousterhout');
    // The reply itself is not inside any quote.
    const reply = page.locator(`#${anchor}-p3`);
    await expect(reply.textContent()).resolves.toContain('ib_cm takes cm_id_priv->lock');
    await expect(reply.evaluate((el) => el.closest('blockquote') === null)).resolves.toBe(true);
    // Folding the first quote hides its text.
    await page.locator(`article[data-anchor="${anchor}"] details.quote > summary`).first().click();
    await expect(quotes.first().isVisible()).resolves.toBe(false);
    await context.close();
  });

  it('places a note beside its paragraph on wide screens and below it on narrow ones', async () => {
    const wide = await open({ viewport: { width: 1400, height: 1000 } });
    const para = wide.page.locator(`#${anchor}-p3`);
    const note = wide.page.locator(`aside.note[data-note-for="${anchor}-p3"]`);
    await expect(note.textContent()).resolves.toContain('The three links of the chain');
    const [p, n] = [await para.boundingBox(), await note.boundingBox()];
    expect(p && n).toBeTruthy();
    if (!p || !n) return;
    expect(n.x).toBeGreaterThanOrEqual(p.x + p.width);
    expect(Math.abs(n.y - p.y)).toBeLessThan(40);
    await wide.context.close();

    const narrow = await open({ viewport: { width: 420, height: 900 } });
    const [p2, n2] = [
      await narrow.page.locator(`#${anchor}-p3`).boundingBox(),
      await narrow.page.locator(`aside.note[data-note-for="${anchor}-p3"]`).boundingBox(),
    ];
    if (!p2 || !n2) throw new Error('paragraph or note not laid out');
    expect(n2.y).toBeGreaterThanOrEqual(p2.y + p2.height);
    expect(n2.x).toBeLessThan(p2.x + 40);
    await narrow.page.screenshot({ path: screenshotPath('seed-page-narrow.png'), fullPage: true });
    await narrow.context.close();
  });

  it('keeps one text width on wide screens, with or without a note beside the paragraph', async () => {
    const { context, page } = await open({ viewport: { width: 1400, height: 1000 } });
    const widths = await page.evaluate((a) => {
      const body = document.querySelector(`article[data-anchor="${a}"] .msg-body`);
      const alone = [...(body?.children ?? [])].find((el) => el.id.startsWith(`${a}-p`));
      const beside = document.getElementById(`${a}-p3`);
      return [alone?.id, alone?.getBoundingClientRect().width, beside?.getBoundingClientRect().width];
    }, anchor);
    expect(widths[0]).toMatch(/-p\d+$/);
    expect(widths[1]).toBeGreaterThan(300);
    expect(widths[1]).toBe(widths[2]);
    await context.close();
  });

  it('gives each paragraph a ¶ link that keyboards reach, screen readers name, and copying leaves out', async () => {
    const { context, page } = await open({
      viewport: { width: 1400, height: 1000 },
      javaScriptEnabled: false,
    });
    const para = page.locator(`#${anchor}-p3`);
    const link = para.getByRole('link', { name: 'Link to paragraph', exact: true });
    await expect(link.getAttribute('href')).resolves.toBe(`#${anchor}-p3`);
    await expect(link.evaluate((el) => getComputedStyle(el).opacity)).resolves.toBe('0');
    await link.focus();
    await expect(link.evaluate((el) => getComputedStyle(el).opacity)).resolves.toBe('1');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${seedUrl}#${anchor}-p3`);
    await expect(para.textContent()).resolves.toMatch(/^ib_cm takes/);
    await context.close();
  });

  it('is fully readable with JavaScript off, and has no inline script', async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    await expect(page.locator('.author').textContent()).resolves.toBe('Roland Dreier');
    await expect(page.locator('aside.note').count()).resolves.toBeGreaterThanOrEqual(8);
    await expect(page.locator('blockquote').count()).resolves.toBe(2);
    await expect(page.locator('script:not([src])').count()).resolves.toBe(0);
    await context.close();
  });

  it('opens at a paragraph anchor and highlights it', async () => {
    const { context, page } = await open({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${seedUrl}#${anchor}-p6`);
    const bg = await page.locator(`#${anchor}-p6`).evaluate((el) => getComputedStyle(el).backgroundColor);
    const other = await page.locator(`#${anchor}-p5`).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe(other);
    await context.close();
  });

  it('follows the reader’s dark colour scheme', async () => {
    const light = await open({ colorScheme: 'light' });
    const dark = await open({ colorScheme: 'dark' });
    const bgOf = (p: typeof light.page) =>
      p.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [l, d] = [await bgOf(light.page), await bgOf(dark.page)];
    const lum = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((s, v) => s + Number(v), 0);
    expect(lum(l)).toBeGreaterThan(600);
    expect(lum(d)).toBeLessThan(150);
    await light.context.close();
    await dark.context.close();
  });
});

describe('the home page', () => {
  it('lists the seed thread and links to it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    // Listed twice: in the knowledge base (annotated threads) and under its list and month (the
    // by-kind lists hold threads whose mail has a parsed lockdep report; the seed's pipermail text has none).
    await expect(page.locator(`a[href="/threads/${SLUG}/"]`).count()).resolves.toBe(2);
    const link = page.locator(`.kb a[href="/threads/${SLUG}/"]`);
    await expect(link.count()).resolves.toBe(1);
    await link.click();
    await page.waitForURL(seedUrl);
    await expect(page.locator('h1').textContent()).resolves.toContain('irq lock inversion');
    await context.close();
  });
});
