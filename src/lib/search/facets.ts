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

/** Largest number of symbol values one thread adds, so a patch bomb cannot bloat the filter index. */
export const MAX_SYMBOL_VALUES = 80;

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
    symbol: distinct(input.symbols).slice(0, MAX_SYMBOL_VALUES),
    lock: distinct(input.locks),
    kind: distinct(input.reportKinds),
    'has-patch': [input.messages.some((m) => m.hasPatch) ? 'yes' : 'no'],
    'has-fix-scenario': [input.scenarioCount > 0 ? 'yes' : 'no'],
  };
}
