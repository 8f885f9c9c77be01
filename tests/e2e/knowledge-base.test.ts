import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lockClassSlug } from '../../src/lib/lock-classes/lock-class.ts';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

// The knowledge base: every annotated thread folder under content/threads (a thread.yaml naming its
// `root`), checked on the default build (no mail but the seed's) and on the corpus build (the showcase
// threads imported in global-setup, joined to their annotations by Message-ID).
const THREADS = resolve('content/threads');
interface Annotated {
  slug: string;
  root: string;
  notes: number;
  scenarios: string[];
  ownMail: boolean;
  kind: string;
  /** The first of thread.yaml `subsystems`, up to any `:` (the front files the thread under it). */
  subsystem: string;
}
const annotated: Annotated[] = readdirSync(THREADS)
  .filter((slug) => existsSync(join(THREADS, slug, 'thread.yaml')))
  .map((slug) => {
    const meta = parseYaml(readFileSync(join(THREADS, slug, 'thread.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    const notesFile = join(THREADS, slug, 'notes.mdx');
    const notes = existsSync(notesFile)
      ? (readFileSync(notesFile, 'utf8').match(/^<Note /gm) ?? []).length
      : 0;
    const dir = join(THREADS, slug, 'scenarios');
    const scenarios = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')) : [];
    const subsystems = Array.isArray(meta.subsystems) ? meta.subsystems.map(String) : [];
    return {
      slug,
      root: String(meta.root ?? ''),
      notes,
      scenarios,
      ownMail: Array.isArray(meta.sources),
      kind: String(meta.kind ?? ''),
      subsystem: (subsystems[0] ?? 'other').split(':')[0]?.trim() ?? '',
    };
  })
  // Annotated: a root to join mail by, and notes written (a thread.yaml alone is a folder being started).
  .filter((t) => t.root !== '' && t.notes > 0);
const showcase = annotated.filter((t) => !t.ownMail);

// Panels of the thread's own models (report cards add panels of models built from a report: `report-…`).
const OWN_PANELS = 'article.scenario:not([data-scenario-id^="report-"])';

const browser = useChromium();

async function open(url: string, javaScriptEnabled = true): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, javaScriptEnabled });
  const errors = watchErrors(page);
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  return { page, errors };
}

describe('annotated threads on the corpus build (mail imported in the test)', () => {
  const base = inject('corpusUrl');

  it('has annotated showcase threads to check', () => {
    expect(showcase.length).toBeGreaterThanOrEqual(1);
  });

  for (const t of annotated) {
    it(`${t.slug}: mail joined by Message-ID, every note beside its paragraph, the model table`, async () => {
      const { page, errors } = await open(`${base}threads/${t.slug}/`, false);
      await expect(page.locator(`article.message[data-message-id="${t.root}"]`).count()).resolves.toBe(1);
      await expect(page.locator('.mail-location').count()).resolves.toBe(0);
      await expect(page.locator('.absent-notes').count()).resolves.toBe(0);
      await expect(page.locator('article.message aside.note').count()).resolves.toBe(t.notes);
      if (t.scenarios.length > 1) {
        await expect(page.locator('.thread-models tr[data-model-row]').count()).resolves.toBe(
          t.scenarios.length,
        );
      }
      await expect(page.locator(OWN_PANELS).count()).resolves.toBe(t.scenarios.length);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('shows one page per annotated thread: the imported folder holding its root is not a second page', async () => {
    const { page } = await open(`${base}`, false);
    for (const t of showcase)
      await expect(page.locator(`[data-kb-thread="${t.slug}"]`).count()).resolves.toBe(1);
    // The permalink of each root lands on the annotation's page, not on the imported folder's.
    for (const t of showcase) {
      const other = await fetch(`${base}r/${t.root}/`).then((r) => r.text());
      expect(other, t.slug).toContain(`/threads/${t.slug}/`);
    }
    await page.close();
  });

  it('runs a fix model of a non-seed thread in the page and steps through its report model', async () => {
    const { page, errors } = await open(`${base}threads/mlx5-mkey-table-inconsistent-lock-state/`);
    const sim = (id: string) => `ls-sim[data-id="${id}"]`;
    await page.locator(`${sim('mkey-table-fix-xa-erase-irq')} button[data-act="run"]`).click();
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .sim-run`)?.getAttribute('data-verdict') === 'no-deadlock',
      sim('mkey-table-fix-xa-erase-irq'),
      { timeout: 15_000 },
    );
    const report = sim('mkey-table-report');
    await page.locator(`${report} button[data-act="step"]`).click();
    await expect(page.locator(`${report} .sim-status`).textContent()).resolves.toMatch(/^Step 1 of 2: CPU0 /);
    await page.locator(`${report} button[data-act="step"]`).click();
    await expect(page.locator(`${report} .sim-blocked`).allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('spins on &(&xa->xa_lock)->rlock#3 held by CPU0')]),
    );
    await page.screenshot({ path: screenshotPath('kb-fix-and-report.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('annotated threads on the default build (no imported mail)', () => {
  const base = inject('baseUrl');

  for (const t of showcase) {
    it(`${t.slug}: builds with notes under Message-IDs, the models, and where the mail is`, async () => {
      const { page, errors } = await open(`${base}threads/${t.slug}/`, false);
      await expect(page.locator('.mail-location[data-mail-state="absent"]').count()).resolves.toBe(1);
      await expect(
        page.locator('.mail-location a[href^="https://lore.kernel.org/"]').first().getAttribute('href'),
      ).resolves.toContain(t.root);
      await expect(page.locator('.mail-location pre').textContent()).resolves.toContain('npm run import');
      await expect(page.locator('.absent-notes aside.note').count()).resolves.toBe(t.notes);
      await expect(
        page.locator(`.absent-message[data-message-id="${t.root}"] h3 a`).getAttribute('href'),
      ).resolves.toBe(`https://lore.kernel.org/all/${t.root}/`);
      await expect(page.locator(OWN_PANELS).count()).resolves.toBe(t.scenarios.length);
      // No mail here, so no mbox to download.
      await expect(page.locator('a[download][href$="t.mbox.gz"]').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('lists every annotated thread on the home page, grouped by kind, with JavaScript off', async () => {
    const { page } = await open(base, false);
    for (const t of annotated)
      await expect(page.locator(`.kb [data-kb-thread="${t.slug}"]`).count()).resolves.toBe(1);
    await expect(
      page
        .locator(
          '.kb-kind[data-kind="inconsistent"] [data-kb-thread="mlx5-mkey-table-inconsistent-lock-state"] .kb-chain',
        )
        .textContent(),
    ).resolves.toBe('&(&xa->xa_lock)->rlock#3');
    await page.close();
  });

  it('files every annotated thread under its kind and subsystem on the front, with a chain line and a verdict per model', async () => {
    const { page } = await open(base, false);
    for (const t of annotated.filter((a) => a.kind !== '')) {
      const item = page.locator(`.kb-kind[data-kind="${t.kind}"] .kb-subsystem [data-kb-thread="${t.slug}"]`);
      await expect(item.count(), t.slug).resolves.toBe(1);
      await expect(
        item.locator('xpath=ancestor::div[contains(@class,"kb-subsystem")]/h4').textContent(),
        t.slug,
      ).resolves.toBe(t.subsystem);
      await expect(item.locator('.kb-chain').count(), t.slug).resolves.toBe(1);
      await expect(item.locator('.kb-verdicts .kb-v').count(), t.slug).resolves.toBe(t.scenarios.length);
    }
    const line = (slug: string) => page.locator(`[data-kb-thread="${slug}"] .kb-chain`).textContent();
    const report = (slug: string) => page.locator(`[data-kb-thread="${slug}"] .kb-v`).first().textContent();
    // A recursive report: the one class taken twice.
    await expect(line('rdma-cm-destroy-id-recursive-syzbot')).resolves.toBe('lock#6 → lock#6');
    // A false positive: the class cycle as lockdep prints it, and the explorer's word on it.
    await expect(line('siw-reclassify-sockets-lockdep-circular')).resolves.toBe(
      'sk_lock-AF_INET → lock#9 → sk_lock-AF_INET',
    );
    await expect(report('siw-reclassify-sockets-lockdep-circular')).resolves.toContain(
      'lockdep false positive',
    );
    // A hang lockdep cannot see: no class chain, the stuck contexts instead.
    const ipoib = await line('ipoib-reap-ah-abba-prose-cpu-table');
    expect(ipoib).toMatch(/^lockdep sees no chain; /);
    expect(ipoib).toContain('down_write(ppriv->vlan_rwsem)');
    expect(ipoib).toContain('flush_workqueue()');
    await expect(report('ipoib-reap-ah-abba-prose-cpu-table')).resolves.toMatch(
      /livelock lockdep cannot see/,
    );
    await page.close();
  });

  it('lists annotated threads and their models on the symbol pages of the functions the models run', async () => {
    const { page } = await open(`${base}symbols/5.8-rc2/ipoib_mcast_carrier_on_task/`, false);
    await expect(
      page.locator('.kb-list [data-kb-thread="ipoib-reap-ah-abba-prose-cpu-table"]').count(),
    ).resolves.toBe(1);
    for (const id of ['ipoib-reap-ah-report', 'ipoib-reap-ah-fix-reap-dead-ahs'])
      await expect(page.locator(`.symbol-models a[href$="#scenario-${id}"]`).count(), id).resolves.toBe(1);
    await page.close();
  });

  it('gives a class a model reclassifies (lockdep_set_class) a page listing the thread and those models', async () => {
    const { page } = await open(`${base}locks/${lockClassSlug('sk_lock-AF_INET-RDMA-SIW')}/`, false);
    await expect(
      page.locator('[data-kb-thread="siw-reclassify-sockets-lockdep-circular"]').count(),
    ).resolves.toBe(1);
    // v2's IPv4 class; v1 named its class sk_lock-RDMA-SIW, and the report has no siw class at all.
    await expect(page.locator('a[href$="#scenario-siw-sockets-fix-v2"]').count()).resolves.toBe(1);
    await expect(page.locator('a[href$="#scenario-siw-sockets-fix-v1"]').count()).resolves.toBe(0);
    await expect(page.locator('a[href$="#scenario-siw-sockets-report"]').count()).resolves.toBe(0);
    await page.close();
  });

  it('finds notes and scenario summaries of annotated threads whose mail is not in the build', async () => {
    const queries: Array<[string, string]> = [
      // A phrase of a note, and a function named in the models' summaries and the notes (not in the seed).
      // (a word only this thread's notes use: with twelve annotated threads, common words rank others first)
      ['firmware', 'mlx5-mkey-table-inconsistent-lock-state'],
      ['reg_mr_callback', 'mlx5-mkey-table-inconsistent-lock-state'],
    ];
    for (const [query, slug] of queries) {
      const { page, errors } = await open(`${base}search/?q=${encodeURIComponent(query)}`);
      // data-settled: the whole first batch of results is on screen (data-ready is only the engine).
      await page.waitForSelector('ls-search[data-settled]');
      const hrefs = await page
        .locator('ol[data-results] a.result-title')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(
        hrefs.some((h) => h.startsWith(`/threads/${slug}/`)),
        `${query}: ${hrefs.join(' ')}`,
      ).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('lists the annotated thread and its models on the lock-class page', async () => {
    const slug = lockClassSlug('&(&xa->xa_lock)->rlock#3');
    const { page } = await open(`${base}locks/${slug}/`, false);
    await expect(
      page.locator('[data-kb-thread="mlx5-mkey-table-inconsistent-lock-state"]').count(),
    ).resolves.toBe(1);
    await expect(page.locator('a[href$="#scenario-mkey-table-report"]').count()).resolves.toBe(1);
    await page.close();
  });
});
