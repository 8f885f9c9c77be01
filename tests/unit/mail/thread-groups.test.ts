import { describe, expect, it } from 'vitest';
import { groupByKind, groupByListMonth } from '../../../src/lib/mail/thread-groups.ts';

const t = (id: string, list: string, utc: string, kinds: string[] = []) => ({ id, list, utc, kinds });

describe('groupByListMonth', () => {
  it('files threads by list (biggest first) and month (newest first), undated last', () => {
    const groups = groupByListMonth([
      t('a', 'small', '2020-01-05T00:00:00Z'),
      t('b', 'big', '2021-03-01T00:00:00Z'),
      t('c', 'big', ''),
      t('d', 'big', '2021-03-09T00:00:00Z'),
      t('e', 'big', '2019-12-31T23:00:00Z'),
    ]);
    expect(groups.map((g) => [g.list, g.count])).toEqual([
      ['big', 4],
      ['small', 1],
    ]);
    expect(groups[0]?.months.map((m) => [m.month, m.items.map((i) => i.id)])).toEqual([
      ['2021-03', ['d', 'b']],
      ['2019-12', ['e']],
      ['undated', ['c']],
    ]);
  });
});

describe('groupByKind', () => {
  it('lists a thread under each kind it reports, in the given order, and reportless ones under none', () => {
    const groups = groupByKind(
      [
        t('a', 'l', '2020-01-01', ['inconsistent', 'circular', 'circular']),
        t('b', 'l', '2021-01-01', ['circular']),
        t('c', 'l', '2021-01-01'),
        t('d', 'l', '2021-01-01', ['zzz']),
      ],
      ['circular', 'inconsistent'],
    );
    expect(groups.map((g) => [g.kind, g.items.map((i) => i.id)])).toEqual([
      ['circular', ['b', 'a']],
      ['inconsistent', ['a']],
      ['none', ['c']],
      ['zzz', ['d']],
    ]);
  });
});
