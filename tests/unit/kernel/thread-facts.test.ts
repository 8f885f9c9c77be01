import { describe, expect, it } from 'vitest';
import { fileFacts, patchPlacements } from '../../../src/kernel-providers/thread-facts.ts';
import type { SymbolIndex } from '../../../src/lib/kernel/types.ts';

// A made-up "nearest tree" index and a made-up thread (tests/fixtures/kernel/mail/widget-thread.mbox).
const nearest: SymbolIndex = {
  version: '6.1.192',
  varTypes: {},
  symbols: [
    { name: 'widget_release', kind: 'function', file: 'drivers/infiniband/core/widget.c', line: 80 },
    { name: 'widget_grab', kind: 'function', file: 'drivers/infiniband/core/widget2.c', line: 5 },
    { name: 'gadget_poke', kind: 'function', file: 'drivers/infiniband/core/gadget.c', line: 12 },
    { name: 'other_fn', kind: 'function', file: 'lib/other.c', line: 3 },
    { name: 'widget_helper', kind: 'function', file: 'drivers/infiniband/core/helper.c', line: 9 },
    { name: 'dup_fn', kind: 'function', file: 'a.c', line: 1 },
    { name: 'dup_fn', kind: 'function', file: 'b.c', line: 1 },
  ],
};

describe('file-only facts from a thread', () => {
  it('places functions and structs by the hunk headers of patches, quoted ones too', () => {
    const text = [
      'diff --git a/x/y.c b/x/y.c',
      '@@ -1,2 +1,2 @@ static void first_fn(int a)',
      '@@ -9,2 +9,2 @@ struct holder {',
      '@@ -20,2 +20,2 @@ static const struct ops table = {',
      '> +++ b/x/z.h',
      '> @@ -3,1 +3,1 @@ int second_fn(void)',
    ].join('\n');
    expect(patchPlacements(text)).toEqual({
      placements: [
        { name: 'first_fn', kind: 'function', file: 'x/y.c' },
        { name: 'holder', kind: 'struct', file: 'x/y.c' },
        { name: 'second_fn', kind: 'function', file: 'x/z.h' },
      ],
      files: ['x/y.c', 'x/z.h'],
    });
  });

  it('takes files from the patch first, from the nearest tree only where the thread names the file', async () => {
    const { facts, unplaced } = await fileFacts({
      version: '6.7-rc1',
      mail: ['tests/fixtures/kernel/mail/widget-thread.mbox'],
      nearest,
    });
    expect(facts.version).toBe('6.7-rc1');
    expect(facts.symbols).toEqual([
      { name: 'gadget_poke', kind: 'function', file: 'drivers/infiniband/core/gadget.c', line: null },
      { name: 'widget_grab', kind: 'function', file: 'drivers/infiniband/core/widget.c', line: null },
      { name: 'widget_helper', kind: 'function', file: 'drivers/infiniband/core/helper.c', line: null },
      { name: 'widget_release', kind: 'function', file: 'drivers/infiniband/core/widget.c', line: null },
      { name: 'widget_table', kind: 'struct', file: 'drivers/infiniband/core/widget.c', line: null },
    ]);
    expect(facts.verified?.widget_grab).toMatch(/^a hunk header of the thread's own patch$/);
    expect(facts.verified?.gadget_poke).toMatch(
      /^as in v6\.1\.192, the nearest exact tree here \(the thread names that file\); not checked at v6\.7-rc1$/,
    );
    expect(facts.verified?.widget_helper).toMatch(/names files in that directory/);
    // The reply quotes a hunk without its diff header: no file, so widget_poll stays unplaced.
    expect(unplaced).toEqual(['dup_fn', 'other_fn', 'widget', 'widget_poll']);
  });

  it('places a name from the nearest tree on request (--add) when it has one file there', async () => {
    const { facts, unplaced } = await fileFacts({
      version: '6.7-rc1',
      mail: ['tests/fixtures/kernel/mail/widget-thread.mbox'],
      nearest,
      add: ['other_fn', 'dup_fn'],
    });
    expect(facts.symbols.find((d) => d.name === 'other_fn')).toMatchObject({
      file: 'lib/other.c',
      line: null,
    });
    expect(unplaced).toEqual(['dup_fn', 'widget', 'widget_poll']);
  });
});
