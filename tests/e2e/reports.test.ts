import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const base = inject('corpusUrl');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const firstId = (file: string) =>
  /^Message-ID:\s*<([^>]+)>/im.exec(
    readFileSync(resolve('../shared/corpus/threads', file), 'utf8'),
  )?.[1] as string;

const browser = useChromium();

describe('lockdep report cards', () => {
  it('decodes an inconsistent-lock-state report: usage bits explained on focus, scenario table, raw view', async () => {
    const id = firstId('mlx5-mkey-table-inconsistent-lock-state.mbox');
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}r/${id}/`);
    await page.waitForURL(/#m/);
    const card = page.locator(`article[data-anchor="m${sha1(id)}"] .report-card`).first();
    await expect(card.getAttribute('data-report-kind')).resolves.toBe('inconsistent');
    await expect(card.locator('h3').textContent()).resolves.toContain('inconsistent lock state');
    const usage = card.locator('.usage').first();
    const tip = usage.locator('[role="tooltip"]');
    await expect(tip.isVisible()).resolves.toBe(false);
    await usage.focus();
    await expect(tip.isVisible()).resolves.toBe(true);
    await expect(tip.textContent()).resolves.toMatch(/hardirq/i);
    await expect(card.locator('table.scenario th').allTextContents()).resolves.toEqual(['CPU0']);
    await expect(card.locator('table.scenario').textContent()).resolves.toContain('<Interrupt>');
    await card.locator('details.raw > summary').click();
    await expect(card.locator('details.raw pre').textContent()).resolves.toContain('inconsistent lock state');
    await card.screenshot({ path: screenshotPath('report-card.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a circular report as a graph, builds a model the checker finds deadlocking, and links lock classes', async () => {
    const page = await browser.newPage();
    const id = firstId('ib-core-client-removal-circular.mbox');
    await page.goto(`${base}r/${id}/`);
    await page.waitForURL(/#m/);
    const card = page.locator('.report-card[data-report-kind="circular"]').first();
    const img = card.locator('figure.chain-graph img');
    // The chain is a separate SVG file shown through <img>: mail text never enters the page as markup.
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    await expect(img.getAttribute('src')).resolves.toMatch(/^\/report-graphs\/m[0-9a-f]{40}-r\d+\.svg$/);
    await expect(card.locator('figure.chain-graph picture[data-pagefind-ignore]').count()).resolves.toBe(1);
    await expect(card.locator('details.model > summary').textContent()).resolves.toContain('a deadlock');
    // Open as a scenario: the model built from the chain runs in the browser and deadlocks there too.
    await card.locator('details.model > summary').click();
    const sim = card.locator('details.model ls-sim');
    await sim.locator('button[data-act="run"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (el) => el?.querySelector('.sim-run')?.getAttribute('data-verdict') ?? null,
      await sim.elementHandle(),
      { timeout: 15_000 },
    );
    await expect(sim.locator('.sim-run').getAttribute('data-verdict')).resolves.toBe('deadlock');
    await expect(sim.locator('button[data-act="edit"]').count()).resolves.toBe(1);
    const lockLink = card.locator('table.locks a').first();
    const href = (await lockLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/locks\/[a-z0-9_-]+\/$/);
    const threadPath = new URL(page.url()).pathname;
    await lockLink.click();
    await page.waitForURL(new RegExp(`${href}$`));
    const links = await page
      .locator('main a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.some((l) => l.startsWith(threadPath))).toBe(true);
    await page.close();
  });
});
