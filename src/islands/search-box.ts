// The header's search box once a reader focuses it: results drop down under the box as they type
// (each thread once, linked to the message that matches best), reachable with the arrow keys.
// Enter still opens the full /search/ page, which also has the filters and the s: f: d: sym: prefixes.

import { type ParsedQuery, parseQuery } from '../lib/search/query.ts';
import {
  afterPaint,
  fetchFacetIndex,
  oneResultPerThread,
  type ResultData,
  recordLoader,
  resultEntry,
  startPagefind,
  warmUp,
} from './search-engine.ts';

/** Results shown under the box; the full page lists the rest. */
const SHOWN = 6;
/** Of those, the ones put on screen before the others' data is asked for. */
const FIRST_SHOWN = 3;

/** The entries for the results' data (each a thread's title, best message and excerpt). */
function entriesFor(data: readonly ResultData[], parsed: ParsedQuery): HTMLLIElement[] {
  return data.flatMap((d) => resultEntry(d, parsed, null) ?? []);
}

/** Adds the drop-down results to the header search form, and starts the search engine now. */
export function attachLiveSearch(form: HTMLFormElement, input: HTMLInputElement) {
  const panel = document.createElement('div');
  panel.className = 'search-pop';
  panel.id = 'site-search-results';
  panel.hidden = true;
  const status = document.createElement('p');
  status.className = 'search-pop-status';
  status.setAttribute('role', 'status');
  const list = document.createElement('ol');
  const all = document.createElement('a');
  all.className = 'search-pop-all';
  panel.append(status, list, all);
  form.append(panel);
  input.setAttribute('aria-controls', panel.id);
  input.setAttribute('aria-expanded', 'false');
  // Started on focus, so that it is ready by the time the reader has typed a word.
  const facetIndex = fetchFacetIndex();
  const engine = Promise.all([startPagefind(facetIndex), facetIndex]);
  const loader = facetIndex.then(recordLoader);
  // Warmed before the first word is typed; an engine that failed to start is reported by update().
  void engine.then(
    async ([pagefind]) => warmUp(pagefind, await loader),
    () => {},
  );
  let run = 0;

  const show = (open: boolean) => {
    panel.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
  };

  // The panel shows the results of `query`; data-rendered names it (for tests and the search bench).
  const shown = (query: string) => {
    show(true);
    panel.dataset.rendered = query;
  };

  const update = async () => {
    const mine = ++run;
    const raw = input.value.trim();
    if (raw === '') {
      show(false);
      return;
    }
    const parsed = parseQuery(raw);
    all.href = `/search/?q=${encodeURIComponent(raw)}`;
    all.textContent = `All results for “${raw}” (Enter)`;
    const prefixed = parsed.from.length + parsed.symbols.length + parsed.subject.length > 0 || parsed.years;
    if (prefixed || parsed.text === '') {
      status.textContent = prefixed ? 'Prefixes are searched on the full page.' : '';
      list.replaceChildren();
      shown(raw);
      return;
    }
    const [[pagefind, facets], load] = await Promise.all([engine, loader]);
    const response = await pagefind.search(parsed.text);
    if (mine !== run) return;
    const top = oneResultPerThread(response.results, facets?.parts ?? {}, new Set(facets?.hidden)).slice(
      0,
      SHOWN,
    );
    // The first few go on screen as soon as their data is in, the rest once those are painted (as
    // on the search page: the rest's excerpts, built on the page's thread, would hold that frame back).
    const first = await Promise.all(top.slice(0, FIRST_SHOWN).map(load));
    if (mine !== run) return;
    status.textContent = first.length === 0 ? 'No results.' : '';
    list.replaceChildren(...entriesFor(first, parsed));
    shown(raw);
    if (top.length <= FIRST_SHOWN) return;
    await afterPaint();
    if (mine !== run) return;
    const rest = await Promise.all(top.slice(FIRST_SHOWN).map(load));
    if (mine !== run) return;
    list.append(...entriesFor(rest, parsed));
  };

  // Arrow keys move between the box and the links of the panel; Escape closes it.
  const links = () => [...panel.querySelectorAll<HTMLAnchorElement>('a')];
  form.addEventListener('keydown', (event) => {
    if (panel.hidden) return;
    const current = links().indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'Escape') {
      input.focus();
      show(false);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = current + step;
      if (next < 0) input.focus();
      else links()[Math.min(next, links().length - 1)]?.focus();
    } else return;
    event.preventDefault();
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) show(false);
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '') show(true);
  });
  input.addEventListener('input', () => void update());
  if (input.value.trim() !== '') void update();
}
