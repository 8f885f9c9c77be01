// The filter checkboxes of the search page, built with DOM calls from the build's filter counts.
// A filter with hundreds of values (authors, symbols) shows its most frequent ones and the chosen
// ones; the rest are reached by the box's prefixes (f:, sym:).

import { own, shownValues } from '../lib/search/facets.ts';

/** Filters shown as checkboxes, in this order, with their labels and the prefix that reaches any value. */
const FILTERS: { name: string; label: string; prefix?: string }[] = [
  { name: 'list', label: 'List' },
  { name: 'author', label: 'Author', prefix: 'f:' },
  { name: 'year', label: 'Year', prefix: 'd:' },
  { name: 'kernel', label: 'Kernel' },
  { name: 'subsystem', label: 'Subsystem' },
  { name: 'symbol', label: 'Symbol', prefix: 'sym:' },
  { name: 'lock', label: 'Lock class' },
  { name: 'kind', label: 'Report kind' },
  { name: 'has-patch', label: 'Has a patch' },
  { name: 'has-fix-scenario', label: 'Has a fix scenario' },
];

/** The filter values a URL's parameters choose: what the checkboxes show checked once they are drawn. */
export function chosenFilters(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name } of FILTERS) {
    const values = params.getAll(name);
    if (values.length > 0) out[name] = values;
  }
  return out;
}

/** Fills `container` with one fieldset of checkboxes per filter that has values (`totals`: values each filter has in all). */
export function renderFacets(
  container: HTMLElement,
  available: Record<string, Record<string, number>>,
  totals: Record<string, number>,
  params: URLSearchParams,
) {
  container.replaceChildren();
  for (const { name, label, prefix } of FILTERS) {
    const counts = available[name] ?? {};
    const chosen = params.getAll(name);
    const values = shownValues(counts, chosen);
    if (values.length === 0) continue;
    const set = document.createElement('fieldset');
    set.dataset.filter = name;
    const legend = document.createElement('legend');
    legend.textContent = label;
    set.append(legend);
    for (const value of values) {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = name;
      box.value = value;
      box.checked = chosen.includes(value);
      const text = document.createElement('label');
      text.append(box, ` ${value} `);
      // A value chosen in the URL but not among the listed ones has no count here.
      if (own(counts, value) !== undefined || totals[name] === undefined) {
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = `(${own(counts, value) ?? 0})`;
        text.append(count);
      }
      set.append(text);
    }
    const listed = values.filter((v) => own(counts, v) !== undefined).length;
    const hidden = (totals[name] ?? Object.keys(counts).length) - listed;
    if (hidden > 0) {
      const more = document.createElement('p');
      more.className = 'more-values';
      more.textContent = `${hidden} more${prefix ? `: type ${prefix}name in the box` : ''}`;
      set.append(more);
    }
    container.append(set);
  }
}
