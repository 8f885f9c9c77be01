// <ls-decode>: the /decode/ page. Reads the pasted text with the site's lockdep parser (lib/lockdep,
// the one `npm run splats` uses), shows a card per report, and keeps the text in the URL fragment so
// a link reopens the same result. Everything runs here; nothing is sent anywhere.

import { findReports } from '../../lib/lockdep/find-reports.ts';

import { packFragment, unpackFragment } from './fragment.ts';
import { reportCard } from './report-view.ts';

const DEBOUNCE_MS = 300;

/** Why a text holds no report, in a few words, for the reader who pasted it. */
export function describeNoReport(text: string): string {
  const lines = text.split('\n').length;
  const controls = [...text].filter((c) => c < ' ' && c !== '\n' && c !== '\r' && c !== '\t').length;
  if (text.trim() === '') return 'Nothing to decode yet: paste a lockdep report or a log that holds one.';
  const looks =
    text.includes('\u0000') || controls > text.length / 20
      ? ' It looks like binary data rather than text.'
      : /^\s*<(?:!doctype html|html)/i.test(text)
        ? ' It looks like an HTML page; paste the report text itself.'
        : '';
  return `No lockdep report in the ${lines} line${lines === 1 ? '' : 's'} pasted.${looks} A report starts with a banner such as "WARNING: possible circular locking dependency detected", or holds sentences such as "is trying to acquire lock:" or "-> #1 (…){+.+.}".`;
}

/** The decode element; see the file comment. */
export class LsDecode extends HTMLElement {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #input!: HTMLTextAreaElement;
  #output!: HTMLElement;
  #status!: HTMLElement;

  async connectedCallback(): Promise<void> {
    if (this.#input) return;
    this.#input = this.querySelector('textarea') as HTMLTextAreaElement;
    this.#output = this.querySelector('[data-output]') as HTMLElement;
    this.#status = this.querySelector('[data-status]') as HTMLElement;
    this.querySelector('[data-needs-js]')?.setAttribute('hidden', '');
    for (const el of this.querySelectorAll<HTMLElement>('[data-js]')) el.hidden = false;
    this.querySelector('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#decode(true);
    });
    this.#input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#decode(true), DEBOUNCE_MS);
    });
    window.addEventListener('hashchange', () => this.#fromFragment());
    await this.#fromFragment();
  }

  async #fromFragment(): Promise<void> {
    const text = await unpackFragment(location.hash);
    if (text === null || text === this.#input.value) return;
    this.#input.value = text;
    this.#decode(false);
  }

  /** Parses the text and shows the cards; `remember` writes the fragment. */
  #decode(remember: boolean): void {
    const text = this.#input.value.replace(/\r\n?/g, '\n');
    const reports = findReports(text);
    const lines = text.split('\n');
    this.#output.replaceChildren(
      ...reports.map((r, i) => reportCard(r, i + 1, lines.slice(r.lines.start, r.lines.end + 1).join('\n'))),
    );
    this.#status.textContent =
      reports.length === 0
        ? describeNoReport(text)
        : `${reports.length} lockdep report${reports.length === 1 ? '' : 's'} found (${reports.filter((r) => !r.hasBanner).length} partial).`;
    this.dataset.reports = String(reports.length);
    if (remember) void this.#remember(text);
  }

  async #remember(text: string): Promise<void> {
    const hash = text.trim() === '' ? '' : await packFragment(text);
    if (hash === location.hash) return;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    this.dataset.link = location.href;
    const link = this.querySelector<HTMLAnchorElement>('[data-permalink]');
    if (link) link.href = location.href;
  }
}
