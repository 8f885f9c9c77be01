// Prints what a first visit to a page transfers, by resource type (HTML, CSS, JS, other), measured
// in real Chromium against the built site in dist/. Usage: npm run bench:page -- [PATH ...]

import { resolve } from 'node:path';
import { serveStatic } from '../src/cli/serve.ts';
import { launchChromium } from '../tests/e2e/browser.ts';

const paths = process.argv.slice(2).filter((a) => a !== '--');
const targets = paths.length > 0 ? paths : ['/threads/ofa-general-2009-irq-lock-inversion/'];
const { server, url } = await serveStatic(resolve('dist'), 0);
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
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
