// Commits cited the kernel's way link to git.kernel.org; web links (syzbot's too) stay links.
import { describe, expect, it } from 'vitest';
import { linkify } from '../../../src/lib/mail/linkify.ts';

const links = (text: string) => linkify(text).filter((s) => s.kind === 'link');
const commit = (sha: string) =>
  `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${sha}`;

describe('linkify: commit ids', () => {
  it('links a Fixes: tag and a commit cited in prose', () => {
    expect(links('Fixes: b95845178328 ("RDMA/widget: take the lock")')).toEqual([
      { kind: 'link', text: 'b95845178328', href: commit('b95845178328') },
    ]);
    expect(
      links(
        'This was introduced by commit 0e442afd92fc ("x") and\nCommit 1234567890abcdef1234567890abcdef12345678 upstream.',
      ),
    ).toEqual([
      { kind: 'link', text: '0e442afd92fc', href: commit('0e442afd92fc') },
      {
        kind: 'link',
        text: '1234567890abcdef1234567890abcdef12345678',
        href: commit('1234567890abcdef1234567890abcdef12345678'),
      },
    ]);
  });

  it('keeps the text around a commit link intact', () => {
    const text = 'Fixes: b95845178328 ("RDMA/widget: take the lock")';
    expect(
      linkify(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('leaves hex without a commit context, lockdep addresses and hex words alone', () => {
    expect(links('ffff888124f8c0c8 (&dev->lock){+.+.}-{3:3}, at: foo+0x1/0x2')).toEqual([]);
    expect(links('the b95845178328 change')).toEqual([]);
    expect(links('commit deadbeef')).toEqual([]);
    expect(links('commit 0e442afd92fc-ish')).toEqual([]);
  });

  it('keeps syzbot links as links', () => {
    const text =
      'syzbot report: https://syzkaller.appspot.com/bug?extid=5a3ba39a7f9af0cf6f2d\nFixes: 0e442afd92fc ("x")';
    expect(links(text).map((l) => l.href)).toEqual([
      'https://syzkaller.appspot.com/bug?extid=5a3ba39a7f9af0cf6f2d',
      commit('0e442afd92fc'),
    ]);
  });
});
