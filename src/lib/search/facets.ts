// The Pagefind filter values of a thread page: list, author, year, kernel, subsystem, symbol,
// lock class, report kind, has-patch, has-fix-scenario. Pure: callers pass what they detected.

/** What a thread contributes to the search filters; every value list is distinct and sorted. */
export type Facets = Record<string, string[]>;

/** The inputs facets are computed from (plain data from the thread entry). */
export interface FacetInput {
  list?: string;
  kernel?: string;
  subsystems: string[];
  messages: { author: string; utc: string | null; hasPatch: boolean }[];
  symbols: string[];
  locks: string[];
  reportKinds: string[];
  scenarioCount: number;
}

/**
 * Largest number of symbol values one thread adds: the most mentioned ones. Pagefind loads the
 * filter index with every search, so thousands of rarely named symbols would cost every reader.
 */
export const MAX_SYMBOL_VALUES = 20;

/** The `max` most frequent values (ties by name), sorted by name. */
export function mostFrequent(values: readonly string[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v.trim() !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([v]) => v)
    .sort();
}

/** Computes the filter values of one thread page. */
export function threadFacets(input: FacetInput): Facets {
  const distinct = (values: (string | undefined | null)[]) =>
    [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== ''))].sort();
  return {
    list: distinct([input.list]),
    author: distinct(input.messages.map((m) => m.author)),
    year: distinct(input.messages.map((m) => m.utc?.slice(0, 4))),
    kernel: distinct([input.kernel]),
    subsystem: distinct(input.subsystems),
    symbol: mostFrequent(input.symbols, MAX_SYMBOL_VALUES),
    lock: distinct(input.locks),
    kind: distinct(input.reportKinds),
    'has-patch': [input.messages.some((m) => m.hasPatch) ? 'yes' : 'no'],
    'has-fix-scenario': [input.scenarioCount > 0 ? 'yes' : 'no'],
  };
}

/** Values listed per filter before the rest are left to prefixes. */
export const SHOWN_VALUES = 25;

/** The values to list for one filter: all of them when few, else the most frequent and the chosen ones, by name. */
export function shownValues(counts: Record<string, number>, chosen: readonly string[]): string[] {
  const names = Object.keys(counts);
  const top =
    names.length <= SHOWN_VALUES
      ? names
      : names
          .sort((a, b) => (own(counts, b) ?? 0) - (own(counts, a) ?? 0) || a.localeCompare(b))
          .slice(0, SHOWN_VALUES);
  // Values named in the URL stay selectable even when the index has none (they then match nothing).
  return [...new Set([...top, ...chosen])].sort();
}

/** `counts[value]` when it is the object's own entry (values are mail text: `constructor` is a name too). */
export function own(counts: Record<string, number>, value: string): number | undefined {
  return Object.hasOwn(counts, value) ? counts[value] : undefined;
}
