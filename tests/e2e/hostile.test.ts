import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../src/cli/serve.ts';
import { MESSAGE_TEXT_BUDGET } from '../../src/lib/mail/pagination.ts';
import { buildSite, type ImportResult, importMail, sitePages } from '../fixtures/hostile/build-site.ts';
import { AUDIT_DOM, armContext, type CanaryHit, type Visit, watchPage } from '../fixtures/hostile/canary.ts';
import { HOSTILE_EXPECTATIONS } from '../fixtures/hostile/expected.ts';
import { type GeneratedCase, ISSUE_SIZES, writeHugeCases } from '../fixtures/hostile/generate.ts';
import { launchChromium } from './browser.ts';

// The hostile corpus (tests/fixtures/hostile/mail plus the huge cases generated here) imported with
// the real import CLI, built into the real site, and every page it produces opened in Chromium with
// a canary. LOCKSTEP_HOSTILE_SCALE (0 < s ≤ 1) shrinks the huge cases for a quick local run.
const SCALE = Number(process.env.LOCKSTEP_HOSTILE_SCALE ?? '1');
const SIZES = {
  lineBytes: Math.round(ISSUE_SIZES.lineBytes * SCALE),
  quoteDepth: Math.round(ISSUE_SIZES.quoteDepth * SCALE),
  threadMessages: Math.round(ISSUE_SIZES.threadMessages * SCALE),
};
const TABS = 4;
const anchorOf = (id: string) => `m${createHash('sha1').update(id).digest('hex')}`;

let work: string;
let out: string;
let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let summary: ImportResult;
let generated: GeneratedCase[];
const hits: CanaryHit[] = [];
const visits = new Map<Page, Visit>();
/** Thread page path of each message anchor (flat view), read from the built HTML. */
const pageOfAnchor = new Map<string, string>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lockstep-hostile-'));
  generated = writeHugeCases(join(work, 'huge'), SIZES);
  summary = importMail(join(work, 'threads'), [
    resolve('tests/fixtures/hostile/mail'),
    ...generated.map((c) => c.file),
  ]);
  out = join(work, 'site');
  buildSite(out, join(work, 'threads'));
  for (const path of sitePages(out)) {
    // Every page of a thread's flat view (a long thread has /threads/<slug>/2/, …).
    if (!/^\/threads\/[^/]+\/(\d+\/)?$/.test(path)) continue;
    const html = readFileSync(join(out, decodeURIComponent(path), 'index.html'), 'utf8');
    for (const m of html.matchAll(/<article class="message[^"]*" data-anchor="(m[0-9a-f]{40}(?:-d\d+)?)"/g)) {
      pageOfAnchor.set(m[1] as string, path);
    }
  }
  const served = await serveStatic(out, 0);
  server = served.server;
  origin = served.url.replace(/\/$/, '');
  browser = await launchChromium();
  context = await browser.newContext({ javaScriptEnabled: true });
  await armContext(context, origin, hits, (page) => visits.get(page));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((done) => server.close(done));
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openPage(path: string): Promise<Page> {
  const page = await context.newPage();
  visits.set(page, { path, redirects: [] });
  watchPage(page, hits, (p) => visits.get(p));
  await page.goto(`${origin}${path}`, { waitUntil: 'load', timeout: 180_000 });
  return page;
}

describe('hostile mail', () => {
  it('imports every hostile message (none rejected or lost)', () => {
    const expected = HOSTILE_EXPECTATIONS.length + generated.reduce((n, c) => n + c.messages.length, 0);
    expect(summary.messages_read).toBe(expected);
    expect(summary.imported).toBe(expected);
    expect(summary.rejected).toBe(0);
  });

  it('opens every page of the site with zero canary hits and a clean DOM', async () => {
    const paths = sitePages(out);
    expect(paths.length).toBeGreaterThan(SIZES.threadMessages);
    const domProblems: string[] = [];
    const redirects: string[] = [];
    const slow: { path: string; ms: number }[] = [];
    const started = performance.now();
    let next = 0;
    const tab = async () => {
      const page = await context.newPage();
      watchPage(page, hits, (p) => visits.get(p));
      for (let i = next++; i < paths.length; i = next++) {
        const path = paths[i] as string;
        const visit: Visit = { path, redirects: [] };
        visits.set(page, visit);
        const t = performance.now();
        const response = await page.goto(`${origin}${path}`, { waitUntil: 'load', timeout: 180_000 });
        if (response?.status() !== 200) domProblems.push(`${path}: HTTP ${response?.status()}`);
        for (const p of (await page.evaluate(AUDIT_DOM)) as string[]) domProblems.push(`${path}: ${p}`);
        redirects.push(...visit.redirects.map((r) => `${path} -> ${r}`));
        slow.push({ path, ms: performance.now() - t });
        if (slow.length % 1000 === 0)
          process.stderr.write(`hostile site: ${slow.length}/${paths.length} pages\n`);
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: TABS }, tab));
    slow.sort((a, b) => b.ms - a.ms);
    console.log(
      `hostile site: ${paths.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s;` +
        ` slowest ${slow
          .slice(0, 3)
          .map((s) => `${decodeURIComponent(s.path)} ${Math.round(s.ms)} ms`)
          .join(', ')}`,
    );
    expect(hits).toEqual([]);
    expect(domProblems).toEqual([]);
    // Permalink pages may only refresh to a page of this site.
    expect(redirects.every((r) => / -> \/threads\//.test(r))).toBe(true);
  }, 3_600_000);

  it.each(HOSTILE_EXPECTATIONS)('shows $file escaped, as text', async ({ messageId, text, absent }) => {
    const anchor = anchorOf(messageId);
    const path = pageOfAnchor.get(anchor);
    expect(path, `no thread page holds ${messageId}`).toBeDefined();
    const page = await openPage(path as string);
    const article = page.locator(`article[data-anchor="${anchor}"]`);
    await expect(article.isVisible()).resolves.toBe(true);
    const content = (await article.textContent()) ?? '';
    for (const t of text) expect(content).toContain(t);
    for (const t of absent ?? []) expect(content).not.toContain(t);
    await page.close();
    expect(hits).toEqual([]);
  });

  it('shows every generated message: the long line, the deep quote, the loop and the big thread', async () => {
    for (const c of generated) {
      const byPage = new Map<string, { anchor: string; marker: string }[]>();
      for (const m of c.messages) {
        const anchor = anchorOf(m.messageId);
        const path = pageOfAnchor.get(anchor);
        expect(path, `no thread page holds ${m.messageId}`).toBeDefined();
        const list = byPage.get(path as string) ?? [];
        list.push({ anchor, marker: m.marker });
        byPage.set(path as string, list);
      }
      for (const [path, wanted] of byPage) {
        const page = await openPage(path);
        // One pass over the page's messages: marker (not followed by a digit), text length, visibility.
        const found = (await page.evaluate(`((wanted) => {
          const out = {};
          for (const a of document.querySelectorAll('article.message')) {
            const text = a.textContent || '';
            const marker = wanted[a.getAttribute('data-anchor')];
            const shown = marker !== undefined && new RegExp('marker: ' + marker + '(?![0-9])').test(text);
            out[a.getAttribute('data-anchor')] = { marker: shown ? marker : '', length: text.length, visible: a.getClientRects().length > 0 };
          }
          return out;
        })(${JSON.stringify(Object.fromEntries(wanted.map((w) => [w.anchor, w.marker])))})`)) as Record<
          string,
          { marker: string; length: number; visible: boolean }
        >;
        for (const w of wanted) {
          expect(found[w.anchor], `${w.marker} on ${path}`).toEqual(
            expect.objectContaining({ marker: w.marker, visible: true }),
          );
        }
        if (c.file.endsWith('huge-line.mbox')) {
          // The page shows the line's head (as much as a message shows, lib/mail/pagination.ts) and the
          // fold notice; the message's raw view has all of it.
          const anchor = anchorOf('huge-line@lockstep.test');
          const line = found[anchor];
          expect(line?.length).toBeGreaterThanOrEqual(Math.min(SIZES.lineBytes, MESSAGE_TEXT_BUDGET));
          const raw = await page
            .locator(`article[data-anchor="${anchor}"] p.folded a`)
            .getAttribute('href')
            .catch(() => null);
          if (SIZES.lineBytes > MESSAGE_TEXT_BUDGET) {
            expect(raw).toBe('/r/huge-line@lockstep.test/raw.txt');
            const whole = await (await page.request.get(`${origin}${raw}`)).text();
            expect(whole.length).toBeGreaterThanOrEqual(SIZES.lineBytes);
          }
        }
        if (c.file.endsWith('deep-quote.mbox')) {
          const text = await page
            .locator(`article[data-anchor="${anchorOf('huge-quote@lockstep.test')}"]`)
            .textContent();
          expect(text).toContain(
            `quoted at depth ${SIZES.quoteDepth} <script>alert(${SIZES.quoteDepth})</script>`,
          );
        }
        await page.close();
      }
    }
    expect(hits).toEqual([]);
  }, 600_000);
});
