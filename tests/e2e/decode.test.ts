// /decode/ in Chromium: a hand-written report pasted in every log form gives the card, the graph and
// the checker's verdict; a link reopens the same result; junk gets a clear answer; without
// JavaScript the page says decoding needs it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { LOG_FORMS } from '../unit/lockdep/support/log-forms.ts';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const base = inject('baseUrl');
const browser = useChromium();
const fixture = (name: string) =>
  readFileSync(resolve('tests/fixtures/lockdep/printk', name), 'utf8').trimEnd().split('\n');
const CIRCULAR = [
  '&hub->port_lock',
  '&wdev->cfg_mutex',
  'widget_list_lock',
  '(work_completion)(&(&hub->rescan_work)->work)',
];

/** Pastes `text`, presses Decode and waits for the status line. */
async function decode(page: Page, text: string): Promise<void> {
  await page.fill('#decode-input', text);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('ls-decode')?.hasAttribute('data-reports'));
}

const lockNames = (page: Page) =>
  page.locator('.report-card table.locks tbody td:first-child').allTextContents();

describe('/decode/', () => {
  it('decodes a circular report in every log form: card, graph, scenario table and verdict', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}decode/`);
    for (const form of LOG_FORMS) {
      await decode(page, form.render(fixture('circular-four-links.txt'), 11));
      await expect(page.locator('[data-status]').textContent(), form.name).resolves.toBe(
        '1 lockdep report found (0 partial).',
      );
      const card = page.locator('.report-card');
      await expect(card.getAttribute('data-report-kind'), form.name).resolves.toBe('circular');
      await expect(
        lockNames(page).then((n) => n.sort()),
        form.name,
      ).resolves.toEqual([...CIRCULAR].sort());
      await expect(card.locator('table.scenario th').allTextContents()).resolves.toEqual(['CPU0', 'CPU1']);
      await expect(card.locator('.decode-model').getAttribute('data-verdict'), form.name).resolves.toBe(
        'deadlock',
      );
      await expect(card.locator('.decode-model pre.cpu-table').textContent()).resolves.toMatch(
        /CPU0\s+CPU1\s+CPU2\s+CPU3/,
      );
    }
    // The graph of the last one: all four classes of the chain, drawn as an image.
    const img = page.locator('.report-card figure.chain-graph img');
    await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    await expect(img.getAttribute('alt')).resolves.toBe(
      'Lock dependency chain: hub->port_lock → (work_completion)(&(&hub->rescan_work)->work) → widget_list_lock → wdev->cfg_mutex',
    );
    await page.screenshot({ path: screenshotPath('decode-circular-1280.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains usage bits and reads the other kinds', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}decode/`);
    const cases: [string, string, string[]][] = [
      ['inconsistent-softirq.txt', 'inconsistent', ['&pool->xa.xa_lock#4']],
      ['recursive-two-ports.txt', 'recursive', ['&port->state_lock']],
      ['irq-inversion-hardirq.txt', 'irq-inversion', ['&hub->irq_lock', '&wdev->stats_lock']],
    ];
    for (const [name, kind, locks] of cases) {
      await decode(page, LOG_FORMS.find((f) => f.name === 'dmesg-x')?.render(fixture(name), 5) ?? '');
      await expect(page.locator('.report-card').getAttribute('data-report-kind')).resolves.toBe(kind);
      await expect(lockNames(page)).resolves.toEqual(locks);
    }
    await page.locator('.usage-explained > summary').click();
    await expect(page.locator('.usage-explained dd').first().textContent()).resolves.toMatch(
      /hardirq: acquired inside a hardirq \(hardirq-safe\)/,
    );
    await page.close();
  });

  it('shows what a partial report holds and says what is missing', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}decode/`);
    const lines = fixture('circular-four-links.txt');
    await decode(page, lines.slice(0, lines.indexOf('other info that might help us debug this:')).join('\n'));
    await expect(page.locator('.report-card .missing').textContent()).resolves.toContain(
      'not in it: scenario table, held locks, stack backtrace',
    );
    await expect(lockNames(page).then((n) => n.sort())).resolves.toEqual([...CIRCULAR].sort());
    await page.close();
  });

  it('keeps the text in the URL fragment: the link reopens the same result', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}decode/`);
    const text =
      LOG_FORMS.find((f) => f.name === 'quoted')?.render(fixture('inconsistent-softirq.txt'), 2) ?? '';
    await decode(page, text);
    await page.waitForFunction(() => location.hash.startsWith('#z='));
    const link = page.url();
    expect(link.length).toBeLessThan(text.length + 200);
    await page.close();
    const again = await browser.newPage();
    const errors = watchErrors(again);
    await again.goto(link);
    await again.waitForSelector('.report-card');
    await expect(again.inputValue('#decode-input')).resolves.toBe(text);
    await expect(lockNames(again)).resolves.toEqual(['&pool->xa.xa_lock#4']);
    expect(errors).toEqual([]);
    await again.close();
  });

  it('answers junk clearly, and sends nothing anywhere', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = watchErrors(page);
    await page.goto(`${base}decode/`);
    const loaded = requests.length;
    await decode(page, `\u0000\u0001PNG\u0002\u0003${'\u0007\u0008binary'.repeat(40)}`);
    await expect(page.locator('[data-status]').textContent()).resolves.toMatch(
      /^No lockdep report in the 1 line pasted\. It looks like binary data/,
    );
    await decode(page, '<!DOCTYPE html><html><body>Not found</body></html>');
    await expect(page.locator('[data-status]').textContent()).resolves.toContain(
      'It looks like an HTML page',
    );
    await expect(page.locator('.report-card').count()).resolves.toBe(0);
    await decode(page, LOG_FORMS[0]?.render(fixture('recursive-two-ports.txt'), 1) ?? '');
    // The renderer module may load once; no request leaves the site.
    expect(requests.slice(loaded).every((u) => u.startsWith(base))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so without JavaScript, at phone width, and in dark mode', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${base}decode/`);
    await expect(page.locator('[data-needs-js]').isVisible()).resolves.toBe(true);
    await expect(page.locator('button[type="submit"]').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: screenshotPath('decode-nojs-390.png'), fullPage: true });
    await context.close();
    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 390, height: 800 } });
    const phone = await dark.newPage();
    await phone.goto(`${base}decode/`);
    await decode(
      phone,
      LOG_FORMS.find((f) => f.name === 'journalctl')?.render(fixture('circular-four-links.txt'), 4) ?? '',
    );
    await phone.waitForSelector('.report-card figure img[data-drawn]');
    await expect(phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).resolves.toBe(
      true,
    );
    await phone.screenshot({ path: screenshotPath('decode-dark-390.png'), fullPage: true });
    await dark.close();
  });
});
