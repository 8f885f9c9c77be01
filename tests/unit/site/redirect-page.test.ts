import { describe, expect, it } from 'vitest';
import { escapeHtml, redirectPageHtml } from '../../../src/lib/site/redirect-page.ts';

describe('redirect pages', () => {
  it('send the reader on with a refresh, a canonical address without the query, and one link', () => {
    const html = redirectPageHtml({
      title: 'Nested view',
      target: '/threads/t/2/?view=nested',
      canonical: '/threads/t/2/',
      lead: 'The nested view is a switch:',
      linkText: 'open it',
    });
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/threads/t/2/?view=nested">');
    expect(html).toContain('<link rel="canonical" href="/threads/t/2/">');
    expect(html).toContain('<title>Nested view · Lockstep</title>');
    expect(html).toContain(
      '<p>The nested view is a switch: <a href="/threads/t/2/?view=nested">open it</a>.</p>',
    );
    // Nothing runs on it: no script source is allowed at all.
    expect(html).toContain(`content="default-src 'none';`);
    expect(html).not.toContain('script-src');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('escape every string taken from mail', () => {
    const html = redirectPageHtml({
      title: '</title><script>alert(1)</script>',
      target: '/threads/t/#m1',
      lead: 'In:',
      linkText: '"><img src=x onerror=alert(1)>',
      permalink: true,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Lockstep</title>');
    expect(html).toContain('data-permalink-target>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>');
    expect(escapeHtml(`&<>"'`)).toBe(`&amp;&lt;&gt;&quot;'`);
  });
});
