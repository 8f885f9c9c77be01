// The header's search box once a reader focuses it: results drop down under the box as they type
// (each thread once, linked to the message that matches best), reachable with the arrow keys.
// Enter still opens the full /search/ page, which also has the filters and the s: f: d: sym: prefixes.

import { parseQuery } from '../lib/search/query.ts';
import { fetchFacetIndex, oneResultPerThread, resultEntry, startPagefind, warmUp } from './search-engine.ts';

/** Results shown under the box; the full page lists the rest. */
const SHOWN = 6;

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
  // Warmed before the first word is typed; an engine that failed to start is reported by update().
  void engine.then(
    ([pagefind]) => warmUp(pagefind),
    () => {},
  );
  let run = 0;

  const show = (open: boolean) => {
    panel.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
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
    const entries: HTMLLIElement[] = [];
    if (!prefixed && parsed.text !== '') {
      const [pagefind, facets] = await engine;
      const response = await pagefind.search(parsed.text);
      if (mine !== run) return;
      const top = oneResultPerThread(response.results, facets?.parts ?? {}, new Set(facets?.hidden)).slice(
        0,
        SHOWN,
      );
      const data = await Promise.all(top.map((r) => r.data()));
      if (mine !== run) return;
      for (const d of data) {
        const entry = resultEntry(d, parsed, null);
        if (entry) entries.push(entry);
      }
      status.textContent = entries.length === 0 ? 'No results.' : '';
    } else {
      status.textContent = prefixed ? 'Prefixes are searched on the full page.' : '';
    }
    list.replaceChildren(...entries);
    show(true);
    panel.dataset.rendered = raw;
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
