// Prints what a first visit to a page transfers, by resource type (HTML, CSS, JS, other), measured
// in real Chromium against a built site, and how tall the page is at 1400 px and 390 px (with any
// sideways scroll): a home page listing hundreds of threads must stay navigable.
// Usage: npm run bench:page -- [--dist DIR] [PATH ...]   (DIR defaults to dist/)

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/cli/serve.ts';
import { launchChromium } from '../tests/e2e/browser.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { dist: { type: 'string' } } });
const paths = positionals.filter((a) => a !== '--');
const targets = paths.length > 0 ? paths : ['/threads/ofa-general-2009-irq-lock-inversion/'];
const { server, url } = await serveStatic(resolve(values.dist ?? 'dist'), 0);
const browser = await launchChromium();
try {
  for (const path of targets) {
    const page = await browser.newPage();
    const bytes: Record<string, number> = { html: 0, css: 0, js: 0, other: 0 };
    const counted: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      counted.push(
        request.sizes().then((sizes) => {
          const type = request.resourceType();
          const kind =
            type === 'document' ? 'html' : type === 'stylesheet' ? 'css' : type === 'script' ? 'js' : 'other';
          bytes[kind] = (bytes[kind] ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize;
        }),
      );
    });
    await page.goto(new URL(path, url).href, { waitUntil: 'networkidle' });
    await Promise.all(counted);
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    console.log(
      `${path}  html ${bytes.html} B  css ${bytes.css} B  js ${bytes.js} B  other ${bytes.other} B  total ${total} B (as transferred: gzip where the browser accepts it, headers included)`,
    );
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const shape = await page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        links: document.querySelectorAll('main a[href^="/threads/"]').length,
        threads: new Set(
          [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="/threads/"]')].map(
            (a) => a.pathname.split('/')[2],
          ),
        ).size,
        details: document.querySelectorAll('main details').length,
      }));
      console.log(
        `  at ${width} px: ${shape.height} px tall, ${shape.sideways} px sideways scroll, ${shape.threads} threads linked (${shape.links} links), ${shape.details} foldable sections`,
      );
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
