// lore addresses: escaping a Message-ID into a URL and reading one back from what people paste.
import { describe, expect, it } from 'vitest';
import { loreEscape, lorePermalink, loreThreadMboxUrl, parseLoreRef } from '../../../src/lib/mail/lore.ts';

describe('loreEscape', () => {
  it('keeps what public-inbox keeps and escapes the rest as UTF-8 %XX', () => {
    expect(loreEscape('20200707201229.472834-26-daniel.vetter@ffwll.ch')).toBe(
      '20200707201229.472834-26-daniel.vetter@ffwll.ch',
    );
    expect(loreEscape("a+b=c$d&e'f(g)*h,i;j:k!l~m@x")).toBe("a+b=c$d&e'f(g)*h,i;j:k!l~m@x");
    expect(loreEscape('a/b%c?d#e f@x')).toBe('a%2Fb%25c%3Fd%23e%20f@x');
    expect(loreEscape('é@x')).toBe('%C3%A9@x');
  });

  it('builds the permalink and the thread mbox URL', () => {
    expect(lorePermalink('a/b@x')).toBe('https://lore.kernel.org/all/a%2Fb@x/');
    expect(loreThreadMboxUrl('a@x', 'http://127.0.0.1:1/all/')).toBe('http://127.0.0.1:1/all/a@x/t.mbox.gz');
  });
});

describe('parseLoreRef', () => {
  const id = 'CAHj4cs_ta5WR7j0qvHyr1tSCR-U7=svY5j8Hctd7YUMNcGXsaA@mail.gmail.com';
  it.each([
    [id, { messageId: id }],
    [`<${id}>`, { messageId: id }],
    [`id:${id}`, { messageId: id }],
    [`mid:<${id}>`, { messageId: id }],
    [`  ${id}\n`, { messageId: id }],
    [
      `https://lore.kernel.org/linux-rdma/${id}/`,
      { messageId: id, base: 'https://lore.kernel.org/linux-rdma' },
    ],
    [
      `https://lore.kernel.org/linux-rdma/${id}/T/#u`,
      { messageId: id, base: 'https://lore.kernel.org/linux-rdma' },
    ],
    [`https://lore.kernel.org/all/${id}/t/#mabc`, { messageId: id, base: 'https://lore.kernel.org/all' }],
    [`https://lore.kernel.org/netdev/${id}/raw`, { messageId: id, base: 'https://lore.kernel.org/netdev' }],
    [
      `https://lore.kernel.org/netdev/${id}/t.mbox.gz`,
      { messageId: id, base: 'https://lore.kernel.org/netdev' },
    ],
    [`https://lore.kernel.org/netdev/${id}`, { messageId: id, base: 'https://lore.kernel.org/netdev' }],
    [`https://lore.kernel.org/r/${id}`, { messageId: id, base: 'https://lore.kernel.org/all' }],
    [`https://patch.msgid.link/${id}`, { messageId: id }],
    ['https://lore.kernel.org/all/a%2Fb%40x/', { messageId: 'a/b@x', base: 'https://lore.kernel.org/all' }],
    ['https://lore.kernel.org/all/a/b@x/T/', { messageId: 'a/b@x', base: 'https://lore.kernel.org/all' }],
  ])('%s', (input, want) => {
    expect(parseLoreRef(input)).toEqual(want);
  });

  it('rejects what holds no Message-ID', () => {
    for (const bad of [
      '',
      '<>',
      'two words',
      'https://lore.kernel.org/linux-rdma/',
      'https://lore.kernel.org/',
    ]) {
      expect(parseLoreRef(bad), bad).toBeNull();
    }
  });
});
