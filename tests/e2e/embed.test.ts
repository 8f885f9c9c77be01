import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// /embed/<id>/: bare pages for iframes, light or dark by query parameter, with step controls for scenarios.
const base = inject('baseUrl');

const browser = useChromium();

async function open(path: string) {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  const response = await page.goto(`${base}${path}`);
  expect(response?.status()).toBe(200);
  return { context, page, errors };
}

describe('embed pages', () => {
  it('renders a scenario bare, with both diagrams and working step controls', async () => {
    const { context, page, errors } = await open('embed/baseline-2630/');
    await expect(page.locator('header, footer, .site-header').count()).resolves.toBe(0);
    await expect(page.locator('.diagram-svg > svg').count()).resolves.toBe(2);
    await expect(page.locator('button[data-act="edit"]').count()).resolves.toBe(0);
    await page.locator('button[data-act="step"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.diagram-svg .is-current').first().getAttribute('data-step')).resolves.toBe(
      's1',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renders a single diagram', async () => {
    const { context, page, errors } = await open('embed/fix-del-timer-lock-graph/');
    await expect(page.locator('.diagram-svg > svg').count()).resolves.toBe(1);
    await expect(page.locator('.diagram-summary').textContent()).resolves.toContain('Lock dependency graph');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches light and dark by query parameter', async () => {
    const bg = async (theme: string) => {
      const { context, page } = await open(`embed/baseline-2630-sequence/?theme=${theme}`);
      const colour = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const attr = await page.evaluate(() => document.documentElement.dataset.theme);
      if (theme === 'dark') await page.screenshot({ path: screenshotPath('embed-dark.png') });
      await context.close();
      return { colour, attr };
    };
    await expect(bg('dark')).resolves.toEqual({ colour: 'rgb(22, 23, 26)', attr: 'dark' });
    await expect(bg('light')).resolves.toEqual({ colour: 'rgb(253, 252, 248)', attr: 'light' });
  });

  it('loads inside an iframe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    // A host page that frames the embed, as a blog or slide deck would (Chromium's local-network
    // checks refuse a public origin framing 127.0.0.1, so the host is a blank page of its own).
    await page.setContent(
      `<!doctype html><iframe src="${base}embed/baseline-2630/?theme=dark" width="800" height="600"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    await frame.locator('.diagram-svg > svg').first().waitFor();
    await expect(frame.locator('.diagram-svg > svg').count()).resolves.toBe(2);
    await frame.locator('button[data-act="step"]').focus();
    await page.keyboard.press('Enter');
    await expect(frame.locator('ls-sim').getAttribute('data-position')).resolves.toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });
});
