import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Chromium binary: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the Chromium shipped inside
 * the @sparticuz/chromium npm package (so `npm test` works on a machine without a system browser).
 */
export async function chromiumPath(): Promise<string> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist`);
    return explicit;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const bundled = (await import('@sparticuz/chromium')).default;
  return bundled.executablePath();
}

/** Debian's build of Chromium's headless shell: the same engine without the browser's own windows. */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The browser for timing page loads (bench:search, which opens a window per measurement):
 * CHROMIUM_PATH, else the headless shell when installed, else the browser tests' Chromium. The full
 * browser, headless, still loads its toolbar's WebUI page (the address bar's drop-down) in a renderer
 * of its own for every new window: in a trace of a fresh search page on a 2-core machine that
 * renderer was busy longer than the page's own.
 */
export async function timingChromiumPath(): Promise<string> {
  if (!process.env.CHROMIUM_PATH && existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL;
  return chromiumPath();
}

/** Launches headless Chromium (`executablePath`, else chromiumPath()) with the flags this sandbox needs. */
export async function launchChromium(executablePath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath ?? (await chromiumPath()),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

/** Where browser tests write screenshots (kept as test output, ignored by git). */
export function screenshotPath(name: string): string {
  const dir = resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, name);
}
