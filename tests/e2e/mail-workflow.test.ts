// The mail workflow on the built site with the showcase threads: To/Cc, lore permalink, raw view and
// downloads, reply mailto, b4 and git send-email commands, commit links, the 404 page, Atom feeds,
// and junk files that were refused before the build.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { splitMbox } from '../../src/lib/mail/mbox.ts';
import { checkAtom } from '../support/atom-check.ts';
import { screenshotPath, watchErrors } from './browser.ts';
import { useChromium } from './use-chromium.ts';

const base = inject('corpusUrl');
const browser = useChromium();
const THREADS = resolve('../shared/corpus/threads');

/** Every corpus message as raw bytes with its Message-ID and body text. */
function corpusMessages(): { id: string; raw: Buffer; text: string }[] {
  return readdirSync(THREADS)
    .filter((f) => f.endsWith('.mbox'))
    .flatMap((f) => splitMbox(new Uint8Array(readFileSync(resolve(THREADS, f)))))
    .map((e) => {
      const raw = Buffer.from(e.raw);
      const text = raw.toString('latin1');
      return { id: /^Message-ID:\s*<([^>]+)>/im.exec(text)?.[1] ?? '', raw, text };
    });
}

describe('the mail workflow of a message', () => {
  const messages = corpusMessages();
  const patch = messages.find(
    (m) => /^To: /m.test(m.text) && /^Cc: /m.test(m.text) && /^Subject: \[PATCH/m.test(m.text),
  ) as {
    id: string;
    raw: Buffer;
  };

  it('shows To and Cc folded, and links lore, raw, download, mbox and reply', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}r/${patch.id}/`);
    await page.waitForURL(/#m/);
    const header = page.locator(`article[data-message-id="${patch.id}"] .msg-header`);
    const to = header.locator('.msg-recipients').first();
    await expect(to.locator('dt').textContent()).resolves.toBe('To');
    await expect(to.locator('ul').isVisible()).resolves.toBe(false);
    await to.locator('summary').click();
    await expect(to.locator('li').count()).resolves.toBeGreaterThan(0);
    const href = (name: string) =>
      header.locator('.msg-actions a', { hasText: name }).first().getAttribute('href');
    await expect(href('lore')).resolves.toBe(`https://lore.kernel.org/all/${patch.id}/`);
    await expect(href('raw')).resolves.toBe(`/r/${patch.id}/raw.txt`);
    await expect(href('mbox')).resolves.toBe(`/r/${patch.id}/m.mbox`);
    const mailto = new URL((await header.locator('a.msg-reply').getAttribute('href')) as string);
    expect(mailto.searchParams.get('In-Reply-To')).toBe(`<${patch.id}>`);
    expect(mailto.searchParams.get('cc')).toContain('linux-rdma@vger.kernel.org');
    await header.locator('.msg-commands > summary').click();
    const commands = await header.locator('.msg-commands code').allTextContents();
    expect(commands[0]).toBe(`b4 mbox ${patch.id}`);
    expect(commands[1]).toContain(`--in-reply-to=${patch.id}`);
    await header.screenshot({ path: screenshotPath('message-header-1400.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves the raw view, the exact bytes and a one-message mbox', async () => {
    const raw = Buffer.from(await (await fetch(`${base}r/${patch.id}/raw.eml`)).arrayBuffer());
    expect(raw.equals(patch.raw)).toBe(true);
    const mbox = await (await fetch(`${base}r/${patch.id}/m.mbox`)).text();
    expect(mbox).toMatch(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/);
    expect(mbox).toContain(`<${patch.id}>`);
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    const response = await page.goto(`${base}r/${patch.id}/raw.txt`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/plain/);
    const shown = (await page.locator('body').textContent()) ?? '';
    expect(shown).toMatch(/^Message-I[Dd]: <(.+)>$/m);
    expect(shown).toContain(`<${patch.id}>`);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('raw-view-390.png') });
    await page.close();
  });

  it('links commits cited with Fixes: to git.kernel.org', async () => {
    const cited = messages.find((m) => /^Fixes: [0-9a-f]{12} \(/m.test(m.text)) as {
      id: string;
      text: string;
    };
    const sha = /^Fixes: ([0-9a-f]{12}) \(/m.exec(cited.text)?.[1];
    const page = await browser.newPage();
    await page.goto(`${base}r/${cited.id}/`);
    await page.waitForURL(/#m/);
    const link = page.locator(`article[data-message-id="${cited.id}"] a[href$="/commit/?id=${sha}"]`).first();
    await expect(link.getAttribute('href')).resolves.toBe(
      `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${sha}`,
    );
    await page.close();
  });
});

describe('the 404 page', () => {
  it('answers with status 404 and offers lore for the Message-ID in the address', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}r/never-imported.1234@example.org/`);
    expect(response?.status()).toBe(404);
    const section = page.locator('ls-not-found [data-message]');
    await section.waitFor();
    await expect(section.locator('[data-lore]').getAttribute('href')).resolves.toBe(
      'https://lore.kernel.org/all/never-imported.1234@example.org/',
    );
    await expect(section.locator('[data-import]').textContent()).resolves.toBe(
      'npm run import -- --lore never-imported.1234@example.org',
    );
    await page.screenshot({ path: screenshotPath('404.png') });
    await page.close();
  });
});

describe('Atom feeds', () => {
  it('are valid Atom 1.0, for the site and for the list', async () => {
    for (const path of ['atom.xml', 'lists/linux-rdma/atom.xml']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      const { problems, entries } = checkAtom(await response.text());
      expect(problems, path).toEqual([]);
      expect(entries.length, path).toBeGreaterThanOrEqual(12);
    }
    const page = await browser.newPage();
    await page.goto(base);
    await expect(
      page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'),
    ).resolves.toBe('/atom.xml');
    await page.close();
  });
});

describe('junk files imported into the content folder before the build', () => {
  it('were each refused, naming what they look like, and added no thread', async () => {
    const junk = inject('junkImports');
    expect(junk.map((j) => j.status)).toEqual([1, 1, 1, 1]);
    expect(junk.map((j) => /\(looks like (.*)\)\n$/.exec(j.stderr)?.[1])).toEqual([
      'an empty file',
      'a PNG image',
      'binary data',
      'an HTML page that is not a pipermail message page',
    ]);
    const page = await browser.newPage();
    await page.goto(base);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const name of ['screenshot', 'core.bin', 'page.html', 'empty.mbox'])
      expect(text).not.toContain(name);
    await page.close();
  });
});
