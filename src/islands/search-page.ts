// <ls-search>: the /search/ page. Reads ?q= and filter parameters, maps lore-style prefixes onto
// Pagefind filters, and lists results deep-linked to the message they matched. Results are built
// with DOM calls only; excerpts go through excerptFragment (text and <mark> only).

import { matchFilterValues, type ParsedQuery, parseQuery } from '../lib/search/query.ts';
import { excerptFragment } from './safe-excerpt.ts';

interface SubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  sub_results: SubResult[];
}
interface Pagefind {
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    query: string | null,
    options?: { filters?: Record<string, { any: string[] }> },
  ): Promise<{ results: { data(): Promise<ResultData> }[] }>;
}

/** Filters shown as checkboxes, in this order, with their labels. */
const FILTER_LABELS: [string, string][] = [
  ['list', 'List'],
  ['author', 'Author'],
  ['year', 'Year'],
  ['kernel', 'Kernel'],
  ['subsystem', 'Subsystem'],
  ['symbol', 'Symbol'],
  ['lock', 'Lock class'],
  ['kind', 'Report kind'],
  ['has-patch', 'Has a patch'],
  ['has-fix-scenario', 'Has a fix scenario'],
];
const MESSAGE_ANCHOR = /#m[0-9a-f]{40}/;
/** Results whose data is loaded per click on "More results". */
const PAGE_SIZE = 10;

class LsSearch extends HTMLElement {
  private pagefind: Pagefind | null = null;
  private available: Record<string, Record<string, number>> = {};
  private form!: HTMLFormElement;
  private input!: HTMLInputElement;
  private status!: HTMLElement;
  private list!: HTMLOListElement;
  private facets!: HTMLElement;
  private more!: HTMLButtonElement;
  private pending: { data(): Promise<ResultData> }[] = [];
  private parsed: ParsedQuery = parseQuery('');
  private run = 0;

  async connectedCallback() {
    this.form = this.querySelector('form') as HTMLFormElement;
    this.input = this.querySelector('input[name="q"]') as HTMLInputElement;
    this.status = this.querySelector('[data-status]') as HTMLElement;
    this.list = this.querySelector('ol[data-results]') as HTMLOListElement;
    this.facets = this.querySelector('[data-facets]') as HTMLElement;
    this.more = this.querySelector('button[data-more]') as HTMLButtonElement;
    this.more.addEventListener('click', () => void this.showMore());
    const params = new URLSearchParams(location.search);
    this.input.value = params.get('q') ?? '';
    this.status.textContent = 'Loading the search index…';
    const url = '/pagefind/pagefind.js';
    this.pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    await this.pagefind.init();
    this.available = await this.pagefind.filters();
    this.renderFacets(params);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search();
    });
    this.input.addEventListener('input', () => void this.search());
    this.facets.addEventListener('change', () => void this.search());
    await this.search();
    this.dataset.ready = 'true';
  }

  private renderFacets(params: URLSearchParams) {
    this.facets.replaceChildren();
    for (const [name, label] of FILTER_LABELS) {
      // Values named in the URL stay selectable even when the index has none (they then match nothing).
      const values = [
        ...new Set([...Object.keys(this.available[name] ?? {}), ...params.getAll(name)]),
      ].sort();
      if (values.length === 0) continue;
      const set = document.createElement('fieldset');
      set.dataset.filter = name;
      const legend = document.createElement('legend');
      legend.textContent = label;
      set.append(legend);
      const chosen = new Set(params.getAll(name));
      for (const value of values) {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = name;
        box.value = value;
        box.checked = chosen.has(value);
        const text = document.createElement('label');
        text.append(box, ` ${value} `);
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = `(${this.available[name]?.[value] ?? 0})`;
        text.append(count);
        set.append(text);
      }
      this.facets.append(set);
    }
  }

  private checkedFilters(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const box of this.facets.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
      out[box.name] = [...(out[box.name] ?? []), box.value];
    }
    return out;
  }

  // Prefix constraints become filter values; an f:/sym: that matches nothing yields no results.
  private prefixFilters(parsed: ParsedQuery): Record<string, string[]> | null {
    const out: Record<string, string[]> = {};
    const pick = (filter: string, fragments: string[]) => {
      if (fragments.length === 0) return true;
      const values = matchFilterValues(Object.keys(this.available[filter] ?? {}), fragments);
      if (values.length === 0) return false;
      out[filter] = values;
      return true;
    };
    if (!pick('author', parsed.from) || !pick('symbol', parsed.symbols)) return null;
    if (parsed.years) {
      const years = Object.keys(this.available.year ?? {}).filter((y) => {
        const n = Number(y);
        return parsed.years !== null && n >= parsed.years.from && n <= parsed.years.to;
      });
      if (years.length === 0) return null;
      out.year = years;
    }
    return out;
  }

  private async search() {
    if (!this.pagefind) return;
    const run = ++this.run;
    const raw = this.input.value.trim();
    const parsed = parseQuery(raw);
    const chosen = this.checkedFilters();
    this.syncUrl(raw, chosen);
    const fromPrefixes = this.prefixFilters(parsed);
    if (raw === '' && Object.keys(chosen).length === 0) {
      this.show(
        [],
        'Type a symbol, a lock or a phrase. Prefixes: s: subject, f: author, d: year or range, sym: symbol.',
      );
      return;
    }
    if (fromPrefixes === null) {
      this.show([], 'No results: a prefix matched no author, symbol or year in the index.');
      return;
    }
    const filters: Record<string, { any: string[] }> = {};
    for (const [name, values] of Object.entries({ ...chosen, ...fromPrefixes }))
      filters[name] = { any: values };
    const response = await this.pagefind.search(parsed.text === '' ? null : parsed.text, { filters });
    if (run !== this.run) return;
    this.pending = response.results;
    this.parsed = parsed;
    this.list.replaceChildren();
    await this.showMore(run);
  }

  // Result data (and the page fragments behind it) is fetched a page at a time: fragments of long
  // threads are large, and most readers look at the first few results only.
  private async showMore(run = this.run) {
    const batch = this.pending.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (run !== this.run) return;
    this.list.append(...data.flatMap((d) => this.toResult(d, this.parsed)));
    const shown = this.list.childElementCount;
    const more = this.pending.length;
    this.status.textContent = `${shown} result${shown === 1 ? '' : 's'}${more > 0 ? `, ${more} more` : ''}`;
    this.more.hidden = more === 0;
    this.markRendered();
  }

  // One entry per page, linking to the best message sub-result (s: words must be in its subject).
  private toResult(data: ResultData, parsed: ParsedQuery): HTMLLIElement[] {
    const subject = parsed.subject.map((s) => s.toLowerCase());
    const messages = data.sub_results.filter((s) => MESSAGE_ANCHOR.test(s.url));
    const matching = messages.filter((s) => subject.every((w) => s.title.toLowerCase().includes(w)));
    if (subject.length > 0 && matching.length === 0) return [];
    const best = matching[0] ?? data.sub_results[0];
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = best?.url ?? this.authorLink(data, parsed) ?? data.url;
    link.className = 'result-title';
    link.textContent = data.meta.title ?? data.url;
    item.append(link);
    if (best && MESSAGE_ANCHOR.test(best.url)) {
      const sub = document.createElement('div');
      sub.className = 'result-message';
      sub.textContent = best.title;
      item.append(sub);
    }
    const excerpt = document.createElement('p');
    excerpt.className = 'result-excerpt';
    excerpt.append(excerptFragment(best?.excerpt ?? data.excerpt));
    item.append(excerpt);
    return [item];
  }

  // Filter-only searches have no sub-results: with f:, land on that author's first message.
  private authorLink(data: ResultData, parsed: ParsedQuery): string | null {
    if (parsed.from.length === 0 || !data.meta.authors) return null;
    const anchors = JSON.parse(data.meta.authors) as Record<string, string>;
    const author = matchFilterValues(Object.keys(anchors), parsed.from)[0];
    return author ? `${data.url}#${anchors[author]}` : null;
  }

  private show(items: HTMLLIElement[], status: string) {
    this.pending = [];
    this.more.hidden = true;
    this.list.replaceChildren(...items);
    this.status.textContent = status;
    this.markRendered();
  }

  // Which query the visible results belong to (the URL's query string), for tests and assistive tools.
  private markRendered() {
    this.dataset.rendered = location.search;
  }

  private syncUrl(q: string, chosen: Record<string, string[]>) {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    for (const [name, values] of Object.entries(chosen)) for (const v of values) params.append(name, v);
    const query = params.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }
}

customElements.define('ls-search', LsSearch);
