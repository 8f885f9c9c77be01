// <ls-search>: the /search/ page. Reads ?q= and filter parameters, maps lore-style prefixes onto
// Pagefind filters, and lists results deep-linked to the message they matched. Results are built
// with DOM calls only; excerpts go through excerptFragment (text and <mark> only).

import type { FacetIndex } from '../lib/search/facet-index.ts';
import { plural } from '../lib/search/plural.ts';
import { matchFilterValues, type ParsedQuery, parseQuery } from '../lib/search/query.ts';
import {
  afterPaint,
  fetchFacetIndex,
  oneResultPerThread,
  type Pagefind,
  pageUrl,
  type RecordLoader,
  type Result,
  type ResultData,
  recordLoader,
  resultEntry,
  startPagefind,
  warmUp,
} from './search-engine.ts';
import { chosenFilters, renderFacets } from './search-facets.ts';

/** Results whose data is loaded per click on "More results". */
const PAGE_SIZE = 10;
/** Results of a batch put on screen as soon as their data is in, before the rest of the batch. */
const FIRST_SCREEN = 5;
/** Performance mark set once the page's first results (its own ?q= query's) are on screen. */
const FIRST_RESULTS_MARK = 'lockstep:search-first';
/** A query that is one Message-ID (`<id@host>` or `id@host`), as pasted from a mail client or lore. */
const MESSAGE_ID = /^<?([^\s<>@]+@[^\s<>@]+)>?$/;

class LsSearch extends HTMLElement {
  private pagefind: Pagefind | null = null;
  /** Loads a result's data (title, messages, excerpt) for the list. */
  private load: RecordLoader = (result) => result.data();
  /** Counts of the filter values listed beside the results, and how many values each filter has. */
  private available: FacetIndex['filters'] = {};
  private totals: FacetIndex['totals'] = {};
  /** Every value of every filter, for prefixes (loaded from Pagefind when a prefix needs it). */
  private allValues: Promise<FacetIndex['filters']> | null = null;
  /** Later index parts of long threads → their thread's first part (results show each thread once). */
  private parts: FacetIndex['parts'] = {};
  /** Base records an incremental build's delta bundle replaced (FacetIndex.hidden). */
  private replaced: ReadonlySet<string> = new Set();
  private form!: HTMLFormElement;
  private input!: HTMLInputElement;
  private status!: HTMLElement;
  private list!: HTMLOListElement;
  private facets!: HTMLElement;
  private more!: HTMLButtonElement;
  private direct!: HTMLElement;
  private pending: Result[] = [];
  /** The filters the page's URL chose, while their checkboxes are not drawn yet. */
  private urlFilters: Record<string, string[]> | null = null;
  private parsed: ParsedQuery = parseQuery('');
  /** The URL query string (`?q=…&author=…`) of the search under way, or empty. */
  private query = '';
  private run = 0;

  async connectedCallback() {
    this.form = this.querySelector('form') as HTMLFormElement;
    this.input = this.querySelector('input[name="q"]') as HTMLInputElement;
    this.status = this.querySelector('[data-status]') as HTMLElement;
    this.list = this.querySelector('ol[data-results]') as HTMLOListElement;
    this.facets = this.querySelector('[data-facets]') as HTMLElement;
    this.more = this.querySelector('button[data-more]') as HTMLButtonElement;
    this.direct = this.querySelector('[data-direct]') as HTMLElement;
    this.more.addEventListener('click', () => void this.showMore());
    // The filters are folded under the results on phones; beside them, on wide screens, open.
    const folded = this.querySelector<HTMLDetailsElement>('details[data-filters]');
    if (folded && matchMedia('(min-width: 56rem)').matches) folded.open = true;
    const params = new URLSearchParams(location.search);
    this.input.value = params.get('q') ?? '';
    this.status.textContent = 'Loading the search index…';
    const facetIndex = fetchFacetIndex();
    const [pagefind, facets] = await Promise.all([startPagefind(facetIndex), facetIndex]);
    this.pagefind = pagefind;
    this.load = recordLoader(facets);
    this.replaced = new Set(facets?.hidden);
    if (facets) ({ filters: this.available, totals: this.totals, parts: this.parts } = facets);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search(true);
    });
    this.input.addEventListener('input', () => void this.search());
    this.facets.addEventListener('change', () => void this.search());
    this.urlFilters = chosenFilters(params);
    await this.search(true);
    // The page's own query (?q=) has its whole first batch on screen: for profilers and the search bench.
    performance.mark('lockstep:search-ready');
    // The filters are drawn after the results: a few hundred checkboxes take tens of milliseconds
    // to lay out on a slow machine, which the results need not wait for.
    if (!facets) {
      this.allValues ??= pagefind.filters();
      this.available = await this.allValues;
    }
    renderFacets(this.facets, this.available, this.totals, params);
    this.urlFilters = null;
    this.dataset.ready = 'true';
    // A page opened without a query waits for one: the engine warms up meanwhile.
    if (!params.get('q')) void warmUp(pagefind, this.load);
  }

  // The checked boxes; the URL's filter parameters until the boxes are drawn.
  private checkedFilters(): Record<string, string[]> {
    if (this.urlFilters) return this.urlFilters;
    const out: Record<string, string[]> = {};
    for (const box of this.facets.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
      out[box.name] = [...(out[box.name] ?? []), box.value];
    }
    return out;
  }

  // Prefix constraints become filter values; an f:/sym: that matches nothing yields no results.
  private async prefixFilters(parsed: ParsedQuery): Promise<Record<string, string[]> | null> {
    const out: Record<string, string[]> = {};
    if (parsed.from.length + parsed.symbols.length === 0 && !parsed.years) return out;
    this.allValues ??= (this.pagefind as Pagefind).filters();
    const all = await this.allValues;
    const pick = (filter: string, fragments: string[]) => {
      if (fragments.length === 0) return true;
      const values = matchFilterValues(Object.keys(all[filter] ?? {}), fragments);
      if (values.length === 0) return false;
      out[filter] = values;
      return true;
    };
    if (!pick('author', parsed.from) || !pick('symbol', parsed.symbols)) return null;
    if (parsed.years) {
      const years = Object.keys(all.year ?? {}).filter((y) => {
        const n = Number(y);
        return parsed.years !== null && n >= parsed.years.from && n <= parsed.years.to;
      });
      if (years.length === 0) return null;
      out.year = years;
    }
    return out;
  }

  /** Runs the box's query; `go`: a query that is a Message-ID of this site opens that message. */
  private async search(go = false) {
    if (!this.pagefind) return;
    const run = ++this.run;
    const raw = this.input.value.trim();
    const parsed = parseQuery(raw);
    const chosen = this.checkedFilters();
    this.query = queryString(raw, chosen);
    void this.offerPermalink(raw, run, go);
    const fromPrefixes = await this.prefixFilters(parsed);
    if (run !== this.run) return;
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
    this.pending = oneResultPerThread(response.results, this.parts, this.replaced);
    this.parsed = parsed;
    this.list.replaceChildren();
    await this.showMore(run);
  }

  // Result data (and the page fragment behind it) is fetched a batch at a time, as most readers look
  // at the first few results only; the first screenful is shown without waiting for the rest. The
  // rest of a batch is asked for once the first screenful is painted: its fragments, arriving while
  // the first were drawn, had Pagefind build their excerpts on the page's thread and held the
  // first screenful's frame back (by some 20 to 50 ms on a slow machine).
  private async showMore(run = this.run) {
    const batch = this.pending.splice(0, PAGE_SIZE);
    const stages = [batch.slice(0, FIRST_SCREEN), batch.slice(FIRST_SCREEN)];
    for (const [i, stage] of stages.entries()) {
      if (i > 0 && stage.length === 0) break;
      if (i > 0) await afterPaint();
      if (run !== this.run) return;
      const data = await Promise.all(stage.map(this.load));
      if (run !== this.run) return;
      for (const d of data) {
        const entry = resultEntry(d, this.parsed, this.authorLink(d, this.parsed));
        if (entry) this.list.append(entry);
      }
      const shown = this.list.childElementCount;
      const more = this.pending.length + (stages[i + 1]?.length ?? 0);
      this.status.textContent = `${plural(shown, 'result')}${more > 0 ? `, ${more} more` : ''}`;
      this.more.hidden = this.pending.length === 0;
      this.markRendered();
    }
    this.settle();
  }

  // Filter-only searches have no sub-results: with f:, land on that author's first message.
  private authorLink(data: ResultData, parsed: ParsedQuery): string | null {
    if (parsed.from.length === 0 || !data.meta.authors) return null;
    const anchors = JSON.parse(data.meta.authors) as Record<string, string>;
    const author = matchFilterValues(Object.keys(anchors), parsed.from)[0];
    return author ? `${pageUrl(data)}#${anchors[author]}` : null;
  }

  // A Message-ID (pasted from a mail client or lore) goes straight to the message when this site has
  // it: on a submitted or linked query; while typing, the permalink is offered instead.
  private async offerPermalink(raw: string, run: number, go: boolean) {
    this.direct.replaceChildren();
    const id = MESSAGE_ID.exec(raw)?.[1];
    // Ids that cannot be a static path have no page (lib/mail/permalink.ts); `@` stays as written.
    if (!id || /[%?#\\]/.test(id)) return;
    const href = `/r/${encodeURI(id)}/`;
    const found = await fetch(href, { method: 'HEAD' }).then(
      (r) => r.ok,
      () => false,
    );
    if (!found || run !== this.run) return;
    if (go) {
      location.replace(href);
      return;
    }
    const link = document.createElement('a');
    link.href = href;
    link.textContent = `<${id}>`;
    this.direct.append('Message ', link);
  }

  private show(items: HTMLLIElement[], status: string) {
    this.pending = [];
    this.more.hidden = true;
    this.list.replaceChildren(...items);
    this.status.textContent = status;
    this.markRendered();
    this.settle();
  }

  // Which query the visible results belong to (the URL's query string it is given), for tests and
  // assistive tools; data-settled follows once the whole batch is on screen.
  private markRendered() {
    this.dataset.rendered = this.query;
    // The page's own query (?q=) has its first results on screen: for profilers and the search bench.
    if (performance.getEntriesByName(FIRST_RESULTS_MARK).length === 0) performance.mark(FIRST_RESULTS_MARK);
  }

  // The whole batch is on screen: the URL is given the query, and data-settled says so. Only now:
  // Chromium fetches and draws the page's icon again on every change of the URL, which on the
  // first screenful's path cost it some 10 ms a query.
  private settle() {
    if (location.search !== this.query) history.replaceState(null, '', this.query || location.pathname);
    this.dataset.settled = this.query;
  }
}

/** The URL query string of a search: the query and the chosen filter values ('' for none). */
function queryString(q: string, chosen: Record<string, string[]>): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  for (const [name, values] of Object.entries(chosen)) for (const v of values) params.append(name, v);
  const query = params.toString();
  return query ? `?${query}` : '';
}

customElements.define('ls-search', LsSearch);
