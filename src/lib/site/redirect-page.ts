// A page that only sends the reader on: the /r/<Message-ID>/ permalinks (one per message, written by the
// loader's workers beside each message's raw files, so 14,600 of them cost no page renders) and the old
// /nested/ addresses (layouts/Redirect.astro). It carries the CSP, the refresh, the canonical link and one
// link, and no stylesheet: its one style rule is inline and lets a long subject wrap on a phone. Without
// scripts the meta refresh moves the reader; the link is there for browsers that do not follow it.

import { REDIRECT_PAGE_POLICY } from './content-security-policy.ts';

/** What a redirect page says. Every string is plain text: the page escapes it. */
export interface RedirectPage {
  /** Page title, before ` · Lockstep`. */
  title: string;
  /** Where the reader goes: a path on this site, with its #anchor or ?query. */
  target: string;
  /** The canonical address, when it differs from the target (the target without its query). */
  canonical?: string;
  /** The sentence before the link (`This message is in its thread:`). */
  lead: string;
  /** The link's text. */
  linkText: string;
  /** Marks the link as a permalink's target (`data-permalink-target`), which tests and scripts look for. */
  permalink?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Text made safe for HTML text and double-quoted attribute values (the only quoting these pages use, so
 * the CSP's apostrophes stay one byte each).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] as string);
}

/** The whole page, from `<!doctype html>` on. */
export function redirectPageHtml(page: RedirectPage): string {
  const target = escapeHtml(page.target);
  const canonical = escapeHtml(page.canonical ?? page.target);
  const marker = page.permalink ? ' data-permalink-target' : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REDIRECT_PAGE_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="robots" content="noindex">',
    // Named, or browsers ask for /favicon.ico, which the site does not have.
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    `<title>${escapeHtml(page.title)} · Lockstep</title>`,
    `<meta http-equiv="refresh" content="0; url=${target}">`,
    `<link rel="canonical" href="${canonical}">`,
    '<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}</style>',
    '</head><body><main>',
    `<p>${escapeHtml(page.lead)} <a href="${target}"${marker}>${escapeHtml(page.linkText)}</a>.</p>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
