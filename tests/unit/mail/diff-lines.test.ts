import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/lib/mail/body-structure.ts';
import { diffLineKind, diffRuns } from '../../../src/lib/mail/diff-lines.ts';

describe('diff line classes', () => {
  it('tells file headers from added and removed lines', () => {
    expect(diffLineKind('diff --git a/drivers/x.c b/drivers/x.c')).toBe('file');
    expect(diffLineKind('index 1a2b3c4..5d6e7f8 100644')).toBe('file');
    expect(diffLineKind('--- a/drivers/x.c')).toBe('file');
    expect(diffLineKind('+++ b/drivers/x.c')).toBe('file');
    expect(diffLineKind('@@ -10,6 +10,7 @@ static void f(void)')).toBe('hunk');
    expect(diffLineKind('+\tspin_lock_irqsave(&l, flags);')).toBe('add');
    expect(diffLineKind('-\tspin_lock(&l);')).toBe('del');
    expect(diffLineKind(' \tunchanged();')).toBe('context');
    expect(diffLineKind('')).toBe('context');
    // A removed line that starts with two dashes is still a removal; only `--- ` opens a file.
    expect(diffLineKind('--i;')).toBe('del');
  });

  it('joins consecutive lines of one kind into one run, keeping every line', () => {
    const text = ['@@ -1,3 +1,3 @@', ' a', ' b', '-c', '-d', '+e', ' f'].join('\n');
    const runs = diffRuns(text);
    expect(runs.map((r) => r.kind)).toEqual(['hunk', 'context', 'del', 'add', 'context']);
    expect(runs.map((r) => r.text).join('\n')).toBe(text);
    expect(runs[2]?.text).toBe('-c\n-d');
  });
});

describe('a patch split by a blank line', () => {
  it('keeps the blocks after the first one a diff, and leaves prose after a diff alone', () => {
    const body = [
      'diff --git a/x.c b/x.c',
      '--- a/x.c',
      '+++ b/x.c',
      '@@ -1,4 +1,6 @@',
      ' int a;',
      '+int b;',
      '',
      '-static int f(struct x *p,',
      '+static int g(struct x *p,',
      ' \t      int flags)',
      '',
      'Thanks, this looks right.',
    ].join('\n');
    const blocks = parseBody(body);
    expect(blocks.map((b) => (b.kind === 'quote' ? 'quote' : `${b.kind}:${b.lang ?? ''}`))).toEqual([
      'code:diff',
      'code:diff',
      'paragraph:',
    ]);
  });
});
