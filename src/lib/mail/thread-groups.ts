// How the home page files threads: by list, then month (newest first), and by kind of lockdep report.

/** What grouping needs of a thread: its list, when it started (ISO UTC, '' when undated), its report kinds. */
export interface Groupable {
  list: string;
  utc: string;
  kinds: readonly string[];
}

/** One list's threads by month (`yyyy-mm`, `undated` last), newest month and newest thread first. */
export interface ListGroup<T> {
  list: string;
  count: number;
  months: { month: string; items: T[] }[];
}

/** Groups by list (most threads first, then by name) and month; within a month, newest first. */
export function groupByListMonth<T extends Groupable>(items: readonly T[]): ListGroup<T>[] {
  const lists = new Map<string, Map<string, T[]>>();
  for (const item of items) {
    const month = item.utc ? item.utc.slice(0, 7) : 'undated';
    const months = lists.get(item.list) ?? new Map<string, T[]>();
    lists.set(item.list, months);
    // Pushed, not copied (a copy per thread is quadratic in a busy month).
    const items = months.get(month);
    if (items) items.push(item);
    else months.set(month, [item]);
  }
  // Newest month first; 'undated' would sort before the digits in a descending compare, so it is put last.
  const monthOrder = (a: string, b: string) =>
    a === 'undated' ? 1 : b === 'undated' ? -1 : b.localeCompare(a);
  return [...lists.entries()]
    .map(([list, months]) => ({
      list,
      count: [...months.values()].reduce((n, m) => n + m.length, 0),
      months: [...months.entries()]
        .sort(([a], [b]) => monthOrder(a, b))
        .map(([month, group]) => ({ month, items: group.sort((a, b) => b.utc.localeCompare(a.utc)) })),
    }))
    .sort((a, b) => b.count - a.count || a.list.localeCompare(b.list));
}

/**
 * Groups by kind of report, in `order` (kinds not in it follow by name); a thread with reports of two
 * kinds is under both, one without reports under `none`. Newest thread first in each kind.
 */
export function groupByKind<T extends Groupable>(
  items: readonly T[],
  order: readonly string[],
): { kind: string; items: T[] }[] {
  const kinds = new Map<string, T[]>();
  for (const item of items) {
    for (const kind of item.kinds.length > 0 ? new Set(item.kinds) : ['none'])
      kinds.set(kind, [...(kinds.get(kind) ?? []), item]);
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...kinds.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([kind, group]) => ({ kind, items: group.sort((a, b) => b.utc.localeCompare(a.utc)) }));
}
